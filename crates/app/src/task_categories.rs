//! Task categories 1 and 2 per area and origin (FEATURES D14): a task the
//! portal creates (from a claim report, an upload, a message, an
//! appointment request) carries the categories the broker configured for
//! its area and origin, so the back office can sort it without reading it.
//!
//! Stored as one JSON value under the key `task_categories`, per tenant
//! with the global value as fallback, like the other broker settings. A
//! combination nobody configured gets empty categories.

use std::collections::BTreeMap;

use kp_domain::{TaskArea, TaskOrigin, TenantId};
use kp_storage::settings::{self, SettingScope};
use serde::{Deserialize, Serialize};

use crate::{App, AppError};

pub const KEY: &str = "task_categories";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Categories {
    pub category1: String,
    pub category2: String,
}

/// Every configured combination: area → origin → categories.
pub type CategoryTable = BTreeMap<TaskArea, BTreeMap<TaskOrigin, Categories>>;

async fn read(app: &App, scope: SettingScope) -> Result<Option<CategoryTable>, AppError> {
    match settings::get(&app.db, scope, KEY).await? {
        // An unreadable value leaves tasks uncategorised rather than
        // refusing the customer's report or upload.
        Some(json) => Ok(Some(serde_json::from_str(&json).unwrap_or_else(|err| {
            tracing::warn!(%err, "task categories unreadable; using none");
            CategoryTable::default()
        }))),
        None => Ok(None),
    }
}

/// The table that applies to the tenant's tasks.
pub async fn table(app: &App, tenant: TenantId) -> Result<CategoryTable, AppError> {
    if let Some(found) = read(app, SettingScope::Tenant(tenant)).await? {
        return Ok(found);
    }
    Ok(read(app, SettingScope::Global).await?.unwrap_or_default())
}

/// The categories of a new task of the tenant in `area` from `origin`.
pub async fn for_task(
    app: &App,
    tenant: TenantId,
    area: TaskArea,
    origin: TaskOrigin,
) -> Result<Categories, AppError> {
    Ok(lookup(&table(app, tenant).await?, area, origin))
}

fn lookup(table: &CategoryTable, area: TaskArea, origin: TaskOrigin) -> Categories {
    table
        .get(&area)
        .and_then(|by_origin| by_origin.get(&origin))
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_json_names_areas_and_origins_by_key() {
        let json = r#"{"claims": {"claim_report": {"category1": "Schaden", "category2": "Neu"}}}"#;
        let table: CategoryTable = serde_json::from_str(json).unwrap();
        assert_eq!(
            lookup(&table, TaskArea::Claims, TaskOrigin::ClaimReport),
            Categories {
                category1: "Schaden".into(),
                category2: "Neu".into()
            }
        );
        assert_eq!(
            lookup(&table, TaskArea::Claims, TaskOrigin::Upload),
            Categories::default()
        );
    }
}
