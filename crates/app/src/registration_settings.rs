//! The broker's self-registration settings per tenant (C3, D10–D13),
//! stored as JSON under key `registration` of scope `tenant:<id>`:
//! the mode (off, automatic, on request), the registration recipient's
//! address (D10), the colour of the registration mails (D11), the broker's
//! own text (D12) and an extra text such as terms and conditions (D13).
//!
//! D12 is kept as plain text, shown with its line breaks on the form and
//! in the mails, never as HTML: a broker's markup would otherwise need a
//! sanitiser between it and every visitor (and their mail clients).

use kp_domain::{Principal, TenantId};
use kp_storage::settings::{self, SettingScope};
use kp_storage::tenants::{self, TenantRow};
use serde::{Deserialize, Serialize};

use crate::mail_templates::editing::plausible_email;
use crate::{App, AppError, FieldError};

const KEY: &str = "registration";
/// Longest D12 and D13 text.
pub const MAX_TEXT_CHARS: usize = 4000;

/// How visitors may register.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Off,
    Automatic,
    OnRequest,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Off, Mode::Automatic, Mode::OnRequest];

    pub fn code(self) -> &'static str {
        match self {
            Mode::Off => "off",
            Mode::Automatic => "automatic",
            Mode::OnRequest => "on_request",
        }
    }

    pub fn parse(code: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.code() == code)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationSettings {
    pub mode: Mode,
    /// D10: where requests are mailed; empty: no mail, the staff page only.
    pub recipient: String,
    /// D11: `#rrggbb`, empty for the theme's colour.
    pub colour: String,
    /// D12: plain text with line breaks.
    pub intro_text: String,
    /// D13: plain text with line breaks.
    pub extra_text: String,
}

impl RegistrationSettings {
    fn option(text: &str) -> Option<String> {
        (!text.trim().is_empty()).then(|| text.to_owned())
    }

    pub fn colour_option(&self) -> Option<String> {
        Self::option(&self.colour)
    }

    pub fn intro_option(&self) -> Option<String> {
        Self::option(&self.intro_text)
    }

    pub fn extra_option(&self) -> Option<String> {
        Self::option(&self.extra_text)
    }
}

