//! The OpenAPI 3.1 document of the sync API, generated from the handlers'
//! `#[utoipa::path]` annotations and the wire types' `ToSchema`, served at
//! `GET /api/v1/openapi.json` without a token.
//!
//! This is the one registry of documented operations: a new API handler is
//! annotated and its path added to `paths(...)` below. A test walks the
//! API's recorded routes (`super::route_table`) and fails for any route
//! missing here.

use std::sync::OnceLock;

use axum::http::StatusCode;
use axum::response::Response;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::problem::Problem;
use super::{bulk, documents, events, imports, records, singles};
use crate::routes::Routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kundenportal sync API",
        description = "The back office keeps the portal current through this API: idempotent upserts by external id, \
            lists with cursor paging, soft deletes, NDJSON bulk, the event feed and GDV imports. Every request acts for the \
            tenant of its token (`Authorization: Bearer kp_…`, made with `kundenportal token create`). Errors are RFC 9457 \
            problem documents. See docs/api.md.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    paths(
        records::customers::list,
        records::customers::one,
        records::customers::put,
        records::customers::delete,
        records::contracts::list,
        records::contracts::one,
        records::contracts::put,
        records::contracts::delete,
        records::objects::list,
        records::objects::one,
        records::objects::put,
        records::objects::delete,
        records::claims::list,
        records::claims::one,
        records::claims::put,
        records::claims::delete,
        records::finance::list,
        records::finance::one,
        records::finance::put,
        records::finance::delete,
        records::staff::list,
        records::staff::one,
        records::staff::put,
        records::staff::delete,
        records::organizations::list,
        records::organizations::one,
        records::organizations::put,
        records::organizations::delete,
        singles::tenant_get,
        singles::tenant_put,
        singles::rate_list,
        singles::rate_get,
        singles::rate_put,
        singles::rate_delete,
        documents::list,
        documents::one,
        documents::put,
        documents::patch,
        documents::delete,
        documents::content,
        documents::one_by_id,
        documents::content_by_id,
        bulk::bulk,
        events::feed,
        imports::import_gdv,
        imports::get_import,
        document,
    ),
    components(schemas(
        Problem,
        kp_app::api::FieldProblem,
        kp_app::api::Outcome,
        kp_app::api::document_upload::DocumentMeta,
    )),
    modifiers(&BearerToken),
    tags(
        (name = "customers", description = "Customers (persons and companies)"),
        (name = "contracts", description = "Contracts with co-insured customers and responsible staff"),
        (name = "objects", description = "Insured objects of a contract"),
        (name = "claims", description = "Claims with their status history"),
        (name = "finance-items", description = "Invoices, credits and reminders"),
        (name = "staff", description = "The tenant's staff (no passwords or secrets)"),
        (name = "organizations", description = "Organizations and their member customers"),
        (name = "tenant", description = "The token's own tenant"),
        (name = "exchange-rates", description = "Exchange rates against EUR"),
        (name = "documents", description = "Documents: streamed upload and download"),
        (name = "bulk", description = "NDJSON bulk upserts and deletes"),
        (name = "events", description = "The event feed"),
        (name = "imports", description = "GDV files into the portal"),
        (name = "meta", description = "This document"),
    )
)]
pub struct ApiDoc;

/// The `bearer` security scheme the operations name.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("kp_<64 hex digits>")
                    .description(Some(
                        "An API token of one tenant with scopes read:<resource>, write:<resource>, events, imports",
                    ))
                    .build(),
            ),
        );
    }
}

/// The document as JSON, built once.
pub fn json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| match ApiDoc::openapi().to_pretty_json() {
        Ok(text) => text,
        Err(err) => {
            tracing::error!(error = %err, "cannot serialise the OpenAPI document");
            String::new()
        }
    })
}

/// This OpenAPI document (no token needed).
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    operation_id = "openapi",
    responses(
        (status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json"),
    )
)]
pub async fn document() -> Response {
    let text = json();
    if text.is_empty() {
        return axum::response::IntoResponse::into_response(Problem::of(
            StatusCode::INTERNAL_SERVER_ERROR,
            "see the server log",
        ));
    }
    let mut response = axum::response::IntoResponse::into_response(text);
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    response
}

/// The routes that need no token: this document.
pub fn routes() -> Routes {
    Routes::new().get("/api/v1/openapi.json", document)
}
