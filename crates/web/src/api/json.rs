//! JSON in and out: bodies must be `application/json` (415 otherwise), fit
//! the limit (413) and match the typed request struct (422 naming the
//! field).

use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use kp_app::api::validate::parse_json;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::problem::{Problem, problem};

/// A JSON answer.
pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_string(value) {
        Ok(body) => {
            let mut response = (status, body).into_response();
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response
        }
        Err(err) => {
            tracing::error!(error = %err, "cannot serialise an API answer");
            Problem::of(StatusCode::INTERNAL_SERVER_ERROR, "see the server log").into_response()
        }
    }
}

/// Whether the request says its body is JSON.
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

/// Reads a request body (already limited by the router) into `T`.
pub fn body<T: DeserializeOwned>(headers: &HeaderMap, bytes: &Bytes) -> Result<T, Problem> {
    if !is_json(headers) {
        return Err(Problem::of(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the body as application/json",
        ));
    }
    parse_json(bytes).map_err(problem)
}
