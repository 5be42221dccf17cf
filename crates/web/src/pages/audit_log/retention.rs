//! `POST /staff/audit/retention`: how many days audit entries are kept
//! (30–3,650, 730 by default); older ones are removed by the server's
//! housekeeping. Bad input: 422 with the message at the field.

use axum::Form;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::{AppError, audit_log};
use serde::Deserialize;

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::staff_users::require_admin;

#[derive(Deserialize)]
pub(super) struct RetentionForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    retention_days: String,
}

pub(super) async fn save(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Form(form): Form<RetentionForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let app = &ctx.state.app;
    match audit_log::save_retention(app, principal, &form.retention_days, client).await {
        Ok(_) => Ok(Redirect::to("/staff/audit?saved=1#retention").into_response()),
        Err(AppError::Validation(errors)) => {
            let typed = Some(form.retention_days.chars().take(20).collect());
            let html = super::render(&ctx, Vec::new(), typed, FormErrors::from(errors)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
