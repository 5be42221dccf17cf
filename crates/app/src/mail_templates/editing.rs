//! The broker's own mail texts and sender (`/settings/mails`), stored like
//! the other settings: under `mail:<kind>:<language>` (subject, HTML,
//! text as JSON) and `mail_sender`, per tenant or global. An administrator
//! with exactly one tenant edits that tenant's, others the global ones;
//! a mail uses its tenant's, else the global, else the shipped default.

use kp_domain::{Language, Principal, TenantId};
use kp_storage::settings::{self, SettingScope};
use serde::{Deserialize, Serialize};

use super::{Look, MailKind, MailVars, OwnedTexts, RenderError, Rendered, default_texts, render};
use crate::home_settings::edited_scope;
use crate::{App, AppError, FieldError};

const SENDER_KEY: &str = "mail_sender";

/// Longest template part accepted (HTML and text); mails point to the
/// portal, they are not documents.
pub const MAX_BODY_CHARS: usize = 100_000;
/// Longest subject template accepted.
pub const MAX_SUBJECT_TEMPLATE_CHARS: usize = 500;
pub const MAX_SENDER_NAME_CHARS: usize = 100;

fn key(kind: MailKind, language: Language) -> String {
    format!("mail:{}:{}", kind.code(), language.code())
}

async fn read(
    app: &App,
    scope: SettingScope,
    kind: MailKind,
    language: Language,
) -> Result<Option<OwnedTexts>, AppError> {
    Ok(settings::get(&app.db, scope, &key(kind, language))
        .await?
        .and_then(|json| match serde_json::from_str(&json) {
            Ok(texts) => Some(texts),
            Err(err) => {
                tracing::warn!(%err, "stored mail template unreadable; default used");
                None
            }
        }))
}

fn scopes(tenant: Option<TenantId>) -> impl Iterator<Item = SettingScope> {
    tenant
        .map(SettingScope::Tenant)
        .into_iter()
        .chain([SettingScope::Global])
}

