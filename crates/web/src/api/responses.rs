//! The problem answers operations share, for their OpenAPI entries
//! (`responses(..., ReadProblems)`): each set once, instead of the same
//! status lines on every handler.

#![allow(dead_code)] // The variants exist for their `#[response]` only.

use super::problem::Problem;

const PROBLEM: &str = "application/problem+json";

/// Reading one record.
#[derive(utoipa::IntoResponses)]
pub enum ReadProblems {
    #[response(status = 400, description = "Bad request", content_type = PROBLEM)]
    BadRequest(Problem),
    #[response(status = 401, description = "No valid token", content_type = PROBLEM)]
    Unauthorized(Problem),
    #[response(status = 403, description = "The token lacks the scope", content_type = PROBLEM)]
    Forbidden(Problem),
    #[response(status = 404, description = "No live record of the tenant", content_type = PROBLEM)]
    NotFound(Problem),
}

/// Listing records a page at a time.
#[derive(utoipa::IntoResponses)]
pub enum ListProblems {
    #[response(status = 400, description = "Bad request", content_type = PROBLEM)]
    BadRequest(Problem),
    #[response(status = 401, description = "No valid token", content_type = PROBLEM)]
    Unauthorized(Problem),
    #[response(status = 403, description = "The token lacks the scope", content_type = PROBLEM)]
    Forbidden(Problem),
    #[response(status = 422, description = "Invalid cursor, limit or updated_since", content_type = PROBLEM)]
    Invalid(Problem),
}

/// Writing a record from a JSON body.
#[derive(utoipa::IntoResponses)]
pub enum WriteProblems {
    #[response(status = 400, description = "Bad request", content_type = PROBLEM)]
    BadRequest(Problem),
    #[response(status = 401, description = "No valid token", content_type = PROBLEM)]
    Unauthorized(Problem),
    #[response(status = 403, description = "The token lacks the scope", content_type = PROBLEM)]
    Forbidden(Problem),
    #[response(status = 409, description = "A duplicate idempotent request is still running", content_type = PROBLEM)]
    Conflict(Problem),
    #[response(status = 413, description = "Body over api.body_limit_bytes", content_type = PROBLEM)]
    TooLarge(Problem),
    #[response(status = 415, description = "Body not application/json", content_type = PROBLEM)]
    NotJson(Problem),
    #[response(status = 422, description = "Invalid field or unknown reference", content_type = PROBLEM)]
    Invalid(Problem),
}

/// Changing part of an existing record from a JSON body.
#[derive(utoipa::IntoResponses)]
pub enum PatchProblems {
    #[response(status = 400, description = "Bad request", content_type = PROBLEM)]
    BadRequest(Problem),
    #[response(status = 401, description = "No valid token", content_type = PROBLEM)]
    Unauthorized(Problem),
    #[response(status = 403, description = "The token lacks the scope", content_type = PROBLEM)]
    Forbidden(Problem),
    #[response(status = 404, description = "No such live record of the tenant", content_type = PROBLEM)]
    NotFound(Problem),
    #[response(status = 409, description = "A duplicate idempotent request is still running", content_type = PROBLEM)]
    Conflict(Problem),
    #[response(status = 413, description = "Body over api.body_limit_bytes", content_type = PROBLEM)]
    TooLarge(Problem),
    #[response(status = 415, description = "Body not application/json", content_type = PROBLEM)]
    NotJson(Problem),
    #[response(status = 422, description = "Invalid field or unknown reference", content_type = PROBLEM)]
    Invalid(Problem),
}

/// Deleting a record.
#[derive(utoipa::IntoResponses)]
pub enum DeleteProblems {
    #[response(status = 400, description = "Bad request", content_type = PROBLEM)]
    BadRequest(Problem),
    #[response(status = 401, description = "No valid token", content_type = PROBLEM)]
    Unauthorized(Problem),
    #[response(status = 403, description = "The token lacks the scope", content_type = PROBLEM)]
    Forbidden(Problem),
    #[response(status = 404, description = "No live record of the tenant", content_type = PROBLEM)]
    NotFound(Problem),
    #[response(status = 409, description = "Still referenced, or a duplicate idempotent request is running", content_type = PROBLEM)]
    Conflict(Problem),
    #[response(status = 422, description = "Idempotency-Key reused with another request", content_type = PROBLEM)]
    Invalid(Problem),
}

/// Uploading a file as the raw body.
#[derive(utoipa::IntoResponses)]
pub enum UploadProblems {
    #[response(status = 400, description = "Bad request", content_type = PROBLEM)]
    BadRequest(Problem),
    #[response(status = 401, description = "No valid token", content_type = PROBLEM)]
    Unauthorized(Problem),
    #[response(status = 403, description = "The token lacks the scope", content_type = PROBLEM)]
    Forbidden(Problem),
    #[response(status = 413, description = "File over api.document_limit_bytes; nothing kept", content_type = PROBLEM)]
    TooLarge(Problem),
    #[response(status = 422, description = "Invalid metadata, unknown context or SHA-256 mismatch; nothing kept", content_type = PROBLEM)]
    Invalid(Problem),
}
