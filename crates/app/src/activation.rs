//! Activation of an invited portal or staff user: the invitation's link opens a
//! form where the user sets a password (checked by the password policy);
//! the user becomes active and signs in. The link is single use and
//! expires (`Policy::invitation_link_days`); a resent invitation voids
//! the earlier link.

use kp_storage::accounts;
use kp_storage::users::UserRef;

use crate::link_tokens::{self, Purpose};
use crate::password_reset::check_new_password;
use crate::{App, AppError, passwords};

/// The invited user's e-mail (the form shows it, for password managers),
/// `None` when the link cannot be used.
pub async fn invited_email(app: &App, token: &str) -> Result<Option<String>, AppError> {
    let Some(row) = link_tokens::peek(app, Purpose::Activation, token).await? else {
        return Ok(None);
    };
    Ok(accounts::get(&app.db, row.user).await?.map(|a| a.email))
}

/// Sets the first password and activates the user: `NotFound` for an
/// unknown, used or expired link (or a user no longer invited), field
/// messages for a refused password (the link stays usable).
pub async fn activate(
    app: &App,
    token: &str,
    password: &str,
    confirm: &str,
) -> Result<(), AppError> {
    let row = link_tokens::peek(app, Purpose::Activation, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let account = accounts::get(&app.db, row.user)
        .await?
        .ok_or(AppError::NotFound)?;
    check_new_password(app, password, confirm, &account.email, &account.name).await?;
    let hash = passwords::hash_blocking(password.to_owned()).await?;
    let mut tx = app.db.begin().await?;
    let used = link_tokens::consume(app, &mut tx, Purpose::Activation, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = app.clock.now();
    let activated = match row.user {
        UserRef::Portal(user) => accounts::activate(&mut tx, user, &hash, now).await?,
        UserRef::Staff(staff) => {
            kp_storage::staff_invite::activate(&mut tx, staff, &hash, now).await?
        }
    };
    if used.user != row.user || activated != 1 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    tracing::info!(user = ?row.user, "invited user activated");
    Ok(())
}
