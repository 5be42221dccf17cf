//! `POST /account/password`: the current password, the new one twice. A
//! wrong current password or a new one the policy refuses shows the page
//! again with the message at its field (422); no password is ever put back
//! into the form.

use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::password_change::{self, PasswordChange};
use serde::Deserialize;

use super::{PATH, render};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().post("/account/password", change)
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_repeat: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn change(
    ctx: PageCtx,
    headers: axum::http::HeaderMap,
    ClientAddr(client): ClientAddr,
    Form(form): Form<PasswordForm>,
) -> WebResult {
    ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    let session = ctx.session.as_ref().ok_or(WebError::NotFound)?;
    let request = PasswordChange {
        current: &form.current_password,
        new: &form.new_password,
        repeated: &form.new_password_repeat,
        client,
        user_agent: headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default(),
    };
    match password_change::change(&ctx.state.app, session, request).await {
        Ok(()) => Ok(Redirect::to(&format!("{PATH}?done=password#password")).into_response()),
        Err(AppError::Validation(errors)) => {
            render(
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                FormErrors::from(errors),
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}
