//! `Idempotency-Key` on mutating requests: the first answer is stored per
//! token and key and sent again for a retry (marked
//! `Idempotent-Replayed: true`); another body under the same key is a 422,
//! a duplicate while the first runs a 409. Server errors are not stored,
//! so a retry after one runs again. Bulk requests, GDV imports and
//! document uploads pass untouched.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kp_app::api::Caller;
use kp_app::api::idempotency::{self, Start};

use super::problem::{ApiFailure, PROBLEM_JSON, Problem};
use crate::state::AppState;

pub const HEADER: &str = "idempotency-key";
const REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");

pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // Bulk streams its body and its answer, neither of which is held to
    // be stored; its lines are upserts, so a resent body changes nothing.
    // A GDV file is streamed too (and may be far over the JSON limit); a
    // second import of it changes nothing either. A document upload
    // streams its file into the store; it is an upsert by external id, so
    // a resent file changes nothing either.
    let path = request.uri().path();
    let upload = *request.method() == Method::PUT && path.starts_with("/api/v1/documents/");
    let streamed = matches!(path, "/api/v1/bulk" | "/api/v1/imports/gdv") || upload;
    let mutating = matches!(
        *request.method(),
        Method::PUT | Method::POST | Method::DELETE | Method::PATCH
    ) && !streamed;
    let key = request
        .headers()
        .get(HEADER)
        .map(|v| v.to_str().map(str::to_owned));
    let caller = request.extensions().get::<Caller>().cloned();
    let (Some(key), Some(caller), true) = (key, caller, mutating) else {
        return next.run(request).await;
    };
    let Ok(key) = key else {
        return ApiFailure(kp_app::api::ApiError::field(
            "Idempotency-Key",
            "must be visible ASCII",
        ))
        .into_response();
    };
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, state.config.api_body_limit_bytes).await else {
        return Problem::of(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the body is larger than the limit (setting api.body_limit_bytes)",
        )
        .into_response();
    };
    let hash = idempotency::request_hash(parts.method.as_str(), parts.uri.path(), &bytes);
    match idempotency::start(&state.app, &caller, &key, &hash).await {
        Err(e) => ApiFailure(e).into_response(),
        Ok(Start::Replay { status, body }) => replay(status, body),
        Ok(Start::Run) => {
            let response = next
                .run(Request::from_parts(parts, Body::from(bytes)))
                .await;
            let (mut head, body) = response.into_parts();
            // API answers are small JSON documents.
            let body = to_bytes(body, 16 * 1024 * 1024).await.unwrap_or_default();
            let text = String::from_utf8_lossy(&body).into_owned();
            let stored = if head.status.is_server_error() {
                idempotency::abandon(&state.app, &caller, &key).await
            } else {
                idempotency::finish(&state.app, &caller, &key, head.status.as_u16(), &text).await
            };
            if let Err(e) = stored {
                tracing::error!(error = %e, "cannot store the answer of an idempotent request");
            }
            head.headers.remove(axum::http::header::CONTENT_LENGTH);
            Response::from_parts(head, Body::from(body))
        }
    }
}

fn replay(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let kind = if status.is_success() {
        "application/json"
    } else {
        PROBLEM_JSON
    };
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    response
        .headers_mut()
        .insert(REPLAYED, HeaderValue::from_static("true"));
    response
}
