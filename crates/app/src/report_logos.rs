//! The logos at the head of a PDF report: the broker's (uploaded on the
//! home page settings) and the customer organization's own (D4), read from
//! the blob store. A logo that is missing, too large or cannot be decoded
//! is left out and logged: a report never fails for its decoration.

use kp_documents::Image;
use kp_domain::{Principal, TenantId};
use kp_storage::settings::{self, SettingScope};
use tokio::io::AsyncReadExt;

use crate::App;
use crate::home_files::MAX_LOGO_BYTES;
use crate::home_settings::{self, HomeSettings};

/// The decoded logos; either may be absent.
#[derive(Debug, Clone, Default)]
pub struct Logos {
    pub broker: Option<Image>,
    pub organization: Option<Image>,
}

/// The broker logo of a tenant's home page settings, else the global one.
/// The home page's "show logo" switch is about the home page; a report
/// carries the logo whenever one is uploaded.
pub(crate) async fn broker_of_tenant(app: &App, tenant: TenantId) -> Option<Image> {
    for scope in [SettingScope::Tenant(tenant), SettingScope::Global] {
        let stored = match settings::get(&app.db, scope, "home").await {
            Ok(stored) => stored,
            Err(err) => {
                tracing::warn!(%err, "home settings unreadable; report without broker logo");
                return None;
            }
        };
        let Some(json) = stored else { continue };
        let value: HomeSettings = serde_json::from_str(&json).unwrap_or_default();
        return match value.logo {
            Some(logo) => load(app, &logo.key).await,
            None => None,
        };
    }
    None
}

/// The logos a principal's list reports carry: the broker logo their home
/// page would use, and their organization's.
pub(crate) async fn of_principal(app: &App, principal: &Principal) -> Logos {
    let broker = match home_settings::effective(app, principal).await {
        Ok(value) => match value.logo {
            Some(logo) => load(app, &logo.key).await,
            None => None,
        },
        Err(err) => {
            tracing::warn!(%err, "home settings unreadable; report without broker logo");
            None
        }
    };
    let organization = match home_settings::organization_logo(app, principal).await {
        Ok(Some(key)) => load(app, &key).await,
        Ok(None) => None,
        Err(err) => {
            tracing::warn!(%err, "organization logo unreadable; report without it");
            None
        }
    };
    Logos {
        broker,
        organization,
    }
}

/// Reads and decodes one logo; `None` (logged) when that fails.
pub(crate) async fn load(app: &App, key: &str) -> Option<Image> {
    let opened = match app.blobs.open(key).await {
        Ok(opened) => opened,
        Err(err) => {
            tracing::warn!(%key, %err, "logo missing from the blob store; left out of the report");
            return None;
        }
    };
    let limit = u64::try_from(MAX_LOGO_BYTES).unwrap_or(u64::MAX);
    if opened.len > limit {
        tracing::warn!(%key, len = opened.len, "logo too large; left out of the report");
        return None;
    }
    let mut bytes = Vec::new();
    if let Err(err) = opened.reader.take(limit).read_to_end(&mut bytes).await {
        tracing::warn!(%key, %err, "logo unreadable; left out of the report");
        return None;
    }
    match Image::decode(&bytes) {
        Ok(image) => Some(image),
        Err(err) => {
            tracing::warn!(%key, %err, "logo cannot be embedded; left out of the report");
            None
        }
    }
}
