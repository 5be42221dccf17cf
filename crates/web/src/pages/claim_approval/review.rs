//! One draft awaiting approval: its summary, "submit" (the report goes to
//! the broker) and "send back" with a comment for the drafter. An action
//! on a draft another approver handled meanwhile shows the list with a
//! message (409) and changes nothing.

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::claim_wizard::approval;
use serde::Deserialize;

use super::render_list;
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::pages::claim_wizard::Mode;
use crate::pages::claim_wizard::steps::{SUMMARY, TITLE, TokenForm, draft_id, summary_view};

/// `GET /claims/approvals/{id}`.
pub(super) async fn page(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = ctx.require_user()?;
    let id = draft_id(&id)?;
    match approval::review(&ctx.state.app, principal, id).await {
        Ok(review) => {
            let view = summary_view(review.draft, review.files, Mode::Approval, false);
            Ok(Html(ctx.render(SUMMARY, TITLE, view)?).into_response())
        }
        Err(AppError::Conflict) => render_list(&ctx, true).await,
        Err(other) => Err(other.into()),
    }
}

/// `POST /claims/approvals/{id}/submit`: the report's page with its
/// reference number.
pub(super) async fn submit(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<TokenForm>,
) -> WebResult {
    let principal = ctx.require_user()?;
    let id = draft_id(&id)?;
    let app = &ctx.state.app;
    // The draft first: another organization's id is a 404 before the token.
    match approval::review(app, principal, id).await {
        Err(AppError::Conflict) => return render_list(&ctx, true).await,
        Err(other) => return Err(other.into()),
        Ok(_) => {}
    }
    ctx.check_csrf(&form.csrf)?;
    match approval::submit(app, principal, id).await {
        Ok((report, _)) => {
            Ok(Redirect::to(&format!("/claims/reports/{report}?sent=1")).into_response())
        }
        Err(AppError::Conflict) => render_list(&ctx, true).await,
        Err(AppError::Validation(_)) => {
            let review = approval::review(app, principal, id).await?;
            let html = ctx.render(
                SUMMARY,
                TITLE,
                summary_view(review.draft, review.files, Mode::Approval, false),
            )?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ReturnForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    comment: String,
}

/// `POST /claims/approvals/{id}/return`: back to the list.
pub(super) async fn send_back(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<ReturnForm>,
) -> WebResult {
    let principal = ctx.require_user()?;
    let id = draft_id(&id)?;
    let app = &ctx.state.app;
    let review = match approval::review(app, principal, id).await {
        Err(AppError::Conflict) => return render_list(&ctx, true).await,
        Err(other) => return Err(other.into()),
        Ok(review) => review,
    };
    ctx.check_csrf(&form.csrf)?;
    match approval::send_back(app, principal, id, &form.comment).await {
        Ok(()) => Ok(Redirect::to("/claims/approvals?returned=1").into_response()),
        Err(AppError::Conflict) => render_list(&ctx, true).await,
        Err(AppError::Validation(errors)) => {
            let mut view = summary_view(review.draft, review.files, Mode::Approval, false);
            view.comment = form.comment;
            view.errors = errors.into();
            let html = ctx.render(SUMMARY, TITLE, view)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