/// The override a tenant's mail uses, if any.
pub(crate) async fn effective_override(
    app: &App,
    tenant: Option<TenantId>,
    kind: MailKind,
    language: Language,
) -> Result<Option<OwnedTexts>, AppError> {
    for scope in scopes(tenant) {
        if let Some(found) = read(app, scope, kind, language).await? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// The sender of a tenant's mails.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SenderSetting {
    pub name: String,
    pub address: String,
}

impl SenderSetting {
    /// `"Name" <address>`, or the address alone; `None` when unset.
    pub fn mailbox(&self) -> Option<String> {
        if self.address.is_empty() {
            return None;
        }
        if self.name.is_empty() {
            return Some(self.address.clone());
        }
        let quoted = self.name.replace('\\', "\\\\").replace('"', "\\\"");
        Some(format!("\"{quoted}\" <{}>", self.address))
    }
}

async fn read_sender(app: &App, scope: SettingScope) -> Result<Option<SenderSetting>, AppError> {
    Ok(settings::get(&app.db, scope, SENDER_KEY)
        .await?
        .and_then(|json| serde_json::from_str(&json).ok()))
}

pub(crate) async fn effective_sender(
    app: &App,
    tenant: Option<TenantId>,
) -> Result<Option<SenderSetting>, AppError> {
    for scope in scopes(tenant) {
        if let Some(found) = read_sender(app, scope).await? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// What the overview shows: the sender and which texts are the broker's.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    pub sender: SenderSetting,
    pub customised: Vec<(MailKind, Language)>,
}

pub async fn overview(app: &App, principal: &Principal) -> Result<Overview, AppError> {
    let scope = edited_scope(principal)?;
    let sender = read_sender(app, scope).await?.unwrap_or_default();
    let stored = settings::with_prefix(&app.db, scope, "mail:").await?;
    let customised = stored
        .iter()
        .filter_map(|(key, _)| {
            let mut parts = key.split(':').skip(1);
            let kind = MailKind::parse(parts.next()?)?;
            let language = Language::parse(parts.next()?)?;
            Some((kind, language))
        })
        .collect();
    Ok(Overview { sender, customised })
}

/// The texts an administrator edits, and whether they are their own.
pub async fn for_editing(
    app: &App,
    principal: &Principal,
    kind: MailKind,
    language: Language,
) -> Result<(OwnedTexts, bool), AppError> {
    let scope = edited_scope(principal)?;
    Ok(match read(app, scope, kind, language).await? {
        Some(texts) => (texts, true),
        None => (default_texts(kind, language).into(), false),
    })
}

/// The tenant whose look the administrator's preview uses.
fn preview_tenant(principal: &Principal) -> Result<Option<TenantId>, AppError> {
    Ok(match edited_scope(principal)? {
        SettingScope::Tenant(id) => Some(id),
        _ => None,
    })
}

/// Why texts were refused.
#[derive(Debug)]
pub enum EditError {
    /// Too long or empty: messages for the fields.
    Fields(Vec<FieldError>),
    /// A template that does not render, with minijinja's message.
    Render(RenderError),
    Other(AppError),
}

impl From<AppError> for EditError {
    fn from(err: AppError) -> Self {
        EditError::Other(err)
    }
}

/// Renders texts with sample variables (from the caller, in the
/// administrator's language) and the administrator's look: the preview,
/// and the check before saving.
pub async fn preview(
    app: &App,
    principal: &Principal,
    language: Language,
    texts: &OwnedTexts,
    sample: &MailVars,
) -> Result<Rendered, EditError> {
    check_lengths(texts).map_err(EditError::Fields)?;
    let look = Look::of_tenant(app, preview_tenant(principal)?).await?;
    render(language, texts.as_texts(), &look, sample).map_err(EditError::Render)
}

fn check_lengths(texts: &OwnedTexts) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    for (field, value, max) in [
        ("subject", &texts.subject, MAX_SUBJECT_TEMPLATE_CHARS),
        ("html", &texts.html, MAX_BODY_CHARS),
        ("text", &texts.text, MAX_BODY_CHARS),
    ] {
        if value.trim().is_empty() {
            errors.push(FieldError {
                field,
                key: "form-required",
            });
        } else if value.chars().count() > max {
            errors.push(FieldError {
                field,
                key: "mail-settings-too-long",
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Stores the administrator's texts after they rendered with the sample.
pub async fn save(
    app: &App,
    principal: &Principal,
    kind: MailKind,
    language: Language,
    texts: &OwnedTexts,
    sample: &MailVars,
) -> Result<(), EditError> {
    preview(app, principal, language, texts, sample).await?;
    let scope = edited_scope(principal)?;
    let json = serde_json::to_string(texts).map_err(|e| AppError::Internal(e.to_string()))?;
    settings::put(&app.db, scope, &key(kind, language), &json, app.clock.now())
        .await
        .map_err(AppError::from)?;
    tracing::info!(kind = kind.code(), language = language.code(), by = %principal.name, "mail template saved");
    Ok(())
}

/// Back to the shipped default (or the global texts, for a tenant).
pub async fn reset(
    app: &App,
    principal: &Principal,
    kind: MailKind,
    language: Language,
) -> Result<(), AppError> {
    let scope = edited_scope(principal)?;
    settings::delete(&app.db, scope, &key(kind, language)).await?;
    Ok(())
}

/// A plausible address: one `@`, something on both sides, a dot in the
/// domain, nothing that could break a header.
pub fn plausible_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && address.chars().count() <= crate::auth::MAX_EMAIL_CHARS
        && address
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | ',' | ';' | '"' | '(' | ')'))
}

/// Stores the sender (both empty: the SMTP settings' sender again).
pub async fn save_sender(
    app: &App,
    principal: &Principal,
    name: &str,
    address: &str,
) -> Result<(), AppError> {
    let scope = edited_scope(principal)?;
    let value = SenderSetting {
        name: name.trim().to_owned(),
        address: address.trim().to_owned(),
    };
    let mut errors = Vec::new();
    if value.name.chars().count() > MAX_SENDER_NAME_CHARS
        || value.name.chars().any(char::is_control)
    {
        errors.push(FieldError {
            field: "sender_name",
            key: "mail-settings-sender-name-invalid",
        });
    }
    if !value.address.is_empty() && !plausible_email(&value.address) {
        errors.push(FieldError {
            field: "sender_address",
            key: "mail-form-email-invalid",
        });
    }
    if value.address.is_empty() && !value.name.is_empty() {
        errors.push(FieldError {
            field: "sender_address",
            key: "form-required",
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if value.address.is_empty() {
        settings::delete(&app.db, scope, SENDER_KEY).await?;
    } else {
        let json = serde_json::to_string(&value).map_err(|e| AppError::Internal(e.to_string()))?;
        settings::put(&app.db, scope, SENDER_KEY, &json, app.clock.now()).await?;
    }
    Ok(())
}
