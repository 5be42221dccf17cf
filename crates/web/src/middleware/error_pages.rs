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
use crate::error::ErrorPage;
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
    let Some(ErrorPage(status)) = response.extensions().get::<ErrorPage>().copied() else {
        return response;
    };
    let (title_key, message_key) = match status {
        StatusCode::NOT_FOUND => ("error-404-title", "error-404-message"),
        StatusCode::FORBIDDEN => ("error-403-title", "error-403-message"),
        _ => ("error-500-title", "error-500-message"),
    };
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

/// Turns a panic into a marked 500 so that the page above is shown.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("handler panicked");
    crate::error::WebError::Internal("panic".to_owned()).into_response()
}
