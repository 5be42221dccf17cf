//! The broker's home page settings (B2–B5): dashboard or icon view,
//! welcome text and logo (each can be hidden), start messages with a
//! validity period, and the welcome video.
//!
//! Where they live: a staff administrator with exactly one tenant edits
//! that tenant's settings; one with several tenants (or none) edits the
//! global settings, which every tenant without its own uses. A portal user
//! sees the settings of the tenant most of their customers belong to, or
//! the global ones when that tenant has none. The whole value is one JSON
//! document under the key `home`, so a page reads it in one query.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kp_domain::{Actor, Language, Principal};
use kp_storage::dashboard;
use kp_storage::settings::{self, SettingScope};
use serde::{Deserialize, Serialize};

use crate::{App, AppError, FieldError};

const KEY: &str = "home";
/// Longest welcome or start message text, in characters.
pub const MAX_TEXT: usize = 2000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HomeView {
    #[default]
    Dashboard,
    Icons,
}

impl HomeView {
    pub fn parse(code: &str) -> Option<HomeView> {
        match code {
            "dashboard" => Some(HomeView::Dashboard),
            "icons" => Some(HomeView::Icons),
            _ => None,
        }
    }
}

/// A file kept in the blob store, addressed by its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredBlob {
    pub key: String,
    pub sha256: String,
    pub media_type: String,
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartMessage {
    pub id: u32,
    /// Language code → text; languages without a text fall back to German,
    /// then to any text.
    pub texts: BTreeMap<String, String>,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Video {
    pub enabled: bool,
    /// An uploaded file; wins over `url`.
    pub file: Option<StoredBlob>,
    /// An https address of a video.
    pub url: Option<String>,
}

impl Video {
    /// What identifies the current video, so that a user who dismissed one
    /// sees a new one again.
    pub fn version(&self) -> Option<String> {
        match (&self.file, &self.url) {
            (Some(file), _) => Some(file.sha256.clone()),
            (None, Some(url)) => Some(url.clone()),
            (None, None) => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HomeSettings {
    pub view: HomeView,
    pub show_welcome: bool,
    pub welcome: BTreeMap<String, String>,
    pub show_logo: bool,
    pub logo: Option<StoredBlob>,
    pub messages: Vec<StartMessage>,
    pub video: Video,
}

impl HomeSettings {
    pub fn to_json(&self) -> Result<String, AppError> {
        serde_json::to_string(self).map_err(|e| AppError::Internal(e.to_string()))
    }
}

/// The text for `language`: its own, else the German one, else any.
pub fn text_for(texts: &BTreeMap<String, String>, language: Language) -> Option<String> {
    texts
        .get(language.code())
        .or_else(|| texts.get(Language::De.code()))
        .or_else(|| texts.values().next())
        .filter(|t| !t.trim().is_empty())
        .cloned()
}

/// Whose settings a staff administrator edits.
pub fn edited_scope(principal: &Principal) -> Result<SettingScope, AppError> {
    match &principal.actor {
        Actor::Staff { tenants, .. } if principal.is_admin() => Ok(match tenants.as_slice() {
            [one] => SettingScope::Tenant(*one),
            _ => SettingScope::Global,
        }),
        _ => Err(AppError::Forbidden),
    }
}

/// Whether the administrator edits one tenant's settings (else the global ones).
pub fn edits_one_tenant(principal: &Principal) -> Result<bool, AppError> {
    Ok(matches!(edited_scope(principal)?, SettingScope::Tenant(_)))
}

async fn read(app: &App, scope: SettingScope) -> Result<Option<HomeSettings>, AppError> {
    match settings::get(&app.db, scope, KEY).await? {
        // A value that no longer parses (an older shape) is the default
        // rather than a broken home page.
        Some(json) => Ok(Some(serde_json::from_str(&json).unwrap_or_else(|err| {
            tracing::warn!(%err, "home settings unreadable; using defaults");
            HomeSettings::default()
        }))),
        None => Ok(None),
    }
}

/// The settings the principal's home page follows.
pub async fn effective(app: &App, principal: &Principal) -> Result<HomeSettings, AppError> {
    let own = match &principal.actor {
        Actor::Staff { tenants, .. } => match tenants.as_slice() {
            [one] => Some(SettingScope::Tenant(*one)),
            _ => None,
        },
        Actor::Portal { .. } => dashboard::main_tenant(&app.db, &principal.scope)
            .await?
            .map(SettingScope::Tenant),
    };
    if let Some(scope) = own
        && let Some(found) = read(app, scope).await?
    {
        return Ok(found);
    }
    Ok(read(app, SettingScope::Global).await?.unwrap_or_default())
}

/// The settings an administrator edits (403 for anyone else).
pub async fn for_editing(app: &App, principal: &Principal) -> Result<HomeSettings, AppError> {
    let scope = edited_scope(principal)?;
    Ok(read(app, scope).await?.unwrap_or_default())
}

/// Stores the edited settings.
pub async fn save(app: &App, principal: &Principal, value: &HomeSettings) -> Result<(), AppError> {
    let scope = edited_scope(principal)?;
    let json = value.to_json()?;
    settings::put(&app.db, scope, KEY, &json, app.clock.now()).await?;
    Ok(())
}

/// The start messages valid today (by the app clock), in the user's language.
pub fn current_messages(app: &App, value: &HomeSettings, language: Language) -> Vec<String> {
    let today = app.clock.now().date_naive();
    value
        .messages
        .iter()
        .filter(|m| m.valid_from <= today && today <= m.valid_until)
        .filter_map(|m| text_for(&m.texts, language))
        .collect()
}

/// Checks a welcome or message text's length.
pub fn check_text(text: &str, field: &'static str, errors: &mut Vec<FieldError>) {
    if text.chars().count() > MAX_TEXT {
        errors.push(FieldError {
            field,
            key: "home-settings-text-too-long",
        });
    }
}

fn dismissal_key(principal: &Principal) -> Option<String> {
    match &principal.actor {
        Actor::Portal { id, .. } if principal.impersonated_by.is_none() => {
            Some(format!("dismissed.video.user:{}", id.0))
        }
        _ => None,
    }
}

/// Whether the user has dismissed the current video.
pub async fn video_dismissed(
    app: &App,
    principal: &Principal,
    video: &Video,
) -> Result<bool, AppError> {
    let (Some(key), Some(version)) = (dismissal_key(principal), video.version()) else {
        return Ok(false);
    };
    let stored = settings::get(&app.db, SettingScope::Global, &key).await?;
    Ok(stored.and_then(|json| serde_json::from_str::<String>(&json).ok()) == Some(version))
}

/// Remembers that the user dismissed the current video. A staff member
/// viewing as the user dismisses it for the moment only.
pub async fn dismiss_video(app: &App, principal: &Principal) -> Result<(), AppError> {
    let value = effective(app, principal).await?;
    let (Some(key), Some(version)) = (dismissal_key(principal), value.video.version()) else {
        return Ok(());
    };
    let json = serde_json::to_string(&version).map_err(|e| AppError::Internal(e.to_string()))?;
    settings::put(&app.db, SettingScope::Global, &key, &json, app.clock.now()).await?;
    Ok(())
}

/// The organization's own logo key (D4) for its users.
pub async fn organization_logo(
    app: &App,
    principal: &Principal,
) -> Result<Option<String>, AppError> {
    match &principal.actor {
        Actor::Portal {
            organization: Some(org),
            ..
        } => Ok(dashboard::organization_logo(&app.db, *org).await?),
        _ => Ok(None),
    }
}
