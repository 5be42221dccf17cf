//! How a tenant's mails look and whom they come from: the tenant's name,
//! the theme's primary colour, the broker logo of the home page settings
//! (served to mail clients by its content hash, see [`logo`]) and the
//! sender set on `/settings/mails`.

use kp_domain::TenantId;
use kp_storage::settings::{self, SettingScope};

use super::editing::{self, SenderSetting};
use crate::home_files::OpenedFile;
use crate::home_settings::{HomeSettings, StoredBlob};
use crate::{App, AppError};

/// The frame's variables and the sender of one tenant's mails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Look {
    pub tenant_name: String,
    /// `#rrggbb`.
    pub colour: String,
    pub logo_url: Option<String>,
    /// The `From`, `None` for the SMTP settings' sender.
    pub sender: Option<String>,
    pub portal_url: String,
}

impl Look {
    /// The look of a tenant's mails; `None` (or a tenant without settings
    /// of its own) uses the global settings.
    pub async fn of_tenant(app: &App, tenant: Option<TenantId>) -> Result<Look, AppError> {
        let tenant_name = match tenant {
            Some(id) => kp_storage::tenants::name(&app.db, id).await?,
            None => None,
        }
        .unwrap_or_else(|| app.policy.broker_name.clone());
        let colour = crate::theme::load(app).await?.primary.hex();
        let logo_url = broker_logo(app, tenant)
            .await?
            .map(|logo| app.link(&format!("/mail/logo/{}", logo.sha256)));
        let sender = editing::effective_sender(app, tenant)
            .await?
            .and_then(|s: SenderSetting| s.mailbox());
        Ok(Look {
            tenant_name,
            colour,
            logo_url,
            sender,
            portal_url: app.link("/"),
        })
    }
}

async fn home_settings_of(
    app: &App,
    scope: SettingScope,
) -> Result<Option<HomeSettings>, AppError> {
    Ok(settings::get(&app.db, scope, "home")
        .await?
        .map(|json| serde_json::from_str(&json).unwrap_or_default()))
}

/// The tenant's broker logo (its home page settings, else the global).
async fn broker_logo(app: &App, tenant: Option<TenantId>) -> Result<Option<StoredBlob>, AppError> {
    let scopes = tenant
        .map(SettingScope::Tenant)
        .into_iter()
        .chain([SettingScope::Global]);
    for scope in scopes {
        if let Some(value) = home_settings_of(app, scope).await? {
            return Ok(value.logo);
        }
    }
    Ok(None)
}

/// A broker logo by its content hash, for the `<img>` of a mail: mail
/// clients fetch it without a session. Only a logo some tenant's (or the
/// global) home settings name is served; anything else is `NotFound`.
pub async fn logo(app: &App, sha256: &str) -> Result<OpenedFile, AppError> {
    let valid = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
    if !valid {
        return Err(AppError::NotFound);
    }
    let tenants = kp_storage::tenants::list(&app.db).await?;
    let scopes = tenants
        .iter()
        .map(|t| SettingScope::Tenant(TenantId(t.id)))
        .chain([SettingScope::Global]);
    for scope in scopes {
        let Some(stored) = home_settings_of(app, scope).await?.and_then(|v| v.logo) else {
            continue;
        };
        if stored.sha256 == sha256 {
            let blob = app
                .blobs
                .open(&stored.key)
                .await
                .map_err(|_| AppError::NotFound)?;
            return Ok(OpenedFile {
                media_type: stored.media_type,
                sha256: stored.sha256,
                blob,
            });
        }
    }
    Err(AppError::NotFound)
}
