//! Use cases of the sync API (issue 11): the back office upserts, reads,
//! lists and deletes its records by external id, in bulk too, and reads the
//! event feed. Every use case takes the [`Caller`] (the token's tenant and
//! scopes); storage binds the tenant into every statement.
//!
//! The wire types (`…Data`) are serde structs with `deny_unknown_fields`,
//! shared by the single-record routes and bulk lines, and checked into
//! domain values before anything is written.

pub mod auth;
pub mod bulk;
mod bulk_apply;
mod bulk_batch;
mod bulk_group;
mod bulk_plan;
pub mod bulk_prepare;
pub mod claim_checklist;
pub mod claims;
pub mod contracts;
pub mod customers;
pub mod document_meta;
pub mod document_upload;
pub mod documents;
pub mod events;
pub mod finance;
pub mod idempotency;
pub mod imports;
pub mod objects;
pub mod organizations;
pub mod rates;
pub mod schema;
pub mod staff;
pub mod tenant;
mod upsert;
pub mod validate;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::AppError;

pub use auth::Caller;
pub use upsert::{Outcome, UpsertResult};
pub use validate::FieldProblem;

/// Largest page of a list.
pub const MAX_LIMIT: i64 = 1000;
/// Page size when the request names none.
pub const DEFAULT_LIMIT: i64 = 100;

/// Why an API request failed; the web layer turns it into a problem
/// document (RFC 9457).
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("missing, unknown, revoked or expired token")]
    Unauthorized,
    #[error("the token lacks the scope {0}")]
    MissingScope(String),
    #[error("not found")]
    NotFound,
    /// Fields that failed their checks (each with its reason).
    #[error("invalid input")]
    Invalid(Vec<FieldProblem>),
    /// A reference by external id to no live record of the tenant (the
    /// field and the missing id). Bulk retries such lines later in the
    /// body.
    #[error("unknown reference")]
    MissingReference(FieldProblem),
    #[error("conflict: {0}")]
    Conflict(String),
    /// A body over its limit (413); nothing was kept.
    #[error("too large: {0}")]
    TooLarge(String),
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<kp_storage::StorageError> for ApiError {
    fn from(err: kp_storage::StorageError) -> Self {
        ApiError::App(AppError::from(err))
    }
}

impl ApiError {
    /// One invalid field.
    pub fn field(field: impl Into<String>, reason: impl Into<String>) -> ApiError {
        ApiError::Invalid(vec![FieldProblem::new(field, reason)])
    }
}

/// A page of a list with the cursor of the next one (`None` at the end).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// What a list request asks for.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub cursor: Option<String>,
    pub limit: Option<i64>,
    pub updated_since: Option<DateTime<Utc>>,
}

impl ListQuery {
    /// The storage query: the cursor decoded, the limit bounded.
    pub(crate) fn page(&self) -> Result<kp_storage::api::PageQuery, ApiError> {
        let after_id = match &self.cursor {
            Some(c) => decode_cursor(c)
                .and_then(|t| t.parse::<i64>().ok())
                .ok_or_else(|| ApiError::field("cursor", "not a cursor of this list"))?,
            None => 0,
        };
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::field(
                "limit",
                format!("must be between 1 and {MAX_LIMIT}"),
            ));
        }
        Ok(kp_storage::api::PageQuery {
            after_id,
            updated_since: self.updated_since,
            // One more than asked: whether a next page exists.
            limit: limit + 1,
        })
    }
}

/// Cuts a fetched page (one row more than asked) and makes the cursor
/// from the last row's id.
pub(crate) fn paginate<R, T>(
    mut rows: Vec<R>,
    q: &kp_storage::api::PageQuery,
    id: impl Fn(&R) -> i64,
    to_item: impl Fn(R) -> Result<T, ApiError>,
) -> Result<Page<T>, ApiError> {
    let asked = usize::try_from(q.limit - 1).unwrap_or(0);
    let more = rows.len() > asked;
    rows.truncate(asked);
    let next_cursor = if more {
        rows.last().map(|r| encode_cursor(&id(r).to_string()))
    } else {
        None
    };
    let items = rows.into_iter().map(to_item).collect::<Result<_, _>>()?;
    Ok(Page { items, next_cursor })
}

/// Cursors are opaque to clients: the position in hex, so that nobody
/// builds them by hand and the format can change.
pub fn encode_cursor(text: &str) -> String {
    format!("c{}", hex::encode(text.as_bytes()))
}

pub fn decode_cursor(cursor: &str) -> Option<String> {
    let bytes = hex::decode(cursor.strip_prefix('c')?).ok()?;
    String::from_utf8(bytes).ok()
}

/// The API path of a record, with its external id percent-encoded.
pub fn link(collection: &str, external_id: &str) -> String {
    let mut out = format!("/api/v1/{collection}/");
    for b in external_id.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
