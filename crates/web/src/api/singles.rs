//! The resources not named by an external id: the token's own tenant
//! (`/api/v1/tenant`) and exchange rates, named by currency and date
//! (`/api/v1/exchange-rates/{currency}/{valid_from}`).

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kp_app::api::rates::RateData;
use kp_app::api::tenant::TenantData;
use kp_app::api::{Caller, rates, tenant};

use super::json::{body, json};
use super::problem::{ApiFailure, Problem};
use super::records::{Params, upserted};
use super::responses::{DeleteProblems, ListProblems, ReadProblems, WriteProblems};
use crate::routes::Routes;
use crate::state::AppState;

/// Reads the token's own tenant.
#[utoipa::path(
    get,
    path = "/api/v1/tenant",
    tag = "tenant",
    operation_id = "get_tenant",
    responses(
        (status = 200, description = "The tenant", body = kp_app::api::tenant::TenantDoc),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the scope", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn tenant_get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Result<Response, ApiFailure> {
    let doc = tenant::get(&state.app, &caller).await?;
    Ok(json(StatusCode::OK, &doc))
}

/// Changes the token's own tenant (its key stays).
#[utoipa::path(
    put,
    path = "/api/v1/tenant",
    tag = "tenant",
    operation_id = "put_tenant",
    params(
        ("Idempotency-Key" = Option<String>, Header, pattern = r"^[!-~]{1,255}$", description = "Makes a retry safe: the first answer is sent again for 24 hours"),
    ),
    request_body(content = kp_app::api::tenant::TenantData, content_type = "application/json"),
    responses(
        (status = 200, description = "Updated, or unchanged", body = kp_app::api::UpsertResult),
        WriteProblems,
    ),
    security(("bearer" = []))
)]
pub async fn tenant_put(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    if let Err(e) = caller.require(&tenant::RESOURCE.write_scope()) {
        return ApiFailure(e).into_response();
    }
    let data: TenantData = match body(&headers, &bytes) {
        Ok(d) => d,
        Err(p) => return p.into_response(),
    };
    // Never "created": the tenant exists.
    match tenant::update(&state.app, &caller, data).await {
        Ok(result) => json(StatusCode::OK, &result),
        Err(e) => ApiFailure(e).into_response(),
    }
}

/// Sets the rate of a currency from a day on.
#[utoipa::path(
    put,
    path = "/api/v1/exchange-rates/{currency}/{valid_from}",
    tag = "exchange-rates",
    operation_id = "put_exchange_rates",
    params(
        ("currency" = String, Path, description = "ISO 4217 code of a currency the portal converts (not EUR)"),
        ("valid_from" = String, Path, format = Date, description = "The first day the rate applies"),
        ("Idempotency-Key" = Option<String>, Header, pattern = r"^[!-~]{1,255}$", description = "Makes a retry safe: the first answer is sent again for 24 hours"),
    ),
    request_body(content = kp_app::api::rates::RateData, content_type = "application/json"),
    responses(
        (status = 200, description = "Updated, or unchanged", body = kp_app::api::UpsertResult),
        (status = 201, description = "Created", body = kp_app::api::UpsertResult),
        WriteProblems,
    ),
    security(("bearer" = []))
)]
pub async fn rate_put(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((currency, valid_from)): Path<(String, String)>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    if let Err(e) = caller.require(&rates::RESOURCE.write_scope()) {
        return ApiFailure(e).into_response();
    }
    let data: RateData = match body(&headers, &bytes) {
        Ok(d) => d,
        Err(p) => return p.into_response(),
    };
    upserted(rates::upsert(&state.app, &caller, &currency, &valid_from, data).await).into_response()
}

/// Reads one rate.
#[utoipa::path(
    get,
    path = "/api/v1/exchange-rates/{currency}/{valid_from}",
    tag = "exchange-rates",
    operation_id = "get_exchange_rates",
    params(
        ("currency" = String, Path, description = "ISO 4217 code of a currency the portal converts (not EUR)"),
        ("valid_from" = String, Path, format = Date, description = "The first day the rate applies"),
    ),
    responses(
        (status = 200, description = "The rate", body = kp_app::api::rates::RateDoc),
        ReadProblems,
        (status = 422, description = "Not a currency the portal converts, or not a date", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn rate_get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((currency, valid_from)): Path<(String, String)>,
) -> Result<Response, ApiFailure> {
    let doc = rates::get(&state.app, &caller, &currency, &valid_from).await?;
    Ok(json(StatusCode::OK, &doc))
}

/// Deletes one rate.
#[utoipa::path(
    delete,
    path = "/api/v1/exchange-rates/{currency}/{valid_from}",
    tag = "exchange-rates",
    operation_id = "delete_exchange_rates",
    params(
        ("currency" = String, Path, description = "ISO 4217 code of a currency the portal converts (not EUR)"),
        ("valid_from" = String, Path, format = Date, description = "The first day the rate applies"),
        ("Idempotency-Key" = Option<String>, Header, pattern = r"^[!-~]{1,255}$", description = "Makes a retry safe: the first answer is sent again for 24 hours"),
    ),
    responses(
        (status = 200, description = "Deleted", body = kp_app::api::UpsertResult),
        DeleteProblems,
    ),
    security(("bearer" = []))
)]
pub async fn rate_delete(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((currency, valid_from)): Path<(String, String)>,
) -> Result<Response, ApiFailure> {
    let result = rates::delete(&state.app, &caller, &currency, &valid_from).await?;
    Ok(json(StatusCode::OK, &result))
}

/// Lists the rates, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/exchange-rates",
    tag = "exchange-rates",
    operation_id = "list_exchange_rates",
    params(
        super::records::ListParams,
    ),
    responses(
        (status = 200, description = "A page of rates", body = kp_app::api::Page<kp_app::api::rates::RateDoc>),
        ListProblems,
    ),
    security(("bearer" = []))
)]
pub async fn rate_list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    params: Params,
) -> Result<Response, ApiFailure> {
    let q = params.query()?;
    let page = rates::list(&state.app, &caller, &q).await?;
    Ok(json(StatusCode::OK, &page))
}

pub fn routes() -> Routes {
    const RATE: &str = "/api/v1/exchange-rates/{currency}/{valid_from}";
    Routes::new()
        .get("/api/v1/tenant", tenant_get)
        .put("/api/v1/tenant", tenant_put)
        .get("/api/v1/exchange-rates", rate_list)
        .get(RATE, rate_get)
        .put(RATE, rate_put)
        .delete(RATE, rate_delete)
}
