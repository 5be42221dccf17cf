//! Tasks that complete themselves (B11): the broker configures on
//! `/settings/tasks` which clerk actions complete which tasks — today
//! "claim report accepted" for the tasks of origin `claim_report` that
//! belong to the report. Stored as JSON under the key `task_completion`
//! (a list of `TaskTrigger` keys), per tenant with the global value as
//! fallback, like the task categories. Nothing is configured by default:
//! a broker turns it on deliberately.
//!
//! The use case of the action calls the `on_…` function in its own
//! transaction, so the tasks are done exactly when the action is.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use kp_domain::{Principal, StaffUserId, TaskId, TaskTrigger, TenantId};
use kp_storage::Tx;
use kp_storage::settings::{self, SettingScope};
use kp_storage::task_changes;
use serde::{Deserialize, Serialize};

use crate::home_settings::edited_scope;
use crate::{App, AppError};

pub const KEY: &str = "task_completion";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompletionSettings {
    /// The actions that complete their tasks.
    pub triggers: BTreeSet<TaskTrigger>,
}

async fn read(app: &App, scope: SettingScope) -> Result<Option<CompletionSettings>, AppError> {
    match settings::get(&app.db, scope, KEY).await? {
        // An unreadable value completes nothing rather than failing the
        // clerk's action.
        Some(json) => Ok(Some(serde_json::from_str(&json).unwrap_or_else(|err| {
            tracing::warn!(%err, "task completion setting unreadable; using none");
            CompletionSettings::default()
        }))),
        None => Ok(None),
    }
}

/// The setting that applies to the tenant's tasks.
pub async fn for_tenant(app: &App, tenant: TenantId) -> Result<CompletionSettings, AppError> {
    if let Some(found) = read(app, SettingScope::Tenant(tenant)).await? {
        return Ok(found);
    }
    Ok(read(app, SettingScope::Global).await?.unwrap_or_default())
}

/// The setting an administrator edits (403 for anyone else).
pub async fn for_editing(app: &App, principal: &Principal) -> Result<CompletionSettings, AppError> {
    let scope = edited_scope(principal)?;
    Ok(read(app, scope).await?.unwrap_or_default())
}

/// Stores the setting at the administrator's scope.
pub async fn save(
    app: &App,
    principal: &Principal,
    value: &CompletionSettings,
) -> Result<(), AppError> {
    let scope = edited_scope(principal)?;
    let json = serde_json::to_string(value).map_err(|e| AppError::Internal(e.to_string()))?;
    settings::put(&app.db, scope, KEY, &json, app.clock.now()).await?;
    Ok(())
}

/// Called in the transaction that accepts the claim report `report`: when
/// the report's tenant has "claim report accepted" configured, completes
/// the report's tasks of origin `claim_report` that are not done, each
/// with the history entry "completed automatically" naming `staff`.
/// Returns the tasks completed (none when not configured).
pub async fn on_claim_report_accepted(
    app: &App,
    tx: &mut Tx,
    report: i64,
    staff: StaffUserId,
    at: DateTime<Utc>,
) -> Result<Vec<TaskId>, AppError> {
    let trigger = TaskTrigger::ClaimReportAccepted;
    let Some(tenant) = task_changes::report_tenant(tx, report).await? else {
        return Ok(Vec::new());
    };
    if !for_tenant(app, TenantId(tenant))
        .await?
        .triggers
        .contains(&trigger)
    {
        return Ok(Vec::new());
    }
    let done =
        task_changes::complete_of_report(tx, report, trigger.origin().as_str(), staff, at).await?;
    tracing::info!(report, tasks = done.len(), "tasks completed automatically");
    Ok(done)
}
