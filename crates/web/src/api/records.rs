//! The record routes: `PUT/GET/DELETE /api/v1/<collection>/{external_id}`
//! and `GET /api/v1/<collection>` for every resource, the same shape each.

use axum::Router;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use kp_app::api::{ApiError, ListQuery, Outcome, UpsertResult};
use serde::Deserialize;

use super::json::json;
use super::problem::ApiFailure;
use crate::state::AppState;

/// The query string of a list.
#[derive(Debug, Deserialize)]
pub struct ListParams {
    pub cursor: Option<String>,
    pub limit: Option<String>,
    pub updated_since: Option<String>,
}

impl ListParams {
    pub fn query(&self) -> Result<ListQuery, ApiError> {
        let limit = match &self.limit {
            Some(l) => Some(
                l.parse::<i64>()
                    .map_err(|_| ApiError::field("limit", "not a number"))?,
            ),
            None => None,
        };
        let updated_since = match &self.updated_since {
            Some(t) => Some(
                DateTime::parse_from_rfc3339(t)
                    .map_err(|_| {
                        ApiError::field(
                            "updated_since",
                            "not an RFC 3339 time (2025-01-31T12:00:00Z)",
                        )
                    })?
                    .with_timezone(&Utc),
            ),
            None => None,
        };
        Ok(ListQuery {
            cursor: self.cursor.clone(),
            limit,
            updated_since,
        })
    }
}

pub type Params = Query<ListParams>;

/// 201 for a created record, 200 otherwise.
pub fn upserted(result: Result<UpsertResult, ApiError>) -> Result<Response, ApiFailure> {
    let result = result?;
    let status = if result.result == Outcome::Created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(json(status, &result))
}

/// Declares the four handlers of one resource and their routes.
macro_rules! resource {
    ($name:ident, $module:ident, $data:ty, $collection:literal) => {
        pub mod $name {
            use axum::body::Bytes;
            use axum::extract::{Path, State};
            use axum::http::{HeaderMap, StatusCode};
            use axum::response::{IntoResponse, Response};
            use axum::routing::get;
            use axum::{Extension, Router};
            use kp_app::api::{Caller, $module};

            use super::super::json::{body, json};
            use super::super::problem::ApiFailure;
            use super::{Params, upserted};
            use crate::state::AppState;

            async fn put(
                State(state): State<AppState>,
                Extension(caller): Extension<Caller>,
                Path(ext): Path<String>,
                headers: HeaderMap,
                bytes: Bytes,
            ) -> Response {
                if let Err(e) = caller.require(&$module::RESOURCE.write_scope()) {
                    return ApiFailure(e).into_response();
                }
                let data: $data = match body(&headers, &bytes) {
                    Ok(d) => d,
                    Err(p) => return p.into_response(),
                };
                upserted($module::upsert(&state.app, &caller, &ext, data).await).into_response()
            }

            async fn one(
                State(state): State<AppState>,
                Extension(caller): Extension<Caller>,
                Path(ext): Path<String>,
            ) -> Result<Response, ApiFailure> {
                let doc = $module::get(&state.app, &caller, &ext).await?;
                Ok(json(StatusCode::OK, &doc))
            }

            async fn delete(
                State(state): State<AppState>,
                Extension(caller): Extension<Caller>,
                Path(ext): Path<String>,
            ) -> Result<Response, ApiFailure> {
                let result = $module::delete(&state.app, &caller, &ext).await?;
                Ok(json(StatusCode::OK, &result))
            }

            async fn list(
                State(state): State<AppState>,
                Extension(caller): Extension<Caller>,
                params: Params,
            ) -> Result<Response, ApiFailure> {
                let q = params.query()?;
                let page = $module::list(&state.app, &caller, &q).await?;
                Ok(json(StatusCode::OK, &page))
            }

            pub fn router() -> Router<AppState> {
                Router::new()
                    .route(concat!("/api/v1/", $collection), get(list))
                    .route(
                        concat!("/api/v1/", $collection, "/{external_id}"),
                        get(one).put(put).delete(delete),
                    )
            }
        }
    };
}

resource!(
    customers,
    customers,
    kp_app::api::customers::CustomerData,
    "customers"
);
resource!(
    contracts,
    contracts,
    kp_app::api::contracts::ContractData,
    "contracts"
);
resource!(
    objects,
    objects,
    kp_app::api::objects::ObjectData,
    "objects"
);
resource!(claims, claims, kp_app::api::claims::ClaimData, "claims");
resource!(
    finance,
    finance,
    kp_app::api::finance::FinanceData,
    "finance-items"
);

resource!(staff, staff, kp_app::api::staff::StaffData, "staff");
resource!(
    organizations,
    organizations,
    kp_app::api::organizations::OrganizationData,
    "organizations"
);

/// Every record route.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(staff::router())
        .merge(organizations::router())
        .merge(customers::router())
        .merge(contracts::router())
        .merge(objects::router())
        .merge(claims::router())
        .merge(finance::router())
}
