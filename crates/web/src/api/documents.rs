//! Documents (A2): `PUT /api/v1/documents/{external_id}` with the file as
//! the raw body, read piece by piece into the blob store (never whole in
//! memory); metadata, list and streamed downloads by external id or, for
//! documents made in the portal, by portal id (`/by-id/{id}`); `PATCH`
//! changes the metadata alone.

use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::header::{
    CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use kp_app::api::document_meta;
use kp_app::api::document_upload::{self as upload, Incoming, META_HEADER, SHA_HEADER};
use kp_app::api::documents::{self, DocumentKey};
use kp_app::api::{ApiError, Caller};

use super::json::{body, json};
use super::problem::{ApiFailure, Problem};
use super::records::{Params, upserted};
use super::responses::{DeleteProblems, ListProblems, PatchProblems, ReadProblems, UploadProblems};
use crate::routes::Routes;
use crate::state::AppState;

/// Uploads a document's file with its metadata (creates or replaces it).
#[utoipa::path(
    put,
    path = "/api/v1/documents/{external_id}",
    tag = "documents",
    operation_id = "put_documents",
    params(
        ("external_id" = String, Path, min_length = 1, max_length = 100, description = "The back office's id of the document"),
        ("Kundenportal-Document" = String, Header, description = "The metadata as JSON (DocumentMeta): context, document_type, file_name, title, customer_visible"),
        ("Content-SHA256" = Option<String>, Header, pattern = "^[0-9a-fA-F]{64}$", description = "The expected SHA-256 of the body (hex); a mismatch keeps nothing"),
    ),
    request_body(content = Vec<u8>, description = "The file, unchanged (any media type)", content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "Updated, or unchanged", body = kp_app::api::UpsertResult),
        (status = 201, description = "Created", body = kp_app::api::UpsertResult),
        UploadProblems,
    ),
    security(("bearer" = []))
)]
pub async fn put(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(ext): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match receive(&state, &caller, &ext, &headers, body).await {
        Ok(r) | Err(r) => r,
    }
}

fn failed(e: ApiError) -> Response {
    ApiFailure(e).into_response()
}

async fn receive(
    state: &AppState,
    caller: &Caller,
    ext: &str,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, Response> {
    caller
        .require(&documents::RESOURCE.write_scope())
        .map_err(failed)?;
    let meta =
        upload::parse_meta(headers.get(META_HEADER).map(HeaderValue::as_bytes)).map_err(failed)?;
    let media = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let expected = headers
        .get(SHA_HEADER)
        .map(|v| v.to_str().unwrap_or("not ASCII"));
    let prepared = upload::prepare(&state.app, caller, ext, meta, media, expected)
        .await
        .map_err(failed)?;
    let limit = u64::try_from(state.config.api_document_limit_bytes).unwrap_or(u64::MAX);
    let announced = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit) {
        return Err(failed(upload::too_large(limit)));
    }
    let mut incoming = Incoming::begin(&state.app, limit).await.map_err(failed)?;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            Problem::of(
                StatusCode::BAD_REQUEST,
                format!("the body could not be read: {e}"),
            )
            .into_response()
        })?;
        incoming.write(chunk).await.map_err(failed)?;
    }
    let result = upload::finish(&state.app, caller, prepared, incoming).await;
    upserted(result).map_err(IntoResponse::into_response)
}

/// Reads a document's metadata.
#[utoipa::path(
    get,
    path = "/api/v1/documents/{external_id}",
    tag = "documents",
    operation_id = "get_documents",
    params(
        ("external_id" = String, Path, min_length = 1, max_length = 100, description = "The back office's id of the document"),
    ),
    responses(
        (status = 200, description = "The document", body = kp_app::api::documents::DocumentDoc),
        ReadProblems,
    ),
    security(("bearer" = []))
)]
pub async fn one(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(ext): Path<String>,
) -> Result<Response, ApiFailure> {
    let doc = documents::get(&state.app, &caller, &DocumentKey::External(ext)).await?;
    Ok(json(StatusCode::OK, &doc))
}

/// Reads a document's metadata by the portal's id (also documents made in the portal).
#[utoipa::path(
    get,
    path = "/api/v1/documents/by-id/{id}",
    tag = "documents",
    operation_id = "get_documents_by_id",
    params(
        ("id" = String, Path, description = "The portal's id of the document"),
    ),
    responses(
        (status = 200, description = "The document", body = kp_app::api::documents::DocumentDoc),
        ReadProblems,
    ),
    security(("bearer" = []))
)]
pub async fn one_by_id(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Response, ApiFailure> {
    let doc = documents::get(&state.app, &caller, &DocumentKey::Id(id)).await?;
    Ok(json(StatusCode::OK, &doc))
}

/// Downloads a document's file.
#[utoipa::path(
    get,
    path = "/api/v1/documents/{external_id}/content",
    tag = "documents",
    operation_id = "get_documents_content",
    params(
        ("external_id" = String, Path, min_length = 1, max_length = 100, description = "The back office's id of the document"),
    ),
    responses(
        (status = 200, description = "The file, streamed, with its media type", content_type = "application/octet-stream"),
        ReadProblems,
    ),
    security(("bearer" = []))
)]
pub async fn content(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(ext): Path<String>,
) -> Result<Response, ApiFailure> {
    download(&state, &caller, DocumentKey::External(ext)).await
}

