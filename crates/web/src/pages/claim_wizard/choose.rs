//! Step 1: the insured object or contract, searched by plate, address or
//! policy number, ten per page. Without a draft (`/claims/report`) the
//! choice starts one; with a draft it changes the draft's choice. An
//! approver changes a draft awaiting approval the same way
//! (`/claims/approvals/{id}/object`, [`Mode::Approval`]): the search runs
//! over the approver's scope and profile.

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::claim_wizard::approval_edit;
use kp_app::claim_wizard::{self, CHOICES_PER_PAGE, Draft, StepInput, TargetRow};
use kp_domain::Principal;
use serde::{Deserialize, Serialize};

use super::{Mode, Progress, draft_path};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::pages::claim_approval::render_list;
use crate::pages::{parse_id, urlencode};

const TEMPLATE: &str = "pages/claim_wizard_object.html";
const TITLE: &str = "claim-wizard-title";

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct SearchQuery {
    q: String,
    page: Option<u32>,
}

#[derive(Serialize)]
struct View {
    progress: Progress,
    action: String,
    q: String,
    choices: Vec<TargetRow>,
    total: i64,
    page: u32,
    pages: u32,
    prev_href: Option<String>,
    next_href: Option<String>,
    selected: String,
    errors: FormErrors,
    /// Where "cancel" leads: the claims page, or the approver's review.
    leave: String,
    mode: Mode,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct ChoiceForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    choice: String,
    q: String,
}

/// `"<contract>"` or `"<contract>-<object>"`, as the radio buttons send it.
fn parse_choice(text: &str) -> Option<(i64, Option<i64>)> {
    match text.split_once('-') {
        Some((k, o)) => Some((parse_id(k)?, Some(parse_id(o)?))),
        None => Some((parse_id(text)?, None)),
    }
}

/// Where the page is: the draft (none before it is started) and whose.
#[derive(Clone, Copy)]
struct At {
    draft: Option<i64>,
    mode: Mode,
}

impl At {
    const START: At = At {
        draft: None,
        mode: Mode::Own,
    };

    fn action(self) -> String {
        match self.draft {
            Some(id) => self.mode.path(id, claim_wizard::Step::Object),
            None => "/claims/report".to_owned(),
        }
    }
}

async fn render(
    ctx: &PageCtx,
    at: At,
    q: &str,
    page: u32,
    selected: String,
    errors: FormErrors,
) -> WebResult {
    let principal = ctx.require_user()?;
    let app = &ctx.state.app;
    let search = Some(q.trim()).filter(|q| !q.is_empty());
    let (choices, total) = match (at.mode, at.draft) {
        (Mode::Approval, Some(id)) => {
            let (_, rows, total) = approval_edit::choices(app, principal, id, search, page).await?;
            (rows, total)
        }
        _ => claim_wizard::choices(app, principal, search, page).await?,
    };
    let per_page = i64::from(CHOICES_PER_PAGE);
    let pages = u32::try_from((total + per_page - 1) / per_page)
        .unwrap_or(1)
        .max(1);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let action = at.action();
    let href = |p: u32| format!("{action}?q={}&page={p}", urlencode(q));
    let view = View {
        progress: Progress::in_mode(claim_wizard::Step::Object, at.draft, at.mode),
        prev_href: (page > 1).then(|| href(page - 1)),
        next_href: (page < pages).then(|| href(page + 1)),
        leave: match (at.mode, at.draft) {
            (Mode::Approval, Some(id)) => at.mode.path(id, claim_wizard::Step::Summary),
            _ => "/claims".to_owned(),
        },
        mode: at.mode,
        action,
        q: q.to_owned(),
        choices,
        total,
        page,
        pages,
        selected,
        errors,
    };
    Ok((status, Html(ctx.render(TEMPLATE, TITLE, view)?)).into_response())
}

fn required() -> FormErrors {
    FormErrors::from(vec![kp_app::FieldError {
        field: "choice",
        key: "claim-wizard-error-choice",
    }])
}

