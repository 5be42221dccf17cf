//! The staff forms of a claim's page: change the status (with a note),
//! add a checklist item, mark one done or remove it. Each answers with a
//! redirect to the claim's page, or that page again (422) with the
//! message at the field and what was typed.

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::claim_after::{checklist, status};
use kp_domain::ClaimId;
use serde::Deserialize;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::pages::claims::detail::{ActionValues, render};
use crate::pages::parse_id;
use crate::pages::staff_users::require_staff;

async fn answer(
    ctx: &PageCtx,
    claim: ClaimId,
    values: ActionValues,
    result: Result<(), AppError>,
    anchor: &str,
) -> WebResult {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/claims/{}#{anchor}", claim.0)).into_response()),
        Err(AppError::Validation(errors)) => {
            render(ctx, claim, StatusCode::UNPROCESSABLE_ENTITY, values, errors).await
        }
        Err(err) => Err(err.into()),
    }
}

pub(super) async fn status(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<ActionValues>,
) -> WebResult {
    let principal = require_staff(&ctx)?;
    let claim = parse_id(&id).map(ClaimId).ok_or(WebError::NotFound)?;
    ctx.check_csrf(&form.csrf)?;
    let result = status::change(&ctx.state.app, principal, claim, &form.status, &form.note).await;
    answer(&ctx, claim, form, result, "claim-timeline").await
}

pub(super) async fn add_item(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<ActionValues>,
) -> WebResult {
    let principal = require_staff(&ctx)?;
    let claim = parse_id(&id).map(ClaimId).ok_or(WebError::NotFound)?;
    ctx.check_csrf(&form.csrf)?;
    let result = checklist::add(&ctx.state.app, principal, claim, &form.text, &form.due_on)
        .await
        .map(|_| ());
    answer(&ctx, claim, form, result, "checklist").await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct TokenOnly {
    #[serde(rename = "_csrf")]
    csrf: String,
}

async fn settle(ctx: PageCtx, id: String, form: TokenOnly, remove: bool) -> WebResult {
    let principal = require_staff(&ctx)?;
    let item = parse_id(&id).ok_or(WebError::NotFound)?;
    ctx.check_csrf(&form.csrf)?;
    let claim = checklist::settle(&ctx.state.app, principal, item, remove).await?;
    Ok(Redirect::to(&format!("/claims/{}#checklist", claim.0)).into_response())
}

pub(super) async fn done(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<TokenOnly>,
) -> WebResult {
    settle(ctx, id, form, false).await
}

pub(super) async fn remove(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<TokenOnly>,
) -> WebResult {
    settle(ctx, id, form, true).await
}