/// Downloads a document's file by the portal's id (also customer uploads).
#[utoipa::path(
    get,
    path = "/api/v1/documents/by-id/{id}/content",
    tag = "documents",
    operation_id = "get_documents_content_by_id",
    params(
        ("id" = String, Path, description = "The portal's id of the document"),
    ),
    responses(
        (status = 200, description = "The file, streamed, with its media type", content_type = "application/octet-stream"),
        ReadProblems,
    ),
    security(("bearer" = []))
)]
pub async fn content_by_id(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Response, ApiFailure> {
    download(&state, &caller, DocumentKey::Id(id)).await
}

/// The file, streamed from the store as the client reads it.
async fn download(
    state: &AppState,
    caller: &Caller,
    key: DocumentKey,
) -> Result<Response, ApiFailure> {
    let (doc, blob) = documents::open(&state.app, caller, &key).await?;
    let mut response = crate::streaming::body_of(blob.reader, "API document").into_response();
    let h = response.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_str(&doc.media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(CONTENT_LENGTH, HeaderValue::from(blob.len));
    if let Ok(v) = crate::pages::contract_sheet::attachment(&doc.file_name) {
        h.insert(CONTENT_DISPOSITION, v);
    }
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Ok(v) = HeaderValue::from_str(&doc.sha256) {
        h.insert(HeaderName::from_static(SHA_HEADER), v);
    }
    Ok(response)
}

/// Changes a document's metadata without sending the file again.
///
/// Only the fields sent change; the file stays. Answers `updated` (with
/// the `document.updated` event) or `unchanged` (nothing written).
#[utoipa::path(
    patch,
    path = "/api/v1/documents/{external_id}",
    tag = "documents",
    operation_id = "patch_documents",
    params(
        ("external_id" = String, Path, min_length = 1, max_length = 100, description = "The back office's id of the document"),
        ("Idempotency-Key" = Option<String>, Header, pattern = r"^[!-~]{1,255}$", description = "Makes a retry safe: the first answer is sent again for 24 hours"),
    ),
    request_body(content = kp_app::api::document_meta::DocumentMetaPatch, content_type = "application/json"),
    responses(
        (status = 200, description = "Updated, or unchanged", body = kp_app::api::UpsertResult),
        PatchProblems,
    ),
    security(("bearer" = []))
)]
pub async fn patch(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(ext): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    if let Err(e) = caller.require(&documents::RESOURCE.write_scope()) {
        return failed(e);
    }
    let changes = match body(&headers, &bytes) {
        Ok(c) => c,
        Err(p) => return p.into_response(),
    };
    upserted(document_meta::patch(&state.app, &caller, &ext, changes).await).into_response()
}

/// Deletes the document (softly, with its event).
#[utoipa::path(
    delete,
    path = "/api/v1/documents/{external_id}",
    tag = "documents",
    operation_id = "delete_documents",
    params(
        ("external_id" = String, Path, min_length = 1, max_length = 100, description = "The back office's id of the document"),
        ("Idempotency-Key" = Option<String>, Header, pattern = r"^[!-~]{1,255}$", description = "Makes a retry safe: the first answer is sent again for 24 hours"),
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
    let result = documents::delete(&state.app, &caller, &ext).await?;
    Ok(json(StatusCode::OK, &result))
}

/// Lists the tenant's documents, a page at a time (also customer uploads).
#[utoipa::path(
    get,
    path = "/api/v1/documents",
    tag = "documents",
    operation_id = "list_documents",
    params(
        super::records::ListParams,
    ),
    responses(
        (status = 200, description = "A page of documents", body = kp_app::api::Page<kp_app::api::documents::DocumentDoc>),
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
    let page = documents::list(&state.app, &caller, &q).await?;
    Ok(json(StatusCode::OK, &page))
}

pub fn routes() -> Routes {
    const ONE: &str = "/api/v1/documents/{external_id}";
    Routes::new()
        .get("/api/v1/documents", list)
        .get(ONE, one)
        .put(ONE, put)
        .patch(ONE, patch)
        .delete(ONE, delete)
        .get("/api/v1/documents/{external_id}/content", content)
        .get("/api/v1/documents/by-id/{id}", one_by_id)
        .get("/api/v1/documents/by-id/{id}/content", content_by_id)
}