/// A tenant's settings; off when it has none (or they no longer parse).
pub async fn load(app: &App, tenant: TenantId) -> Result<RegistrationSettings, AppError> {
    Ok(settings::get(&app.db, SettingScope::Tenant(tenant), KEY)
        .await?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// The tenant of a visitor: the one named by `key`, else the first tenant
/// (as the legal pages). `None` when there is no such tenant.
pub async fn visitor_tenant(app: &App, key: Option<&str>) -> Result<Option<TenantRow>, AppError> {
    let all = tenants::list(&app.db).await?;
    Ok(match key.map(str::trim).filter(|k| !k.is_empty()) {
        Some(key) => all.into_iter().find(|t| t.key == key),
        None => all.into_iter().min_by_key(|t| t.id),
    })
}

/// Whether the login page offers registration: the visitor's tenant has a
/// mode other than off.
pub async fn offered(app: &App, key: Option<&str>) -> Result<bool, AppError> {
    Ok(match visitor_tenant(app, key).await? {
        Some(t) => load(app, TenantId(t.id)).await?.mode != Mode::Off,
        None => false,
    })
}

fn require_admin(principal: &Principal) -> Result<(), AppError> {
    if principal.is_admin() && principal.impersonated_by.is_none() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// What the settings page shows: the tenants to choose from, the chosen
/// one and its settings.
#[derive(Debug, Clone)]
pub struct Editing {
    pub tenants: Vec<TenantRow>,
    pub tenant: TenantRow,
    pub settings: RegistrationSettings,
}

/// Administrators edit any tenant's settings (their scope is everything);
/// `key` picks the tenant, by default the first. `NotFound` for an
/// unknown key.
pub async fn for_editing(
    app: &App,
    principal: &Principal,
    key: Option<&str>,
) -> Result<Editing, AppError> {
    require_admin(principal)?;
    let mut tenants = tenants::list(&app.db).await?;
    tenants.sort_by_key(|t| t.id);
    let tenant = match key.map(str::trim).filter(|k| !k.is_empty()) {
        Some(key) => tenants.iter().find(|t| t.key == key).cloned(),
        None => tenants.first().cloned(),
    }
    .ok_or(AppError::NotFound)?;
    let settings = load(app, TenantId(tenant.id)).await?;
    Ok(Editing {
        tenants,
        tenant,
        settings,
    })
}

/// The form as typed.
#[derive(Debug, Clone, Default)]
pub struct SettingsInput {
    pub mode: String,
    pub recipient: String,
    pub colour: String,
    pub intro_text: String,
    pub extra_text: String,
}

fn field(field: &'static str, key: &'static str) -> FieldError {
    FieldError { field, key }
}

/// `#rrggbb`, lower-cased; `None` when malformed.
pub fn parse_colour(text: &str) -> Option<String> {
    let text = text.trim();
    let hex = text.strip_prefix('#')?;
    (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| text.to_lowercase())
}

/// Checks and stores the settings of the tenant `key`; field messages and
/// nothing stored on bad input.
pub async fn save(
    app: &App,
    principal: &Principal,
    key: &str,
    input: &SettingsInput,
) -> Result<(), AppError> {
    let editing = for_editing(app, principal, Some(key)).await?;
    let mut errors = Vec::new();
    let mode = Mode::parse(input.mode.trim());
    if mode.is_none() {
        errors.push(field("mode", "registration-settings-mode-invalid"));
    }
    let recipient = input.recipient.trim().to_owned();
    if !recipient.is_empty() && !plausible_email(&recipient) {
        errors.push(field("recipient", "registration-email-invalid"));
    } else if recipient.is_empty() && mode == Some(Mode::OnRequest) {
        errors.push(field(
            "recipient",
            "registration-settings-recipient-required",
        ));
    }
    let colour = if input.colour.trim().is_empty() {
        Some(String::new())
    } else {
        parse_colour(&input.colour)
    };
    if colour.is_none() {
        errors.push(field("colour", "registration-settings-colour-invalid"));
    }
    let clean = |text: &str| text.replace("\r\n", "\n").trim().to_owned();
    let intro_text = clean(&input.intro_text);
    let extra_text = clean(&input.extra_text);
    let bad_text = |t: &str| {
        t.chars().count() > MAX_TEXT_CHARS || t.chars().any(|c| c.is_control() && c != '\n')
    };
    if bad_text(&intro_text) {
        errors.push(field("intro_text", "registration-settings-text-invalid"));
    }
    if bad_text(&extra_text) {
        errors.push(field("extra_text", "registration-settings-text-invalid"));
    }
    let (Some(mode), Some(colour), true) = (mode, colour, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let value = RegistrationSettings {
        mode,
        recipient,
        colour,
        intro_text,
        extra_text,
    };
    let json = serde_json::to_string(&value).map_err(|e| AppError::Internal(e.to_string()))?;
    settings::put(
        &app.db,
        SettingScope::Tenant(TenantId(editing.tenant.id)),
        KEY,
        &json,
        app.clock.now(),
    )
    .await?;
    Ok(())
}

/// Stores settings directly (the demo loader and tests).
pub async fn put(
    app: &App,
    tenant: TenantId,
    value: &RegistrationSettings,
) -> Result<(), AppError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_six_hex_digits() {
        assert_eq!(parse_colour(" #A0b1C2 ").as_deref(), Some("#a0b1c2"));
        for bad in ["a0b1c2", "#abc", "#a0b1c2d", "#g0b1c2", "", "#"] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
    }

    #[test]
    fn modes_round_trip() {
        for m in Mode::ALL {
            assert_eq!(Mode::parse(m.code()), Some(m));
        }
        assert_eq!(Mode::parse("sometimes"), None);
    }
}
