//! Renders the error page for responses marked by [`WebError`], for
//! unknown routes and for panics, in the user's language and with the
//! request id, so that support can find the log entry.
//!
//! [`WebError`]: crate::error::WebError

use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;

use crate::context::request_language;
use crate::error::{ErrorMessage, ErrorPage};
use crate::middleware::request_id::RequestId;
use crate::state::AppState;

#[derive(Serialize)]
struct ErrorView {
    lang: &'static str,
    languages: Vec<&'static str>,
    status: u16,
    title_key: &'static str,
    message_key: &'static str,
    request_id: String,
    broker_name: String,
    csrf: String,
    path: String,
    theme: crate::theme::ThemeView,
}

pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let language = request_language(request.headers());
    let request_id = request
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let csrf = request
        .extensions()
        .get::<crate::context::AnonToken>()
        .map(|t| t.0.clone())
        .unwrap_or_default();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let status = match response.extensions().get::<ErrorPage>().copied() {
        Some(ErrorPage(status)) => status,
        None if is_plain_rejection(&response) => response.status(),
        None => return response,
    };
    let (title_key, mut message_key) = keys(status);
    if let Some(ErrorMessage(key)) = response.extensions().get::<ErrorMessage>() {
        message_key = key;
    }
    let view = ErrorView {
        lang: language.code(),
        languages: kp_domain::Language::ALL.iter().map(|l| l.code()).collect(),
        status: status.as_u16(),
        title_key,
        message_key,
        request_id,
        broker_name: state.config.broker_name.clone(),
        csrf,
        path,
        theme: state.themes.snapshot().view(None),
    };
    let body = state.templates.render(
        "pages/error.html",
        minijinja::Value::from(minijinja::value::Serde(&view)),
    );
    let mut out = match body {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "error page failed to render");
            (status, format!("{} ({})", status, view.request_id)).into_response()
        }
    };
    // Keep headers set further in (e.g. Set-Cookie), but not a stale type.
    for (name, value) in response.headers() {
        if name != CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
            out.headers_mut().append(name, value.clone());
        }
    }
    out.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    out
}

/// Plain-text answers of the layers and extractors below the handlers
/// (timeout, body limit, unreadable form or query): shown as the error
/// page too, so a visitor never meets a bare English line.
fn is_plain_rejection(response: &Response) -> bool {
    // HTML pages and the JSON answers of the pages' own endpoints (the
    // passkey script reads their messages) are meant as they are.
    let deliberate = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
    !deliberate
        && matches!(
            response.status(),
            StatusCode::BAD_REQUEST
                | StatusCode::REQUEST_TIMEOUT
                | StatusCode::PAYLOAD_TOO_LARGE
                | StatusCode::UNSUPPORTED_MEDIA_TYPE
                | StatusCode::UNPROCESSABLE_ENTITY
        )
}

/// Title and message of the page for a status.
fn keys(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 | 415 => ("error-400-title", "error-400-message"),
        403 => ("error-403-title", "error-403-message"),
        404 => ("error-404-title", "error-404-message"),
        408 => ("error-408-title", "error-408-message"),
        409 => ("error-409-title", "error-409-message"),
        413 => ("error-413-title", "error-413-message"),
        422 => ("error-422-title", "error-422-message"),
        429 => ("error-429-title", "error-429-message"),
        503 => ("error-503-title", "error-503-message"),
        _ => ("error-500-title", "error-500-message"),
    }
}

/// Turns a panic into a marked 500 so that the page above is shown.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("handler panicked");
    crate::error::WebError::Internal("panic".to_owned()).into_response()
}
