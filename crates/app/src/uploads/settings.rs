//! The broker's upload settings (A7, B7, B8): the document types a portal
//! user chooses from (a selection of the [`DocumentType`] codes, labelled
//! by the web layer's `document-type-<code>` translations), whether
//! choosing one is mandatory, and the size limit per file in MiB.
//!
//! Stored like the other broker settings: one JSON value under the key
//! `uploads`, per tenant with the global value as fallback; an
//! administrator with exactly one tenant edits that tenant's value.

use kp_domain::{DocumentType, Principal, TenantId};
use kp_storage::settings::{self as store, SettingScope};
use serde::{Deserialize, Serialize};

use crate::home_settings::edited_scope;
use crate::{App, AppError, FieldError};

pub const KEY: &str = "uploads";
/// Bounds of the limit in MiB: at least one photo from a phone, at most
/// what a request may take to arrive within the request timeout.
pub const MIN_LIMIT_MIB: u32 = 1;
pub const MAX_LIMIT_MIB: u32 = 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UploadSettings {
    /// Codes of [`DocumentType`], in the order offered.
    pub document_types: Vec<String>,
    pub type_mandatory: bool,
    pub limit_mib: u32,
}

impl Default for UploadSettings {
    fn default() -> Self {
        use DocumentType::*;
        Self {
            document_types: [
                ClaimReport,
                ClaimPhoto,
                ExpertReport,
                Invoice,
                Correspondence,
                Other,
            ]
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect(),
            type_mandatory: false,
            limit_mib: 20,
        }
    }
}

impl UploadSettings {
    pub fn limit_bytes(&self) -> u64 {
        u64::from(self.limit_mib.clamp(MIN_LIMIT_MIB, MAX_LIMIT_MIB)) * 1024 * 1024
    }

    /// The offered types that are known codes (a stored value may name
    /// one a later version dropped).
    pub fn offered(&self) -> Vec<DocumentType> {
        self.document_types
            .iter()
            .filter_map(|c| DocumentType::parse(c).ok())
            .collect()
    }

    /// Checks an administrator's input.
    pub fn validate(&self) -> Result<(), AppError> {
        let mut errors = Vec::new();
        if !(MIN_LIMIT_MIB..=MAX_LIMIT_MIB).contains(&self.limit_mib) {
            errors.push(FieldError {
                field: "limit_mib",
                key: "upload-settings-limit-invalid",
            });
        }
        if self.offered().is_empty() || self.offered().len() != self.document_types.len() {
            errors.push(FieldError {
                field: "document_types",
                key: "upload-settings-types-invalid",
            });
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

async fn read(app: &App, scope: SettingScope) -> Result<Option<UploadSettings>, AppError> {
    match store::get(&app.db, scope, KEY).await? {
        // An unreadable value keeps uploads working with the defaults.
        Some(json) => Ok(Some(serde_json::from_str(&json).unwrap_or_else(|err| {
            tracing::warn!(%err, "upload settings unreadable; using defaults");
            UploadSettings::default()
        }))),
        None => Ok(None),
    }
}

/// The settings uploads to the tenant's records follow.
pub async fn for_tenant(app: &App, tenant: TenantId) -> Result<UploadSettings, AppError> {
    if let Some(found) = read(app, SettingScope::Tenant(tenant)).await? {
        return Ok(found);
    }
    Ok(read(app, SettingScope::Global).await?.unwrap_or_default())
}

/// The settings an administrator edits (403 for anyone else).
pub async fn for_editing(app: &App, principal: &Principal) -> Result<UploadSettings, AppError> {
    let scope = edited_scope(principal)?;
    Ok(read(app, scope).await?.unwrap_or_default())
}

/// Checks and stores the administrator's settings.
pub async fn save(
    app: &App,
    principal: &Principal,
    value: &UploadSettings,
) -> Result<(), AppError> {
    let scope = edited_scope(principal)?;
    value.validate()?;
    let json = serde_json::to_string(value).map_err(|e| AppError::Internal(e.to_string()))?;
    store::put(&app.db, scope, KEY, &json, app.clock.now()).await?;
    Ok(())
}
