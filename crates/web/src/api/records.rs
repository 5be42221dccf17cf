//! The record routes: `PUT/GET/DELETE /api/v1/<collection>/{external_id}`
//! and `GET /api/v1/<collection>` for every resource, the same shape each.

use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use kp_app::api::{ApiError, ListQuery, Outcome, UpsertResult};
use serde::Deserialize;

use super::json::json;
use super::problem::ApiFailure;
use crate::routes::Routes;

/// The query string of a list. Read as text and parsed here, so that a
/// bad value is a 422 naming the parameter.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Records per page, 1 to 1,000 (default 100).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
    /// Only records changed at or after this time (RFC 3339).
    #[param(value_type = Option<String>, format = DateTime)]
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

/// Declares the four handlers of one resource, their routes and their
/// OpenAPI operations (listed in `super::openapi`).
macro_rules! resource {
    (
        $name:ident, $module:ident, $data:ty, $doc:ty,
        $list_path:literal, $one_path:literal, $tag:literal
    ) => {
        pub mod $name {
            use axum::body::Bytes;
            use axum::extract::{Path, State};
            use axum::http::{HeaderMap, StatusCode};
            use axum::response::{IntoResponse, Response};
            use axum::Extension;
            use kp_app::api::{Caller, Page, $module};

            use super::super::json::{body, json};
            use super::super::problem::ApiFailure;
            use super::super::responses::{DeleteProblems, ListProblems, ReadProblems, WriteProblems};
            use super::{Params, upserted};
            use crate::routes::Routes;
            use crate::state::AppState;

            /// Creates or updates the record with this external id.
            ///
            /// Answers `created` (201), `updated` or `unchanged` (200; then
            /// nothing is written). References name other records by their
            /// external id.
            #[utoipa::path(
                put,
                path = $one_path,
                tag = $tag,
                operation_id = concat!("put_", stringify!($name)),
                params(
                    ("external_id" = String, Path, min_length = 1, max_length = 100,
                        description = "The back office's id of the record"),
                    ("Idempotency-Key" = Option<String>, Header, pattern = r"^[!-~]{1,255}$",
                        description = "Makes a retry safe: the first answer is sent again for 24 hours"),
                ),
                request_body(content = $data, content_type = "application/json"),
                responses(
                    (status = 200, description = "Updated, or unchanged", body = kp_app::api::UpsertResult),
                    (status = 201, description = "Created", body = kp_app::api::UpsertResult),
                    WriteProblems,
                ),
                security(("bearer" = []))
            )]
            pub async fn put(
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

            /// Reads one record.
            #[utoipa::path(
                get,
                path = $one_path,
                tag = $tag,
                operation_id = concat!("get_", stringify!($name)),
                params(
                    ("external_id" = String, Path, min_length = 1, max_length = 100,
                        description = "The back office's id of the record"),
                ),
                responses(
                    (status = 200, description = "The record", body = $doc),
                    ReadProblems,
                ),
                security(("bearer" = []))
            )]
            pub async fn one(
                State(state): State<AppState>,
                Extension(caller): Extension<Caller>,
                Path(ext): Path<String>,
            ) -> Result<Response, ApiFailure> {
                let doc = $module::get(&state.app, &caller, &ext).await?;
                Ok(json(StatusCode::OK, &doc))
            }

            /// Deletes the record (softly, with its event).
            #[utoipa::path(
                delete,
                path = $one_path,
                tag = $tag,
                operation_id = concat!("delete_", stringify!($name)),
                params(
                    ("external_id" = String, Path, min_length = 1, max_length = 100,
                        description = "The back office's id of the record"),
                    ("Idempotency-Key" = Option<String>, Header, pattern = r"^[!-~]{1,255}$",
                        description = "Makes a retry safe: the first answer is sent again for 24 hours"),
                ),
                responses(
                    (status = 200, description = "Deleted", body = kp_app::api::UpsertResult),
                    DeleteProblems,
                ),
                security(("bearer" = []))
            )]
            pub async fn delete(
                State(state): State<AppState>,
                Extension(caller): Extension<Caller>,
                Path(ext): Path<String>,
            ) -> Result<Response, ApiFailure> {
                let result = $module::delete(&state.app, &caller, &ext).await?;
                Ok(json(StatusCode::OK, &result))
            }

            /// Lists the live records in a stable order, a page at a time.
            #[utoipa::path(
                get,
                path = $list_path,
                tag = $tag,
                operation_id = concat!("list_", stringify!($name)),
                params(super::ListParams),
                responses(
                    (status = 200, description = "A page of records", body = Page<$doc>),
                    ListProblems,
                ),
                security(("bearer" = []))
            )]
            pub async fn list(
                State(state): State<AppState>,
                Extension(caller): Extension<Caller>,
                params: Params,
            ) -> Result<Response, ApiFailure> {
                let q = params.query()?;
                let page = $module::list(&state.app, &caller, &q).await?;
                Ok(json(StatusCode::OK, &page))
            }

            pub fn routes() -> Routes {
                Routes::new()
                    .get($list_path, list)
                    .get($one_path, one)
                    .put($one_path, put)
                    .delete($one_path, delete)
            }
        }
    };
}

resource!(
    customers,
    customers,
    kp_app::api::customers::CustomerData,
    kp_app::api::customers::CustomerDoc,
    "/api/v1/customers",
    "/api/v1/customers/{external_id}",
    "customers"
);
resource!(
    contracts,
    contracts,
    kp_app::api::contracts::ContractData,
    kp_app::api::contracts::ContractDoc,
    "/api/v1/contracts",
    "/api/v1/contracts/{external_id}",
    "contracts"
);
resource!(
    objects,
    objects,
    kp_app::api::objects::ObjectData,
    kp_app::api::objects::ObjectDoc,
    "/api/v1/objects",
    "/api/v1/objects/{external_id}",
    "objects"
);
resource!(
    claims,
    claims,
    kp_app::api::claims::ClaimData,
    kp_app::api::claims::ClaimDoc,
    "/api/v1/claims",
    "/api/v1/claims/{external_id}",
    "claims"
);
resource!(
    finance,
    finance,
    kp_app::api::finance::FinanceData,
    kp_app::api::finance::FinanceDoc,
    "/api/v1/finance-items",
    "/api/v1/finance-items/{external_id}",
    "finance-items"
);

resource!(
    staff,
    staff,
    kp_app::api::staff::StaffData,
    kp_app::api::staff::StaffDoc,
    "/api/v1/staff",
    "/api/v1/staff/{external_id}",
    "staff"
);
resource!(
    organizations,
    organizations,
    kp_app::api::organizations::OrganizationData,
    kp_app::api::organizations::OrganizationDoc,
    "/api/v1/organizations",
    "/api/v1/organizations/{external_id}",
    "organizations"
);

/// Every record route.
pub fn routes() -> Routes {
    Routes::new()
        .merge(staff::routes())
        .merge(organizations::routes())
        .merge(customers::routes())
        .merge(contracts::routes())
        .merge(objects::routes())
        .merge(claims::routes())
        .merge(finance::routes())
}
