//! `GET /api/v1/events?after=CURSOR&limit=N`.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Router, routing::get};
use kp_app::api::{ApiError, Caller, events};
use serde::Deserialize;

use super::json::json;
use super::problem::ApiFailure;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
struct FeedParams {
    after: Option<String>,
    limit: Option<String>,
}

async fn feed(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(params): Query<FeedParams>,
) -> Result<Response, ApiFailure> {
    let limit = match &params.limit {
        Some(l) => Some(
            l.parse::<i64>()
                .map_err(|_| ApiError::field("limit", "not a number"))?,
        ),
        None => None,
    };
    let feed = events::feed(&state.app, &caller, params.after.as_deref(), limit).await?;
    Ok(json(StatusCode::OK, &feed))
}

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/events", get(feed))
}
