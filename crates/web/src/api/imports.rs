//! `POST /api/v1/imports/gdv`: a GDV file as the request body, read as a
//! stream (the import spools it to a temporary file, never into memory)
//! up to `api.import_limit_bytes`, and answered with the import's report.
//! `GET /api/v1/imports/{id}`: a recorded import of the token's tenant.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::Extension;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_LENGTH, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use kp_app::AppError;
use kp_app::api::{ApiError, Caller, FieldProblem, imports};
use kp_app::gdv_import::{ImportReport, Status};
use serde::Deserialize;

use super::body_reader::BodyReader;
use super::json::json;
use super::problem::{ApiFailure, Problem};
use crate::routes::Routes;
use crate::state::AppState;

/// Longest file name kept with an import.
const MAX_FILE_NAME: usize = 255;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// The file's name, recorded with the import and used in the report's
    /// places (default `api-upload.gdv`).
    #[param(max_length = 255)]
    file_name: Option<String>,
}

/// Imports a GDV file into the token's tenant.
///
/// Send the file as the body, unchanged (any content type). A file that
/// is not GDV, truncated, in an unexpected encoding or broken in its
/// structure is rejected with 422 naming the place and the reason, and
/// nothing is written. Importing the same file again changes nothing.
/// `Idempotency-Key` is not stored for imports (they are idempotent).
#[utoipa::path(
    post,
    path = "/api/v1/imports/gdv",
    tag = "imports",
    operation_id = "import_gdv",
    params(ImportParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The GDV file (VU-Vermittler, 256-byte records)"),
    responses(
        (status = 201, description = "Imported (status imported or imported_with_errors)", body = ImportReport),
        (status = 400, description = "The body could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the scope imports", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over api.import_limit_bytes", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Rejected: not GDV, truncated or broken; nothing written", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "A database error stopped the import; whole contracts written before stay", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn import_gdv(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(params): Query<ImportParams>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    // Before a byte is read: the scope, the name and a declared size.
    if let Err(e) = caller.require(imports::SCOPE) {
        return ApiFailure(e).into_response();
    }
    let file_name = params.file_name.unwrap_or_default();
    let file_name = match file_name.trim() {
        "" => "api-upload.gdv".to_owned(),
        name if name.chars().count() > MAX_FILE_NAME || name.chars().any(char::is_control) => {
            return ApiFailure(ApiError::field(
                "file_name",
                format!("must be at most {MAX_FILE_NAME} characters, without control characters"),
            ))
            .into_response();
        }
        name => name.to_owned(),
    };
    let limit = state.config.api_import_limit_bytes;
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        return too_large();
    }
    let over = Arc::new(AtomicBool::new(false));
    let reader = BodyReader::new(body, limit, over.clone());
    match imports::import_gdv(&state.app, &caller, reader, &file_name).await {
        Ok(report) => answer(report),
        Err(_) if over.load(Ordering::Relaxed) => too_large(),
        Err(ApiError::App(AppError::Invalid(reason))) => Problem::of(
            StatusCode::BAD_REQUEST,
            format!("the body could not be read: {reason}"),
        )
        .into_response(),
        Err(e) => ApiFailure(e).into_response(),
    }
}

fn too_large() -> Response {
    Problem::of(
        StatusCode::PAYLOAD_TOO_LARGE,
        "the file is larger than the limit (setting api.import_limit_bytes); nothing was imported",
    )
    .into_response()
}

/// 201 with the report when something could be imported; a problem
/// naming every place otherwise.
fn answer(report: ImportReport) -> Response {
    let id = report.import_id;
    match report.status() {
        Status::Imported | Status::ImportedWithErrors => {
            let mut response = json(StatusCode::CREATED, &report);
            if let Ok(link) = HeaderValue::from_str(&format!("/api/v1/imports/{id}")) {
                response.headers_mut().insert(LOCATION, link);
            }
            response
        }
        status => {
            let (code, detail) = if status == Status::Rejected {
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "the file was rejected; nothing was imported",
                )
            } else {
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the import stopped; contracts written before stay (see the report)",
                )
            };
            let mut problem = Problem::of(code, detail);
            problem.import_id = Some(id);
            problem.errors = report
                .errors
                .iter()
                .map(|m| {
                    // Line 0: the file as a whole (its message names the
                    // place where there is one).
                    let mut place = String::new();
                    if m.line > 0 {
                        place = format!("line {}", m.line);
                        if let Some(column) = m.column {
                            place.push_str(&format!(", column {column}"));
                        }
                        place.push_str(": ");
                    }
                    let field = m.field.as_deref().unwrap_or("body");
                    FieldProblem::new(field, format!("{place}{} ({})", m.message, m.kind))
                })
                .collect();
            problem.into_response()
        }
    }
}

/// A recorded import of the token's tenant with its report.
#[utoipa::path(
    get,
    path = "/api/v1/imports/{id}",
    tag = "imports",
    operation_id = "get_import",
    params(("id" = i64, Path, description = "The import id an import answered with")),
    responses(
        (status = 200, description = "The import", body = imports::ImportRecord),
        (status = 400, description = "Bad request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the scope imports", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No import of the tenant with this id", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get_import(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Response, ApiFailure> {
    // Not a number is not an import: the same 404 as a missing one.
    let id = id.parse::<i64>().map_err(|_| ApiError::NotFound)?;
    let record = imports::get(&state.app, &caller, id).await?;
    Ok(json(StatusCode::OK, &record))
}

pub fn routes() -> Routes {
    Routes::new()
        .post("/api/v1/imports/gdv", import_gdv)
        .get("/api/v1/imports/{id}", get_import)
}
