//! The resources not named by an external id: the token's own tenant
//! (`/api/v1/tenant`) and exchange rates, named by currency and date
//! (`/api/v1/exchange-rates/{currency}/{valid_from}`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use kp_app::api::rates::RateData;
use kp_app::api::tenant::TenantData;
use kp_app::api::{Caller, rates, tenant};

use super::json::{body, json};
use super::problem::ApiFailure;
use super::records::{Params, upserted};
use crate::state::AppState;

async fn tenant_get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Result<Response, ApiFailure> {
    let doc = tenant::get(&state.app, &caller).await?;
    Ok(json(StatusCode::OK, &doc))
}

async fn tenant_put(
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

async fn rate_put(
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

async fn rate_get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((currency, valid_from)): Path<(String, String)>,
) -> Result<Response, ApiFailure> {
    let doc = rates::get(&state.app, &caller, &currency, &valid_from).await?;
    Ok(json(StatusCode::OK, &doc))
}

async fn rate_delete(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((currency, valid_from)): Path<(String, String)>,
) -> Result<Response, ApiFailure> {
    let result = rates::delete(&state.app, &caller, &currency, &valid_from).await?;
    Ok(json(StatusCode::OK, &result))
}

async fn rate_list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    params: Params,
) -> Result<Response, ApiFailure> {
    let q = params.query()?;
    let page = rates::list(&state.app, &caller, &q).await?;
    Ok(json(StatusCode::OK, &page))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/tenant", get(tenant_get).put(tenant_put))
        .route("/api/v1/exchange-rates", get(rate_list))
        .route(
            "/api/v1/exchange-rates/{currency}/{valid_from}",
            get(rate_get).put(rate_put).delete(rate_delete),
        )
}
