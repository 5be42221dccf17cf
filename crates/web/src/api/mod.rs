//! The sync API under `/api/v1` (issue 11): JSON for programs of the back
//! office, authenticated by bearer tokens. It shares the outer middleware
//! (client address, request id, metrics, security headers) with the pages
//! but none of theirs: no cookies, no CSRF, no HTML error pages. Every
//! error, including unknown routes, 405, 408, 413 and 415, is a problem
//! document (`problem::layer`).

pub mod auth;
pub mod bulk;
pub mod documents;
pub mod events;
pub mod idempotency;
pub mod json;
pub mod problem;
pub mod records;
pub mod singles;

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

use crate::state::AppState;

/// How long a document upload may take at least: a large file on a slow
/// line needs longer than a JSON request.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// The API's router with its own layers; requests under `/api` are sent
/// here before the pages see them.
pub fn router(state: &AppState) -> Router {
    let timeout = Duration::from_secs(state.config.request_timeout_secs);
    // The timeout ends a request's handling up to its answer's head; a
    // bulk answer or a download streams afterwards.
    let records = with_caller(
        state,
        Router::new()
            .merge(records::router())
            .merge(singles::router())
            .merge(events::router())
            .merge(bulk::router()),
    )
    .layer(TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        timeout,
    ));
    let documents = with_caller(state, documents::router()).layer(TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        timeout.max(UPLOAD_TIMEOUT),
    ));
    Router::new()
        .merge(records)
        .merge(documents)
        .fallback(|| async { StatusCode::NOT_FOUND })
        // Single records are read whole up to the limit; bulk and
        // document uploads read their streams themselves.
        .layer(DefaultBodyLimit::max(state.config.api_body_limit_bytes))
        .layer(CatchPanicLayer::custom(problem::panic_response))
        .layer(from_fn(problem::layer))
        .with_state(state.clone())
}

/// Authentication, and idempotency inside it (it needs the caller).
fn with_caller(state: &AppState, routes: Router<AppState>) -> Router<AppState> {
    routes
        .route_layer(from_fn_with_state(state.clone(), idempotency::layer))
        .route_layer(from_fn_with_state(state.clone(), auth::layer))
}
