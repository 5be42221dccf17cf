//! RFC 9457 problem documents: every error under `/api` is
//! `application/problem+json` with `type`, `title`, `status`, `detail`, and
//! for invalid input an `errors` array naming each field. The API is read
//! by programs, so titles and details are English and stable.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kp_app::AppError;
use kp_app::api::{ApiError, FieldProblem};
use serde::Serialize;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem document (`application/problem+json`).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// `/api/problems/<kind>`: `validation`, `not-found`, `conflict`, …
    #[serde(rename = "type")]
    pub kind: String,
    pub title: &'static str,
    pub status: u16,
    /// What went wrong, in English.
    pub detail: String,
    /// For invalid input: each field (its JSON path) with the reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// The recorded import, when a GDV file was rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import_id: Option<i64>,
}

impl Problem {
    /// A problem of the general kind of `status`.
    pub fn of(status: StatusCode, detail: impl Into<String>) -> Problem {
        let (slug, title) = kind(status);
        Problem {
            kind: format!("/api/problems/{slug}"),
            title,
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
            import_id: None,
        }
    }
}

/// The problem type (a path documented in docs/api.md) and title per status.
fn kind(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => ("bad-request", "Bad request"),
        401 => ("unauthorized", "Unauthorized"),
        403 => ("forbidden", "Forbidden"),
        404 => ("not-found", "Not found"),
        405 => ("method-not-allowed", "Method not allowed"),
        408 => ("timeout", "Request timeout"),
        409 => ("conflict", "Conflict"),
        413 => ("payload-too-large", "Payload too large"),
        415 => ("unsupported-media-type", "Unsupported media type"),
        422 => ("validation", "Invalid input"),
        503 => ("unavailable", "Service unavailable"),
        _ => ("internal", "Internal server error"),
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_string(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"api\""),
            );
        }
        response
    }
}

/// An [`ApiError`] as a response.
pub struct ApiFailure(pub ApiError);

impl From<ApiError> for ApiFailure {
    fn from(err: ApiError) -> Self {
        ApiFailure(err)
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        problem(self.0).into_response()
    }
}

pub fn problem(err: ApiError) -> Problem {
    match err {
        ApiError::Unauthorized => Problem::of(
            StatusCode::UNAUTHORIZED,
            "send a valid, unexpired API token as Authorization: Bearer kp_…",
        ),
        ApiError::MissingScope(scope) => Problem::of(
            StatusCode::FORBIDDEN,
            format!("the token lacks the scope {scope}"),
        ),
        ApiError::NotFound => Problem::of(StatusCode::NOT_FOUND, "no such record"),
        ApiError::Invalid(errors) => {
            let mut p = Problem::of(StatusCode::UNPROCESSABLE_ENTITY, summary(&errors));
            p.errors = errors;
            p
        }
        ApiError::MissingReference(field) => {
            let mut p = Problem::of(
                StatusCode::UNPROCESSABLE_ENTITY,
                summary(std::slice::from_ref(&field)),
            );
            p.errors = vec![field];
            p
        }
        ApiError::Conflict(detail) => Problem::of(StatusCode::CONFLICT, detail),
        ApiError::TooLarge(detail) => Problem::of(StatusCode::PAYLOAD_TOO_LARGE, detail),
        ApiError::App(AppError::Unavailable(e)) => {
            tracing::warn!(error = %e, "API request: database unavailable");
            Problem::of(StatusCode::SERVICE_UNAVAILABLE, "try again shortly")
        }
        ApiError::App(AppError::NotFound) => Problem::of(StatusCode::NOT_FOUND, "no such record"),
        ApiError::App(AppError::Conflict) => Problem::of(
            StatusCode::CONFLICT,
            "a concurrent request wrote the same record; retry",
        ),
        ApiError::App(e) => {
            tracing::error!(error = %e, "API request failed");
            Problem::of(StatusCode::INTERNAL_SERVER_ERROR, "see the server log")
        }
    }
}

fn summary(errors: &[FieldProblem]) -> String {
    errors
        .iter()
        .map(|e| {
            if e.field.is_empty() {
                e.reason.clone()
            } else {
                format!("{}: {}", e.field, e.reason)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Turns every error answer under `/api` that is not yet a problem
/// document (unknown route, wrong method, body limit, timeout, a rejected
/// extractor) into one, and keeps API answers out of caches.
pub async fn layer(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let status = response.status();
    let is_problem = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if (status.is_client_error() || status.is_server_error()) && !is_problem {
        let detail = match status.as_u16() {
            404 => "no such API route",
            405 => "this route does not take this method",
            408 => "the request took too long",
            413 => "the body is larger than the limit (setting api.body_limit_bytes)",
            415 => "send the body as application/json",
            _ => "the request could not be handled",
        };
        let allow = response.headers().get(axum::http::header::ALLOW).cloned();
        response = Problem::of(status, detail).into_response();
        if let Some(allow) = allow {
            response
                .headers_mut()
                .insert(axum::http::header::ALLOW, allow);
        }
    }
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A panic under `/api`: a 500 problem, never a stack trace.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    Problem::of(StatusCode::INTERNAL_SERVER_ERROR, "see the server log").into_response()
}
