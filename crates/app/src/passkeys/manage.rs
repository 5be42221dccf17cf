//! The user's own passkeys: list, rename, remove. Changes ask for the
//! current password in the same form, as the other second-factor changes.
//! An id from the browser reaches only the user's own passkeys; another
//! user's id is the same `NotFound` as a missing one.

use kp_storage::passkeys::{self as store, PasskeyRow};
use kp_storage::two_factor as factors;
use kp_storage::users::UserRef;

use super::ceremony::{RelyingParty, Started};
use super::register::{self, Registration};
use crate::two_factor::manage::check_password;
use crate::{App, AppError, FieldError};

/// Starts adding a passkey: the name the user typed and their current
/// password are checked first (re-authentication, as for every change of
/// a second factor), so a refusal comes before the authenticator is asked.
pub async fn start_adding(
    app: &App,
    user: UserRef,
    email: &str,
    password: &str,
    name: &str,
) -> Result<Started, AppError> {
    let mut errors = Vec::new();
    if let Err(AppError::Validation(e)) = checked_name(name) {
        errors.extend(e);
    }
    match check_password(app, user, email, password).await {
        Ok(()) => {}
        Err(AppError::Validation(e)) => errors.extend(e),
        Err(other) => return Err(other),
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    register::start_registration(app, user).await
}

/// Stores the passkey the browser created (after [`start_adding`]) and
/// audits it; returns its id.
pub async fn add(
    app: &App,
    rp: &RelyingParty,
    user: UserRef,
    answer: Registration<'_>,
    ip: &str,
) -> Result<i64, AppError> {
    let id = register::finish(app, rp, user, answer).await?;
    audit(app, user, "passkey.added", id, ip).await?;
    Ok(id)
}

async fn audit(app: &App, user: UserRef, action: &str, id: i64, ip: &str) -> Result<(), AppError> {
    let mut tx = app.db.begin().await?;
    let details = serde_json::json!({ "passkey": id });
    kp_storage::user_audit::record(&mut tx, user, action, ip, &details, app.clock.now()).await?;
    tx.commit().await?;
    Ok(())
}

const MAX_NAME_CHARS: usize = 100;

pub async fn list(app: &App, user: UserRef) -> Result<Vec<PasskeyRow>, AppError> {
    Ok(store::list(&app.db, user).await?)
}

/// A passkey's name as typed: trimmed, required, at most 100 characters.
pub fn checked_name(name: &str) -> Result<&str, AppError> {
    let name = name.trim();
    let key = if name.is_empty() {
        "form-required"
    } else if name.chars().count() > MAX_NAME_CHARS {
        "passkey-name-too-long"
    } else {
        return Ok(name);
    };
    Err(AppError::Validation(vec![FieldError {
        field: "name",
        key,
    }]))
}

pub async fn rename(
    app: &App,
    user: UserRef,
    email: &str,
    password: &str,
    id: i64,
    name: &str,
) -> Result<(), AppError> {
    let name = checked_name(name)?;
    check_password(app, user, email, password).await?;
    if store::rename(&app.db, user, id, name).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Removes a passkey (audited with the client address `ip`); the recovery
/// codes go with the last second factor.
pub async fn remove(
    app: &App,
    user: UserRef,
    email: &str,
    password: &str,
    id: i64,
    ip: &str,
) -> Result<(), AppError> {
    check_password(app, user, email, password).await?;
    if !store::delete(&app.db, user, id).await? {
        return Err(AppError::NotFound);
    }
    audit(app, user, "passkey.removed", id, ip).await?;
    if !factors::factors(&app.db, user).await?.any() {
        factors::delete_recovery_codes(&app.db, user).await?;
    }
    Ok(())
}
