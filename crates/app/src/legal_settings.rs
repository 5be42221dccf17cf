//! The broker's legal links (D5): per tenant and language the terms of
//! use, privacy notice, imprint and broker website, each a URL or a text,
//! and the version numbers of the terms and the privacy notice that portal
//! users must accept (0: none published, nothing to accept).
//!
//! Stored as one JSON value per tenant under the key `legal`. Staff
//! administrators edit the tenants they work for (all tenants when they
//! have none listed); visitors get the first tenant's, portal users the
//! tenant most of their customers belong to, staff their first tenant's.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use kp_domain::{Actor, Language, Principal, TenantId};
use kp_storage::settings::{self, SettingScope};
use kp_storage::tenants::{self, TenantRow};
use serde::{Deserialize, Serialize};

use crate::{App, AppError, FieldError};

const KEY: &str = "legal";
/// Longest URL and text accepted.
pub const MAX_URL_CHARS: usize = 2048;
pub const MAX_TEXT_CHARS: usize = 50_000;

/// The four legal pages, in the order the forms show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LegalPage {
    Terms,
    Privacy,
    Imprint,
    Website,
}

impl LegalPage {
    pub const ALL: [LegalPage; 4] = [
        LegalPage::Terms,
        LegalPage::Privacy,
        LegalPage::Imprint,
        LegalPage::Website,
    ];

    pub fn key(self) -> &'static str {
        match self {
            LegalPage::Terms => "terms",
            LegalPage::Privacy => "privacy",
            LegalPage::Imprint => "imprint",
            LegalPage::Website => "website",
        }
    }

    pub fn parse(key: &str) -> Option<LegalPage> {
        LegalPage::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The documents a portal user must accept.
    pub fn needs_consent(self) -> bool {
        matches!(self, LegalPage::Terms | LegalPage::Privacy)
    }
}

/// One page in one language: a link elsewhere, or a text shown here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LegalEntry {
    pub url: String,
    pub text: String,
}

