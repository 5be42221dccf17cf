//! `POST /api/v1/imports/gdv` and `GET /api/v1/imports/{id}` (scope
//! `imports`): the GDV import of [`crate::gdv_import`] for a token, and its
//! recorded report read back. An import of another tenant is not found,
//! like one that does not exist.

use chrono::{DateTime, Utc};
use kp_storage::gdv_import::imports;
use serde::Serialize;
use tokio::io::AsyncRead;

use super::{ApiError, Caller};
use crate::App;
use crate::gdv_import::{self, Actor, ImportReport};

pub const SCOPE: &str = "imports";

/// A recorded import: its log entry and, once finished, its report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportRecord {
    pub import_id: i64,
    /// `running`, `imported`, `imported_with_errors`, `rejected`, `failed`.
    pub status: String,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: i64,
    /// `api_token`, `command_line` or `staff`.
    pub actor_kind: String,
    pub actor_name: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The report as the import answered it (none while it runs).
    pub report: Option<ImportReport>,
}

/// Imports one GDV file, read from `input`, into the caller's tenant.
/// The report's status says whether anything was written (`rejected`:
/// nothing).
pub async fn import_gdv<R: AsyncRead + Unpin>(
    app: &App,
    caller: &Caller,
    input: R,
    file_name: &str,
) -> Result<ImportReport, ApiError> {
    caller.require(SCOPE)?;
    let actor = Actor::ApiToken {
        id: caller.token_id,
        name: caller.token_name.clone(),
    };
    Ok(gdv_import::import(app, caller.tenant, input, file_name, &actor).await?)
}

/// A recorded import of the caller's tenant.
pub async fn get(app: &App, caller: &Caller, id: i64) -> Result<ImportRecord, ApiError> {
    caller.require(SCOPE)?;
    let found = imports::get(&app.db, id, Some(std::slice::from_ref(&caller.tenant)))
        .await?
        .ok_or(ApiError::NotFound)?;
    // A running import has no report yet; one stored by an older version
    // may no longer parse, and the log entry is still worth answering.
    let report = serde_json::from_str(&found.report).ok();
    let row = found.row;
    Ok(ImportRecord {
        import_id: row.id,
        status: row.status,
        file_name: row.file_name,
        sha256: row.sha256,
        size_bytes: row.size_bytes,
        actor_kind: row.actor_kind,
        actor_name: row.actor_name,
        started_at: row.started_at,
        finished_at: row.finished_at,
        report,
    })
}
