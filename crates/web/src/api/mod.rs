//! The sync API under `/api/v1` (issue 11): JSON for programs of the back
//! office, authenticated by bearer tokens. It shares the outer middleware
//! (client address, request id, metrics, security headers) with the pages
//! but none of theirs: no cookies, no CSRF, no HTML error pages. Every
//! error, including unknown routes, 405, 408, 413 and 415, is a problem
//! document (`problem::layer`). The OpenAPI document (`openapi`) and the
//! reference page (`docs`) need no token.

pub mod auth;
pub mod body_reader;
pub mod bulk;
pub mod docs;
pub mod documents;
pub mod events;
pub mod idempotency;
pub mod imports;
pub mod json;
pub mod openapi;
pub mod problem;
pub mod records;
pub mod responses;
pub mod singles;

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

use crate::routes::{RouteInfo, Routes};
use crate::state::AppState;

/// How long a document upload may take at least: a large file on a slow
/// line needs longer than a JSON request.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// How long a GDV import may take at least: a large file is spooled,
/// checked and written before the answer.
const IMPORT_TIMEOUT: Duration = Duration::from_secs(60 * 60);

/// The routes that need a token and answer within the request timeout.
fn token_routes() -> Routes {
    Routes::new()
        .merge(records::routes())
        .merge(singles::routes())
        .merge(events::routes())
        .merge(bulk::routes())
}

/// The routes that need no token.
fn open_routes() -> Routes {
    Routes::new().merge(openapi::routes()).merge(docs::routes())
}

/// Every route of the API with its method, for tests that must cover them.
pub fn route_table() -> Vec<RouteInfo> {
    let mut table = token_routes().table().to_vec();
    table.extend_from_slice(documents::routes().table());
    table.extend_from_slice(imports::routes().table());
    table.extend_from_slice(open_routes().table());
    table
}

/// The API's router with its own layers; requests under `/api` are sent
/// here before the pages see them.
pub fn router(state: &AppState) -> Router {
    let timeout = Duration::from_secs(state.config.request_timeout_secs);
    // The timeout ends a request's handling up to its answer's head; a
    // bulk answer or a download streams afterwards. An upload or an
    // import answers after the whole file, so they get more time.
    let with_timeout = |routes: Routes, limit: Duration| {
        routes
            .into_router()
            .route_layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                limit,
            ))
    };
    Router::new()
        .merge(with_timeout(token_routes(), timeout))
        .merge(with_timeout(
            documents::routes(),
            timeout.max(UPLOAD_TIMEOUT),
        ))
        .merge(with_timeout(imports::routes(), timeout.max(IMPORT_TIMEOUT)))
        // Inside authentication: it needs the caller.
        .route_layer(from_fn_with_state(state.clone(), idempotency::layer))
        .route_layer(from_fn_with_state(state.clone(), auth::layer))
        // After the token layers: these routes need none.
        .merge(with_timeout(open_routes(), timeout))
        .fallback(|| async { StatusCode::NOT_FOUND })
        // Single records are read whole up to the limit; bulk, document
        // uploads and imports read their streams themselves.
        .layer(DefaultBodyLimit::max(state.config.api_body_limit_bytes))
        .layer(CatchPanicLayer::custom(problem::panic_response))
        .layer(from_fn(problem::layer))
        .with_state(state.clone())
}
