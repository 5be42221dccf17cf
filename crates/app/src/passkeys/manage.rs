//! The user's own passkeys: list, rename, remove. Changes ask for the
//! current password in the same form, as the other second-factor changes.
//! An id from the browser reaches only the user's own passkeys; another
//! user's id is the same `NotFound` as a missing one.

use kp_storage::passkeys::{self as store, PasskeyRow};
use kp_storage::two_factor as factors;
use kp_storage::users::UserRef;

use crate::two_factor::manage::check_password;
use crate::{App, AppError, FieldError};

const MAX_NAME_CHARS: usize = 100;

pub async fn list(app: &App, user: UserRef) -> Result<Vec<PasskeyRow>, AppError> {
    Ok(store::list(&app.db, user).await?)
}

/// A passkey's name as typed: trimmed, required, at most 100 characters.
pub(super) fn checked_name(name: &str) -> Result<&str, AppError> {
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

/// Removes a passkey; the recovery codes go with the last second factor.
pub async fn remove(
    app: &App,
    user: UserRef,
    email: &str,
    password: &str,
    id: i64,
) -> Result<(), AppError> {
    check_password(app, user, email, password).await?;
    if !store::delete(&app.db, user, id).await? {
        return Err(AppError::NotFound);
    }
    if !factors::factors(&app.db, user).await?.any() {
        factors::delete_recovery_codes(&app.db, user).await?;
    }
    Ok(())
}
