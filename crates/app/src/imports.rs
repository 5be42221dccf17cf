//! The import log for staff (`/settings/imports`): administrators see every
//! tenant's imports, other staff their tenants' only; portal users none.
//! An import outside the reader's tenants is not found, like one that does
//! not exist.

use kp_domain::{Actor, Principal, StaffRole, TenantId};
use kp_storage::gdv_import::imports;

pub use kp_storage::gdv_import::imports::ImportRow;

use crate::gdv_import::ImportReport;
use crate::{App, AppError};

/// Imports listed at most.
pub const MAX_LISTED: i64 = 200;

/// An import with its report, read back.
#[derive(Debug, Clone)]
pub struct ImportDetail {
    pub row: ImportRow,
    /// `None` when the stored report no longer parses (an older shape).
    pub report: Option<ImportReport>,
}

/// The tenants whose imports the principal sees; `None` for all.
fn tenants(principal: &Principal) -> Result<Option<&[TenantId]>, AppError> {
    match &principal.actor {
        _ if principal.impersonated_by.is_some() => Err(AppError::NotFound),
        Actor::Staff {
            role: StaffRole::Admin,
            ..
        } => Ok(None),
        Actor::Staff { tenants, .. } => Ok(Some(tenants.as_slice())),
        Actor::Portal { .. } => Err(AppError::NotFound),
    }
}

/// The newest imports the principal may see.
pub async fn list(app: &App, principal: &Principal) -> Result<Vec<ImportRow>, AppError> {
    let tenants = tenants(principal)?;
    Ok(imports::list(&app.db, tenants, MAX_LISTED).await?)
}

/// One import with its report.
pub async fn detail(app: &App, principal: &Principal, id: i64) -> Result<ImportDetail, AppError> {
    let tenants = tenants(principal)?;
    let found = imports::get(&app.db, id, tenants)
        .await?
        .ok_or(AppError::NotFound)?;
    let report = serde_json::from_str(&found.report)
        .map_err(|err| tracing::warn!(%err, id, "import report unreadable"))
        .ok();
    Ok(ImportDetail {
        row: found.row,
        report,
    })
}
