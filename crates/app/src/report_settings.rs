//! Which PDF reports the broker offers (B10 "allowed per setting"): the
//! contract master sheet and the claims list, each on by default.
//!
//! Stored like the home page settings: one JSON value under the key
//! `reports`, per tenant or global. A staff administrator with exactly one
//! tenant edits that tenant's value, others the global one. A contract's
//! sheet follows the contract's tenant; the claims list follows the tenant
//! most of the user's customers belong to (staff: their one tenant); either
//! falls back to the global value, then to the default.

use kp_domain::{Actor, ContractId, Principal, TenantId};
use kp_storage::dashboard;
use kp_storage::settings::{self, SettingScope};
use serde::{Deserialize, Serialize};

use crate::home_settings::edited_scope;
use crate::{App, AppError};

const KEY: &str = "reports";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportSettings {
    pub contract_sheet: bool,
    pub claims_list: bool,
}

impl Default for ReportSettings {
    fn default() -> Self {
        Self {
            contract_sheet: true,
            claims_list: true,
        }
    }
}

async fn read(app: &App, scope: SettingScope) -> Result<Option<ReportSettings>, AppError> {
    match settings::get(&app.db, scope, KEY).await? {
        // An unreadable value offers the reports rather than breaking pages.
        Some(json) => Ok(Some(serde_json::from_str(&json).unwrap_or_else(|err| {
            tracing::warn!(%err, "report settings unreadable; using defaults");
            ReportSettings::default()
        }))),
        None => Ok(None),
    }
}

pub(crate) async fn for_tenant(
    app: &App,
    tenant: Option<TenantId>,
) -> Result<ReportSettings, AppError> {
    if let Some(tenant) = tenant
        && let Some(found) = read(app, SettingScope::Tenant(tenant)).await?
    {
        return Ok(found);
    }
    Ok(read(app, SettingScope::Global).await?.unwrap_or_default())
}

/// The settings the principal's lists follow.
pub async fn effective(app: &App, principal: &Principal) -> Result<ReportSettings, AppError> {
    let tenant = match &principal.actor {
        Actor::Staff { tenants, .. } => match tenants.as_slice() {
            [one] => Some(*one),
            _ => None,
        },
        Actor::Portal { .. } => dashboard::main_tenant(&app.db, &principal.scope).await?,
    };
    for_tenant(app, tenant).await
}

/// The settings of a contract's tenant; `NotFound` outside the scope.
pub async fn for_contract(
    app: &App,
    principal: &Principal,
    id: ContractId,
) -> Result<ReportSettings, AppError> {
    let parties = kp_storage::contacts::contract_parties(&app.db, &principal.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    for_tenant(app, Some(TenantId(parties.office.id))).await
}

/// The settings an administrator edits (403 for anyone else).
pub async fn for_editing(app: &App, principal: &Principal) -> Result<ReportSettings, AppError> {
    let scope = edited_scope(principal)?;
    Ok(read(app, scope).await?.unwrap_or_default())
}

/// Stores the administrator's settings.
pub async fn save(app: &App, principal: &Principal, value: ReportSettings) -> Result<(), AppError> {
    let scope = edited_scope(principal)?;
    let json = serde_json::to_string(&value).map_err(|e| AppError::Internal(e.to_string()))?;
    settings::put(&app.db, scope, KEY, &json, app.clock.now()).await?;
    Ok(())
}
