//! Step 1: the insured object or contract, searched by plate, address or
//! policy number, ten per page. Without a draft (`/claims/report`) the
//! choice starts one; with a draft it changes the draft's choice.

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::claim_wizard::{self, CHOICES_PER_PAGE, StepInput, TargetRow};
use serde::{Deserialize, Serialize};

use super::{Progress, draft_path};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::pages::{parse_id, urlencode};

const TEMPLATE: &str = "pages/claim_wizard_object.html";
const TITLE: &str = "claim-wizard-title";

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct SearchQuery {
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
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ChoiceForm {
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

async fn render(
    ctx: &PageCtx,
    action: String,
    draft: Option<i64>,
    q: &str,
    page: u32,
    selected: String,
    errors: FormErrors,
) -> WebResult {
    let principal = ctx.require_user()?;
    let search = Some(q.trim()).filter(|q| !q.is_empty());
    let (choices, total) = claim_wizard::choices(&ctx.state.app, principal, search, page).await?;
    let per_page = i64::from(CHOICES_PER_PAGE);
    let pages = u32::try_from((total + per_page - 1) / per_page)
        .unwrap_or(1)
        .max(1);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let href = |p: u32| format!("{action}?q={}&page={p}", urlencode(q));
    let view = View {
        progress: Progress::of(claim_wizard::Step::Object, draft),
        prev_href: (page > 1).then(|| href(page - 1)),
        next_href: (page < pages).then(|| href(page + 1)),
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
        "/claims/report".to_owned(),
        None,
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
        return render(
            &ctx,
            "/claims/report".to_owned(),
            None,
            &form.q,
            1,
            form.choice,
            required(),
        )
        .await;
    };
    let id = claim_wizard::start(&ctx.state.app, principal, contract, object).await?;
    Ok(Redirect::to(&draft_path(id, claim_wizard::Step::Loss)).into_response())
}

fn draft_id(id: &str) -> Result<i64, WebError> {
    parse_id(id).ok_or(WebError::NotFound)
}

/// `GET /claims/drafts/{id}/object`: the first step of a draft.
pub(super) async fn page(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(s): Query<SearchQuery>,
) -> WebResult {
    let principal = ctx.require_user()?;
    let id = draft_id(&id)?;
    let draft = claim_wizard::load(&ctx.state.app, principal, id).await?;
    let selected = match draft.target.object_id {
        Some(o) => format!("{}-{o}", draft.target.contract_id),
        None => draft.target.contract_id.to_string(),
    };
    let page = s.page.unwrap_or(1).max(1);
    let action = draft_path(id, claim_wizard::Step::Object);
    render(
        &ctx,
        action,
        Some(id),
        &s.q,
        page,
        selected,
        FormErrors::default(),
    )
    .await
}

/// `POST /claims/drafts/{id}/object`: another choice for the draft.
pub(super) async fn save(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<ChoiceForm>,
) -> WebResult {
    let principal = ctx.require_user()?;
    let id = draft_id(&id)?;
    // The draft first: another user's id is a 404 before anything else.
    claim_wizard::load(&ctx.state.app, principal, id).await?;
    ctx.check_csrf(&form.csrf)?;
    let action = draft_path(id, claim_wizard::Step::Object);
    let Some((contract, object)) = parse_choice(form.choice.trim()) else {
        return render(&ctx, action, Some(id), &form.q, 1, form.choice, required()).await;
    };
    let input = StepInput::Object { contract, object };
    match claim_wizard::save(&ctx.state.app, principal, id, input).await {
        Ok(next) => Ok(Redirect::to(&draft_path(id, next)).into_response()),
        Err(AppError::Validation(errors)) => {
            render(
                &ctx,
                action,
                Some(id),
                &form.q,
                1,
                form.choice,
                errors.into(),
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}