impl LegalEntry {
    pub fn is_empty(&self) -> bool {
        self.url.is_empty() && self.text.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LegalSettings {
    pub terms_version: u32,
    pub privacy_version: u32,
    pub terms_published_at: Option<DateTime<Utc>>,
    pub privacy_published_at: Option<DateTime<Utc>>,
    /// Language code → page key → entry.
    pub pages: BTreeMap<String, BTreeMap<String, LegalEntry>>,
}

impl LegalSettings {
    /// The current version of a document to accept; `None` when none has
    /// been published.
    pub fn version(&self, page: LegalPage) -> Option<u32> {
        let v = match page {
            LegalPage::Terms => self.terms_version,
            LegalPage::Privacy => self.privacy_version,
            _ => 0,
        };
        (v > 0).then_some(v)
    }

    /// The entry in `language`, else the first language that has one.
    pub fn entry(&self, page: LegalPage, language: Language) -> Option<&LegalEntry> {
        let of = |lang: &str| {
            self.pages
                .get(lang)
                .and_then(|p| p.get(page.key()))
                .filter(|e| !e.is_empty())
        };
        of(language.code()).or_else(|| Language::ALL.iter().find_map(|l| of(l.code())))
    }

    pub fn entry_exact(&self, page: LegalPage, language: Language) -> LegalEntry {
        self.pages
            .get(language.code())
            .and_then(|p| p.get(page.key()))
            .cloned()
            .unwrap_or_default()
    }
}

pub async fn read(app: &App, tenant: TenantId) -> Result<LegalSettings, AppError> {
    match settings::get(&app.db, SettingScope::Tenant(tenant), KEY).await? {
        Some(json) => Ok(serde_json::from_str(&json).unwrap_or_else(|err| {
            tracing::warn!(%err, "legal settings unreadable; using none");
            LegalSettings::default()
        })),
        None => Ok(LegalSettings::default()),
    }
}

async fn write(app: &App, tenant: TenantId, value: &LegalSettings) -> Result<(), AppError> {
    let json = serde_json::to_string(value).map_err(|e| AppError::Internal(e.to_string()))?;
    settings::put(
        &app.db,
        SettingScope::Tenant(tenant),
        KEY,
        &json,
        app.clock.now(),
    )
    .await?;
    Ok(())
}

/// The tenant whose legal pages a reader gets (`None` without principal:
/// a visitor); `None` only when there is no tenant at all.
pub async fn tenant_of(
    app: &App,
    principal: Option<&Principal>,
) -> Result<Option<TenantId>, AppError> {
    let tenant = match principal.map(|p| (&p.actor, p)) {
        Some((Actor::Portal { .. }, p)) => {
            kp_storage::dashboard::main_tenant(&app.db, &p.scope).await?
        }
        Some((Actor::Staff { tenants, .. }, _)) => tenants.first().copied(),
        None => None,
    };
    match tenant {
        Some(t) => Ok(Some(t)),
        None => Ok(tenants::first_id(&app.db).await?),
    }
}

/// The tenants an administrator may edit (403 for anyone else).
pub async fn editable_tenants(
    app: &App,
    principal: &Principal,
) -> Result<Vec<TenantRow>, AppError> {
    let Actor::Staff { tenants, .. } = &principal.actor else {
        return Err(AppError::Forbidden);
    };
    if !principal.is_admin() {
        return Err(AppError::Forbidden);
    }
    let all = tenants::list(&app.db).await?;
    Ok(if tenants.is_empty() {
        all
    } else {
        all.into_iter()
            .filter(|t| tenants.contains(&TenantId(t.id)))
            .collect()
    })
}

/// Checks that the administrator may edit `tenant` (an id from the
/// browser): `NotFound` otherwise.
pub async fn editable(
    app: &App,
    principal: &Principal,
    tenant: i64,
) -> Result<TenantRow, AppError> {
    editable_tenants(app, principal)
        .await?
        .into_iter()
        .find(|t| t.id == tenant)
        .ok_or(AppError::NotFound)
}

/// Stores the four entries of one tenant and language, after checking
/// every field (URLs must be http(s), lengths bounded); nothing is stored
/// when one is wrong.
pub async fn save(
    app: &App,
    principal: &Principal,
    tenant: i64,
    language: Language,
    entries: &[(LegalPage, LegalEntry)],
) -> Result<(), AppError> {
    let tenant = TenantId(editable(app, principal, tenant).await?.id);
    let mut errors = Vec::new();
    for (page, entry) in entries {
        let url = entry.url.trim();
        let url_ok = url.is_empty()
            || ((url.starts_with("https://") || url.starts_with("http://"))
                && url.len() > "https://".len()
                && url.chars().count() <= MAX_URL_CHARS
                && !url.chars().any(|c| c.is_whitespace() || c.is_control()));
        if !url_ok {
            errors.push(FieldError {
                field: url_field(*page),
                key: "legal-url-invalid",
            });
        }
        if entry.text.chars().count() > MAX_TEXT_CHARS {
            errors.push(FieldError {
                field: text_field(*page),
                key: "legal-text-too-long",
            });
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut value = read(app, tenant).await?;
    let pages = value.pages.entry(language.code().to_owned()).or_default();
    for (page, entry) in entries {
        pages.insert(
            page.key().to_owned(),
            LegalEntry {
                url: entry.url.trim().to_owned(),
                text: entry.text.trim().to_owned(),
            },
        );
    }
    write(app, tenant, &value).await
}

/// Publishes a new version of the terms or the privacy notice: its number
/// goes up by one and every portal user is asked again on their next page.
pub async fn publish(
    app: &App,
    principal: &Principal,
    tenant: i64,
    page: LegalPage,
) -> Result<u32, AppError> {
    let tenant = TenantId(editable(app, principal, tenant).await?.id);
    let mut value = read(app, tenant).await?;
    let now = Some(app.clock.now());
    let version = match page {
        LegalPage::Terms => {
            value.terms_version += 1;
            value.terms_published_at = now;
            value.terms_version
        }
        LegalPage::Privacy => {
            value.privacy_version += 1;
            value.privacy_published_at = now;
            value.privacy_version
        }
        _ => return Err(AppError::NotFound),
    };
    write(app, tenant, &value).await?;
    kp_storage::consents::recheck_all(&app.db).await?;
    Ok(version)
}

/// The form fields of a page's entry.
pub fn url_field(page: LegalPage) -> &'static str {
    match page {
        LegalPage::Terms => "terms_url",
        LegalPage::Privacy => "privacy_url",
        LegalPage::Imprint => "imprint_url",
        LegalPage::Website => "website_url",
    }
}

pub fn text_field(page: LegalPage) -> &'static str {
    match page {
        LegalPage::Terms => "terms_text",
        LegalPage::Privacy => "privacy_text",
        LegalPage::Imprint => "imprint_text",
        LegalPage::Website => "website_text",
    }
}

/// What `/legal/{page}` shows: the tenant's entry and contact.
pub struct LegalView {
    pub entry: Option<LegalEntry>,
    pub version: Option<u32>,
    pub contact: Option<kp_storage::tenants::TenantContact>,
}

pub async fn page(
    app: &App,
    principal: Option<&Principal>,
    page: LegalPage,
    language: Language,
) -> Result<LegalView, AppError> {
    let Some(tenant) = tenant_of(app, principal).await? else {
        return Ok(LegalView {
            entry: None,
            version: None,
            contact: None,
        });
    };
    let settings = read(app, tenant).await?;
    Ok(LegalView {
        entry: settings.entry(page, language).cloned(),
        version: settings.version(page),
        contact: tenants::contact(&app.db, tenant).await?,
    })
}
