//! Documents (A2): `PUT /api/v1/documents/{external_id}` with the file as
//! the raw body, read piece by piece into the blob store (never whole in
//! memory); metadata, list and streamed downloads by external id or, for
//! documents made in the portal, by portal id (`/by-id/{id}`).

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{
    CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use futures_util::StreamExt;
use kp_app::api::document_upload::{self as upload, Incoming, META_HEADER, SHA_HEADER};
use kp_app::api::documents::{self, DocumentKey};
use kp_app::api::{ApiError, Caller};

use super::json::json;
use super::problem::{ApiFailure, Problem};
use super::records::{Params, upserted};
use crate::state::AppState;

async fn put(
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
        incoming.write(&chunk).await.map_err(failed)?;
    }
    let result = upload::finish(&state.app, caller, prepared, incoming).await;
    upserted(result).map_err(IntoResponse::into_response)
}

async fn one(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(ext): Path<String>,
) -> Result<Response, ApiFailure> {
    let doc = documents::get(&state.app, &caller, &DocumentKey::External(ext)).await?;
    Ok(json(StatusCode::OK, &doc))
}

async fn one_by_id(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Response, ApiFailure> {
    let doc = documents::get(&state.app, &caller, &DocumentKey::Id(id)).await?;
    Ok(json(StatusCode::OK, &doc))
}

async fn content(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(ext): Path<String>,
) -> Result<Response, ApiFailure> {
    download(&state, &caller, DocumentKey::External(ext)).await
}

async fn content_by_id(
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

async fn delete(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(ext): Path<String>,
) -> Result<Response, ApiFailure> {
    let result = documents::delete(&state.app, &caller, &ext).await?;
    Ok(json(StatusCode::OK, &result))
}

async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    params: Params,
) -> Result<Response, ApiFailure> {
    let q = params.query()?;
    let page = documents::list(&state.app, &caller, &q).await?;
    Ok(json(StatusCode::OK, &page))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/documents", get(list))
        .route(
            "/api/v1/documents/{external_id}",
            get(one).put(put).delete(delete),
        )
        .route("/api/v1/documents/{external_id}/content", get(content))
        .route("/api/v1/documents/by-id/{id}", get(one_by_id))
        .route("/api/v1/documents/by-id/{id}/content", get(content_by_id))
}
