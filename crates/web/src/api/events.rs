//! `GET /api/v1/events?after=CURSOR&limit=N`.

use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kp_app::api::{ApiError, Caller, events};
use serde::Deserialize;

use super::json::json;
use super::problem::{ApiFailure, Problem};
use crate::routes::Routes;
use crate::state::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// `next_cursor` of the previous answer; none for the start.
    after: Option<String>,
    /// Events per answer, 1 to 1,000 (default 100).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 1000)]
    limit: Option<String>,
}

/// The tenant's events in commit order, without gaps or duplicates.
///
/// Poll with `after` set to the last `next_cursor` (the same cursor comes
/// back while nothing new has committed).
#[utoipa::path(
    get,
    path = "/api/v1/events",
    tag = "events",
    operation_id = "list_events",
    params(FeedParams),
    responses(
        (status = 200, description = "Events after the cursor", body = events::Feed),
        (status = 400, description = "Bad request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the scope events", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid cursor or limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn feed(
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

pub fn routes() -> Routes {
    Routes::new().get("/api/v1/events", feed)
}
