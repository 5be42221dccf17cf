//! Passkey pages: the JSON endpoints `static/passkeys.js` calls around
//! `navigator.credentials.create`/`get` (options with a fresh challenge,
//! then the browser's answer in base64url), and the plain forms that
//! rename and remove a passkey on `/account/two-factor`.
//!
//! The endpoints take form-encoded posts with the page's form token, like
//! every form here, and answer JSON: `{"token", "publicKey"}` for options,
//! `{"redirect"}` when done, `{"error", "errors": {field: message}}` with
//! a 4xx status otherwise (messages in the user's language).

mod account;
mod options;
mod sign_in;

use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::response::Response;
use fluent_templates::fluent_bundle::FluentValue;
use kp_app::AppError;
use kp_app::passkeys::RelyingParty;
use kp_app::webauthn::base64url_decode;
use serde_json::{Map, Value, json};

use crate::api::json::json as json_answer;
use crate::context::PageCtx;
use crate::error::WebError;
use crate::i18n;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .merge(account::routes())
        .merge(sign_in::routes())
}

/// The portal's relying party (`public_url`).
fn relying_party(ctx: &PageCtx) -> Result<RelyingParty, WebError> {
    Ok(RelyingParty::of(&ctx.state.app)?)
}

/// A base64url field of the browser's answer; anything else is a
/// malformed answer, refused like a wrong one.
fn bytes(field: &str) -> Option<Vec<u8>> {
    base64url_decode(field.trim())
}

/// `{"redirect": to}`.
fn redirect(to: &str) -> Response {
    json_answer(StatusCode::OK, &json!({ "redirect": to }))
}

/// A refusal with one message (a translation key) for the whole form.
fn failure(ctx: &PageCtx, status: StatusCode, key: &str) -> Response {
    let message = i18n::text(ctx.language, key);
    json_answer(status, &json!({ "error": message, "errors": {} }))
}

/// How an application error reads to the script: field messages (422),
/// the throttle's pause (429 with `Retry-After`), a refused answer (401 or
/// 422 with `refused_key`), an expired ceremony; other errors as pages do.
fn app_failure(ctx: &PageCtx, err: AppError, refused_key: &str) -> Result<Response, WebError> {
    Ok(match err {
        AppError::Validation(errors) => {
            let mut fields = Map::new();
            for e in errors {
                fields
                    .entry(e.field)
                    .or_insert_with(|| Value::from(i18n::text(ctx.language, e.key)));
            }
            let body = json!({ "error": i18n::text(ctx.language, "passkey-form-errors"), "errors": fields });
            json_answer(StatusCode::UNPROCESSABLE_ENTITY, &body)
        }
        AppError::TooManyAttempts { retry_after_secs } => {
            let minutes = FluentValue::from(retry_after_secs.div_ceil(60));
            let message = i18n::text_with(ctx.language, "login-too-many", &[("count", minutes)]);
            let body = json!({ "error": message, "errors": {} });
            let mut response = json_answer(StatusCode::TOO_MANY_REQUESTS, &body);
            response
                .headers_mut()
                .insert(RETRY_AFTER, retry_after_secs.into());
            response
        }
        AppError::InvalidCredentials => failure(ctx, StatusCode::UNAUTHORIZED, refused_key),
        AppError::Invalid(_) => failure(ctx, StatusCode::UNPROCESSABLE_ENTITY, refused_key),
        // The ceremony expired or was used: start again.
        AppError::NotFound => failure(ctx, StatusCode::UNPROCESSABLE_ENTITY, "passkey-expired"),
        AppError::Conflict => failure(ctx, StatusCode::CONFLICT, "passkey-duplicate"),
        other => return Err(other.into()),
    })
}
