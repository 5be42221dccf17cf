//! A user's own second factors: enrol TOTP (secret, QR, confirmation by a
//! first code), remove it, and regenerate the recovery codes. Changes ask
//! for the current password in the same form (`check_password`), except
//! the enrolment forced right after the password step of sign-in.

use kp_storage::two_factor::{self as store, Factors};
use kp_storage::users::{self, UserRef};

use super::{recovery, totp_purpose};
use crate::{App, AppError, FieldError, totp_codes};

/// What the enrolment page shows: the secret as text and in the QR code.
#[derive(Debug, Clone)]
pub struct Enrolment {
    pub secret: String,
    pub otpauth_url: String,
    pub qr_svg: String,
}

fn field(field: &'static str, key: &'static str) -> AppError {
    AppError::Validation(vec![FieldError { field, key }])
}

pub async fn factors(app: &App, user: UserRef) -> Result<Factors, AppError> {
    Ok(store::factors(&app.db, user).await?)
}

/// The current password, as a re-authentication before a change. A wrong
/// or missing one is a message at the `password` field.
pub async fn check_password(
    app: &App,
    user: UserRef,
    email: &str,
    password: &str,
) -> Result<(), AppError> {
    if password.is_empty() {
        return Err(field("password", "form-required"));
    }
    if password.chars().count() > crate::auth::MAX_PASSWORD_CHARS {
        return Err(field("password", "two-factor-password-wrong"));
    }
    let hash = users::credentials_by_email(&app.db, email)
        .await?
        .filter(|c| c.user == user)
        .and_then(|c| c.password_hash);
    if app.passwords.verify(password.to_owned(), hash).await? {
        Ok(())
    } else {
        Err(field("password", "two-factor-password-wrong"))
    }
}

/// The enrolment in progress, started now if there is none. `None` when a
/// confirmed TOTP exists already.
pub async fn enrolment(
    app: &App,
    user: UserRef,
    issuer: &str,
    account: &str,
) -> Result<Option<Enrolment>, AppError> {
    let key = app.encryption_key().inspect_err(|_| {
        tracing::error!(
            "two-factor enrolment refused: no [security] encryption_key is configured \
             (64 hex digits; see docs/configuration.md)"
        );
    })?;
    let purpose = totp_purpose(user);
    let secret = match store::totp(&app.db, user).await? {
        Some(row) if row.confirmed => return Ok(None),
        Some(row) => key.open(&purpose, &row.secret_encrypted)?,
        None => {
            let secret = totp_codes::new_secret();
            let sealed = key.seal(&purpose, &secret)?;
            if !store::start_totp(&app.db, user, &sealed, app.clock.now()).await? {
                return Ok(None);
            }
            secret
        }
    };
    let otpauth_url = totp_codes::otpauth_url(&secret, issuer, account)?;
    Ok(Some(Enrolment {
        secret: totp_codes::encoded(&secret),
        qr_svg: totp_codes::qr_svg(&otpauth_url)?,
        otpauth_url,
    }))
}

/// Confirms the enrolment with a first code; returns the new recovery
/// codes, to be shown once.
pub async fn confirm(app: &App, user: UserRef, code: &str) -> Result<Vec<String>, AppError> {
    if totp_codes::normalize(code).is_none() {
        return Err(field("code", "two-factor-code-malformed"));
    }
    let key = app.encryption_key()?;
    let Some(row) = store::totp(&app.db, user).await?.filter(|r| !r.confirmed) else {
        return Err(AppError::NotFound);
    };
    let secret = key.open(&totp_purpose(user), &row.secret_encrypted)?;
    let now = app.clock.now();
    let unix = u64::try_from(now.timestamp()).unwrap_or(0);
    let Some(step) = totp_codes::matching_step(&secret, code, unix) else {
        return Err(field("code", "two-factor-code-wrong"));
    };
    if !store::use_step(&app.db, user, step, true, now).await? {
        return Err(field("code", "two-factor-code-wrong"));
    }
    regenerate_codes(app, user).await
}

/// Sets new recovery codes (the old ones stop working) and returns them.
pub async fn regenerate_codes(app: &App, user: UserRef) -> Result<Vec<String>, AppError> {
    let codes = recovery::generate();
    let hashes: Vec<String> = codes
        .iter()
        .filter_map(|c| recovery::normalize(c))
        .map(|n| recovery::hash(&n))
        .collect();
    store::replace_recovery_codes(&app.db, user, &hashes, app.clock.now()).await?;
    Ok(codes)
}

/// Removes TOTP; the recovery codes go with it when no passkey remains.
pub async fn remove_totp(app: &App, user: UserRef) -> Result<(), AppError> {
    store::delete_totp(&app.db, user).await?;
    if store::factors(&app.db, user).await?.passkeys == 0 {
        store::delete_recovery_codes(&app.db, user).await?;
    }
    Ok(())
}

/// Enrols TOTP with a given secret, already confirmed: the demo's user
/// with the secret printed next to the demo logins.
pub async fn enrol_fixed(app: &App, user: UserRef, base32: &str) -> Result<(), AppError> {
    let key = app.encryption_key()?;
    let secret = totp_codes::decode(base32)?;
    let sealed = key.seal(&totp_purpose(user), &secret)?;
    let now = app.clock.now();
    store::delete_totp(&app.db, user).await?;
    store::start_totp(&app.db, user, &sealed, now).await?;
    store::use_step(&app.db, user, 0, true, now).await?;
    regenerate_codes(app, user).await?;
    Ok(())
}