/// `GET /claims/report`: the first step before a draft exists.
pub(super) async fn start_page(ctx: PageCtx, Query(s): Query<SearchQuery>) -> WebResult {
    let principal = ctx.require_user()?;
    claim_wizard::reporter(principal)?;
    let page = s.page.unwrap_or(1).max(1);
    render(
        &ctx,
        At::START,
        &s.q,
        page,
        String::new(),
        FormErrors::default(),
    )
    .await
}

/// `POST /claims/report`: the choice starts a draft.
pub(super) async fn start(ctx: PageCtx, Form(form): Form<ChoiceForm>) -> WebResult {
    let principal = ctx.require_user()?;
    claim_wizard::reporter(principal)?;
    ctx.check_csrf(&form.csrf)?;
    let Some((contract, object)) = parse_choice(form.choice.trim()) else {
        return render(&ctx, At::START, &form.q, 1, form.choice, required()).await;
    };
    let id = claim_wizard::start(&ctx.state.app, principal, contract, object).await?;
    Ok(Redirect::to(&draft_path(id, claim_wizard::Step::Loss)).into_response())
}

fn draft_id(id: &str) -> Result<i64, WebError> {
    parse_id(id).ok_or(WebError::NotFound)
}

/// The draft as the mode shows it (the drafter's own, or one awaiting the
/// approver).
async fn draft_in(
    ctx: &PageCtx,
    principal: &Principal,
    id: i64,
    mode: Mode,
) -> Result<Draft, AppError> {
    let app = &ctx.state.app;
    match mode {
        Mode::Own => claim_wizard::load(app, principal, id).await,
        Mode::Approval => Ok(claim_wizard::approval::review(app, principal, id)
            .await?
            .draft),
    }
}

/// An approver's action on a draft handled meanwhile: the list with its
/// message (409); anything else as it is.
async fn answer(ctx: &PageCtx, err: AppError, mode: Mode) -> WebResult {
    match (err, mode) {
        (AppError::Conflict, Mode::Approval) => render_list(ctx, true).await,
        (other, _) => Err(other.into()),
    }
}

/// `GET /claims/drafts/{id}/object` (and the approver's
/// `/claims/approvals/{id}/object`): the first step of a draft.
pub(crate) async fn page(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(s): Query<SearchQuery>,
    mode: Mode,
) -> WebResult {
    let principal = ctx.require_user()?;
    let id = draft_id(&id)?;
    let draft = match draft_in(&ctx, principal, id, mode).await {
        Ok(draft) => draft,
        Err(err) => return answer(&ctx, err, mode).await,
    };
    let selected = match draft.target.object_id {
        Some(o) => format!("{}-{o}", draft.target.contract_id),
        None => draft.target.contract_id.to_string(),
    };
    let page = s.page.unwrap_or(1).max(1);
    let at = At {
        draft: Some(id),
        mode,
    };
    render(&ctx, at, &s.q, page, selected, FormErrors::default()).await
}

/// `POST /claims/drafts/{id}/object` (and the approver's): another choice
/// for the draft.
pub(crate) async fn save(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<ChoiceForm>,
    mode: Mode,
) -> WebResult {
    let principal = ctx.require_user()?;
    let id = draft_id(&id)?;
    // The draft first: another user's id is a 404 before anything else.
    if let Err(err) = draft_in(&ctx, principal, id, mode).await {
        return answer(&ctx, err, mode).await;
    }
    ctx.check_csrf(&form.csrf)?;
    let at = At {
        draft: Some(id),
        mode,
    };
    let Some((contract, object)) = parse_choice(form.choice.trim()) else {
        return render(&ctx, at, &form.q, 1, form.choice, required()).await;
    };
    let app = &ctx.state.app;
    let saved = match mode {
        Mode::Own => {
            let input = StepInput::Object { contract, object };
            claim_wizard::save(app, principal, id, input).await
        }
        Mode::Approval => approval_edit::change_object(app, principal, id, contract, object).await,
    };
    match saved {
        Ok(next) => Ok(Redirect::to(&mode.path(id, next)).into_response()),
        Err(AppError::Validation(errors)) => {
            render(&ctx, at, &form.q, 1, form.choice, errors.into()).await
        }
        Err(other) => answer(&ctx, other, mode).await,
    }
}
