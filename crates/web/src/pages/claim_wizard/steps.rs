//! Steps 2–7 of a draft (the documents step is in [`super::documents`]), the summary, send and discard. Each step's form
//! posts to its own page; bad input shows the step again (422) with what
//! was typed and a message at the field, and the draft stays as it was.

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::claim_wizard::approval;
use kp_app::claim_wizard::documents::{self, DraftDocumentRow};
use kp_app::claim_wizard::{self, AmountInput, Draft, DraftData, Sent, Step, StepInput};
use serde::{Deserialize, Serialize};

use super::{CURRENCIES, Mode, Progress, Values};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::format;
use crate::pages::parse_id;

const TEMPLATE: &str = "pages/claim_wizard_step.html";
pub(crate) const SUMMARY: &str = "pages/claim_wizard_summary.html";
pub(crate) const TITLE: &str = "claim-wizard-title";

/// The chosen contract and object as the steps name them.
#[derive(Serialize)]
pub(super) struct TargetView {
    policy_number: String,
    line: String,
    object_description: Option<String>,
    object_plate: Option<String>,
}

impl TargetView {
    pub(super) fn of(draft: &Draft) -> TargetView {
        let t = &draft.target;
        TargetView {
            policy_number: t.policy_number.clone(),
            line: t.line_of_business.clone(),
            object_description: t.object_description.clone(),
            object_plate: t.object_plate.clone().filter(|p| !p.is_empty()),
        }
    }
}

#[derive(Serialize)]
struct StepView {
    progress: Progress,
    action: String,
    draft_id: i64,
    target: TargetView,
    values: Values,
    claim_types: Vec<&'static str>,
    currencies: Vec<String>,
    errors: FormErrors,
    /// Where "later" leads: the claims page, or the approver's review.
    leave: String,
}

/// Every step's fields; a step reads the ones it has.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct StepForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    #[serde(flatten)]
    values: Values,
}

pub(crate) fn draft_id(id: &str) -> Result<i64, WebError> {
    parse_id(id).ok_or(WebError::NotFound)
}

fn currencies(draft: &Draft, chosen: &str) -> Vec<String> {
    let mut out: Vec<String> = CURRENCIES.iter().map(|c| (*c).to_owned()).collect();
    for extra in [draft.target.currency.as_str(), chosen] {
        if !extra.is_empty() && !out.iter().any(|c| c == extra) {
            out.push(extra.to_owned());
        }
    }
    out
}

fn render(
    ctx: &PageCtx,
    draft: &Draft,
    step: Step,
    values: Values,
    errors: FormErrors,
    mode: Mode,
) -> WebResult {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = StepView {
        progress: Progress::in_mode(step, Some(draft.id), mode),
        action: mode.path(draft.id, step),
        leave: match mode {
            Mode::Own => "/claims".to_owned(),
            Mode::Approval => mode.path(draft.id, Step::Summary),
        },
        draft_id: draft.id,
        target: TargetView::of(draft),
        currencies: currencies(draft, &values.currency),
        values,
        claim_types: draft.claim_types().iter().map(|t| t.as_str()).collect(),
        errors,
    };
    Ok((status, Html(ctx.render(TEMPLATE, TITLE, view)?)).into_response())
}

/// The draft as the mode shows it: the drafter's own (a draft awaiting
/// approval shows its summary only), or one awaiting the approver.
async fn draft_in(ctx: &PageCtx, id: i64, mode: Mode) -> Result<Draft, WebError> {
    let principal = ctx.require_user()?;
    let app = &ctx.state.app;
    Ok(match mode {
        Mode::Own => claim_wizard::load(app, principal, id).await?,
        Mode::Approval => approval::review(app, principal, id).await?.draft,
    })
}

pub(crate) async fn page(
    ctx: PageCtx,
    Path(id): Path<String>,
    step: Step,
    mode: Mode,
) -> WebResult {
    let draft = draft_in(&ctx, draft_id(&id)?, mode).await?;
    if draft.awaiting() && mode == Mode::Own {
        return Ok(Redirect::to(&mode.path(draft.id, Step::Summary)).into_response());
    }
    let values = Values::of(&draft.data, ctx.language);
    render(&ctx, &draft, step, values, FormErrors::default(), mode)
}

fn amount(ctx: &PageCtx, text: &str) -> AmountInput {
    let text = text.trim();
    if text.is_empty() {
        return AmountInput::Empty;
    }
    match format::parse_amount(ctx.language, text) {
        Some(minor) => AmountInput::Minor(minor),
        None => AmountInput::Invalid,
    }
}

fn input(ctx: &PageCtx, step: Step, v: &Values) -> Option<StepInput> {
    Some(match step {
        Step::Loss => StepInput::Loss {
            date: v.date.clone(),
            time: v.time.clone(),
            place: v.place.clone(),
        },
        Step::Type => StepInput::Type {
            claim_type: v.claim_type.clone(),
        },
        Step::What => StepInput::What {
            description: v.description.clone(),
        },
        Step::Amount => StepInput::Amount {
            amount: amount(ctx, &v.amount),
            currency: v.currency.clone(),
        },
        Step::Parties => StepInput::Parties {
            third_parties: v.third_parties.clone(),
            police_report: v.police_report.clone(),
        },
        Step::Contact => StepInput::Contact {
            phone: v.phone.clone(),
            email: v.email.clone(),
        },
        Step::Object | Step::Documents | Step::Summary => return None,
    })
}

