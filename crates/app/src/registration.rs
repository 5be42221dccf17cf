//! Public self-registration (C3): the form a visitor of a tenant sees
//! (`/register`), automatic registration by customer number and proof, and
//! registration on request. Both answer the same page whatever happened,
//! so that nobody learns from it whether a customer number, a customer or
//! a login exists; what did happen is kept for the staff
//! (`kp_storage::registrations`).

use std::net::IpAddr;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use kp_domain::{Language, TenantId};
use kp_storage::Tx;
use kp_storage::request_throttle;
use kp_storage::tenants::TenantRow;

use crate::mail_templates::editing::plausible_email;
use crate::registration_settings::{self, Mode, RegistrationSettings};
use crate::{App, AppError, FieldError};

pub use crate::registration_auto::{AutomaticInput, CustomerKind, submit_automatic};
pub use crate::registration_request::{RequestInput, submit_request};

/// Registrations one address may start per hour, and one client address.
pub const MAX_PER_EMAIL_PER_HOUR: i64 = 3;
pub const MAX_PER_CLIENT_PER_HOUR: i64 = 20;
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_NUMBER_CHARS: usize = 50;
pub const MAX_MESSAGE_CHARS: usize = 2000;

const THROTTLE_ACTION: &str = "registration";

/// The registration of one tenant, as the form needs it.
#[derive(Debug, Clone)]
pub struct Portal {
    pub tenant: TenantRow,
    pub settings: RegistrationSettings,
}

impl Portal {
    pub fn tenant_id(&self) -> TenantId {
        TenantId(self.tenant.id)
    }
}

/// The visitor's tenant (by `key`, else the first) if it offers
/// registration; `NotFound` when it does not exist or its mode is off.
pub async fn open(app: &App, key: Option<&str>) -> Result<Portal, AppError> {
    let tenant = registration_settings::visitor_tenant(app, key)
        .await?
        .ok_or(AppError::NotFound)?;
    let settings = registration_settings::load(app, TenantId(tenant.id)).await?;
    if settings.mode == Mode::Off {
        return Err(AppError::NotFound);
    }
    Ok(Portal { tenant, settings })
}

pub(crate) fn field(field: &'static str, key: &'static str) -> FieldError {
    FieldError { field, key }
}

/// Checks an e-mail field; the trimmed address when plausible.
pub(crate) fn check_email(email: &str, errors: &mut Vec<FieldError>) -> String {
    let email = email.trim();
    if email.is_empty() {
        errors.push(field("email", "form-required"));
    } else if !plausible_email(email) {
        errors.push(field("email", "registration-email-invalid"));
    }
    email.to_owned()
}

/// Checks an optional one-line text of at most `max` characters.
pub(crate) fn check_line(
    value: &str,
    name: &'static str,
    max: usize,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> String {
    let value = value.trim();
    if value.is_empty() && required {
        errors.push(field(name, "form-required"));
    } else if value.chars().count() > max || value.chars().any(char::is_control) {
        errors.push(field(name, "registration-field-too-long"));
    }
    value.to_owned()
}

/// A date as a date input sends it (`2026-04-12`) or as typed in German
/// (`12.04.2026`).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .ok()
}

/// Counts this registration against the limits of its address and client
/// and records it; `false` when either limit is reached (the caller then
/// does nothing, and answers as always).
pub(crate) async fn within_limits(
    tx: &mut Tx,
    email: &str,
    client: IpAddr,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let since = now - Duration::hours(1);
    let email_key = format!("email:{}", kp_storage::users::normalize_email(email));
    let client_key = format!("client:{client}");
    let by_email = request_throttle::count_since(tx, THROTTLE_ACTION, &email_key, since).await?;
    let by_client = request_throttle::count_since(tx, THROTTLE_ACTION, &client_key, since).await?;
    request_throttle::record(tx, THROTTLE_ACTION, &email_key, now).await?;
    request_throttle::record(tx, THROTTLE_ACTION, &client_key, now).await?;
    Ok(by_email < MAX_PER_EMAIL_PER_HOUR && by_client < MAX_PER_CLIENT_PER_HOUR)
}

/// The language code stored with a registration (its mails' language).
pub(crate) fn language_code(language: Language) -> &'static str {
    language.code()
}
