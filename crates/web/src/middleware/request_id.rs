//! A request id for every request: taken from a trusted proxy's
//! `x-request-id` when well-formed, otherwise generated; logged in a span,
//! returned in the response header, shown on error pages and written
//! with the audit entries of the request (`kp_app::request_scope`).

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::middleware::client_addr::ClientAddr;

pub const HEADER: &str = "x-request-id";

#[derive(Debug, Clone)]
pub struct RequestId(pub String);

pub async fn layer(mut request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    request.extensions_mut().insert(RequestId(id.clone()));
    let client = request
        .extensions()
        .get::<ClientAddr>()
        .copied()
        .unwrap_or(ClientAddr::UNKNOWN);
    let span = tracing::info_span!("request", request_id = %id, client = %client.0, method = %request.method(), path = %request.uri().path());
    let mut response =
        kp_app::request_scope::with_request_id(id.clone(), next.run(request).instrument(span))
            .await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HEADER, value);
    }
    response
}