pub(crate) async fn save(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<StepForm>,
    step: Step,
    mode: Mode,
) -> WebResult {
    let principal = ctx.require_user()?;
    let app = &ctx.state.app;
    // The draft first: another user's id is a 404 before anything else.
    let draft = draft_in(&ctx, draft_id(&id)?, mode).await?;
    ctx.check_csrf(&form.csrf)?;
    let Some(input) = input(&ctx, step, &form.values) else {
        return Err(WebError::NotFound);
    };
    let saved = match mode {
        Mode::Own => claim_wizard::save(app, principal, draft.id, input).await,
        Mode::Approval => approval::save(app, principal, draft.id, input).await,
    };
    match saved {
        Ok(next) => Ok(Redirect::to(&mode.path(draft.id, next)).into_response()),
        Err(AppError::Validation(errors)) => {
            render(&ctx, &draft, step, form.values, errors.into(), mode)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Serialize)]
pub(crate) struct SummaryView {
    progress: Progress,
    draft_id: i64,
    target: TargetView,
    data: DraftData,
    /// The steps still to answer.
    missing: Vec<&'static str>,
    sections: Vec<&'static str>,
    /// The documents and photos added so far.
    files: Vec<DraftDocumentRow>,
    mode: Mode,
    /// `draft`, `awaiting` or `returned`.
    state: String,
    review_comment: String,
    /// "Send" hands the draft to the approvers.
    for_approval: bool,
    /// An approver's comment as typed, with its message.
    pub(crate) comment: String,
    pub(crate) errors: FormErrors,
}

pub(crate) fn summary_view(
    draft: Draft,
    files: Vec<DraftDocumentRow>,
    mode: Mode,
    for_approval: bool,
) -> SummaryView {
    let missing = claim_wizard::missing(&draft.data, draft.line());
    SummaryView {
        progress: Progress::in_mode(Step::Summary, Some(draft.id), mode),
        mode,
        state: draft.state.clone(),
        review_comment: draft.review_comment.clone(),
        for_approval,
        comment: String::new(),
        errors: FormErrors::default(),
        draft_id: draft.id,
        target: TargetView::of(&draft),
        missing: missing.iter().map(|s| s.slug()).collect(),
        sections: Step::ALL
            .iter()
            .filter(|s| **s != Step::Summary)
            .map(|s| s.slug())
            .collect(),
        data: draft.data,
        files,
    }
}

/// `GET /claims/drafts/{id}/summary`: every answer with a "change" link
/// per step, what is still missing, send and discard.
pub(super) async fn summary(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = ctx.require_user()?;
    let app = &ctx.state.app;
    let draft = claim_wizard::load(app, principal, draft_id(&id)?).await?;
    let files = documents::list(app, principal, draft.id).await?;
    let for_approval = approval::needs_approval(app, principal).await?;
    let view = summary_view(draft, files, Mode::Own, for_approval);
    Ok(Html(ctx.render(SUMMARY, TITLE, view)?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct TokenForm {
    #[serde(rename = "_csrf")]
    pub(crate) csrf: String,
}

/// `POST /claims/drafts/{id}/send`. A second submit of a sent draft lands
/// on the same report's page.
pub(super) async fn send(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<TokenForm>,
) -> WebResult {
    let principal = ctx.require_user()?;
    let id = draft_id(&id)?;
    let app = &ctx.state.app;
    ctx.check_csrf(&form.csrf)?;
    match claim_wizard::send(app, principal, id).await {
        Ok(Sent::Created { id, .. }) => {
            Ok(Redirect::to(&format!("/claims/reports/{id}?sent=1")).into_response())
        }
        Ok(Sent::Already { id }) => {
            Ok(Redirect::to(&format!("/claims/reports/{id}?sent=1")).into_response())
        }
        Ok(Sent::ForApproval | Sent::Awaiting) => {
            Ok(Redirect::to("/claims?approval=1").into_response())
        }
        Err(AppError::Validation(_)) => {
            let draft = claim_wizard::load(app, principal, id).await?;
            let files = documents::list(app, principal, id).await?;
            let for_approval = approval::needs_approval(app, principal).await?;
            let view = summary_view(draft, files, Mode::Own, for_approval);
            let html = ctx.render(SUMMARY, TITLE, view)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /claims/drafts/{id}/discard`: back to the claims page.
pub(super) async fn discard(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<TokenForm>,
) -> WebResult {
    let principal = ctx.require_user()?;
    let id = draft_id(&id)?;
    ctx.check_csrf(&form.csrf)?;
    // Another user's id answers like a missing one; a draft whose
    // contract left the scope can still be thrown away.
    claim_wizard::discard(&ctx.state.app, principal, id).await?;
    Ok(Redirect::to("/claims?discarded=1").into_response())
}
