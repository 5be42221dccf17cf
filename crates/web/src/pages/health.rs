//! Liveness, readiness and metrics for operators and load balancers.

use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;

use crate::cidr::any_contains;
use crate::error::WebError;
use crate::middleware::client_addr::ClientAddr;
use crate::routes::Routes;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/healthz", healthz)
        .get("/readyz", readyz)
        .get("/metrics", metrics)
}

/// The process is up. Passes the full middleware stack, which makes it the
/// baseline route of the benchmark.
async fn healthz() -> &'static str {
    "ok"
}

/// The database answers.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match kp_app::health::ready(&state.app).await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// Only for the allowed addresses (monitoring); everyone else gets the
/// ordinary 404, so the endpoint is not even visible.
async fn metrics(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
) -> Result<impl IntoResponse, WebError> {
    if !any_contains(&state.config.metrics_allow, client) {
        return Err(WebError::NotFound);
    }
    let body = state
        .metrics
        .as_ref()
        .map(|m| m.render())
        .unwrap_or_default();
    Ok(([(CONTENT_TYPE, "text/plain; version=0.0.4")], body))
}
