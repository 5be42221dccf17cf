//! Changing one's own password on "My account": the current password is
//! asked again (a session left open must not be enough), the new one must
//! pass the policy, and every other session of the user ends with the
//! change, in the same transaction.
//!
//! A wrong current password counts as a failed login of the account from
//! this address, under the same throttle: a stolen session cannot be used
//! to guess the password faster than the login form allows.

use std::net::IpAddr;

use chrono::Duration;
use kp_storage::login_attempts::{self, Attempt, Outcome};

use crate::account::own_user;
use crate::auth::{MAX_PASSWORD_CHARS, Session};
use crate::mail_templates::{self, MailKind, MailVars};
use crate::{App, AppError, FieldError, login_throttle, passwords};

pub struct PasswordChange<'a> {
    pub current: &'a str,
    pub new: &'a str,
    pub repeated: &'a str,
    /// Where the form came from, for the throttle and the sign-in history.
    pub client: IpAddr,
    pub user_agent: &'a str,
}

fn invalid(field: &'static str, key: &'static str) -> AppError {
    AppError::Validation(vec![FieldError { field, key }])
}

pub async fn change(
    app: &App,
    session: &Session,
    form: PasswordChange<'_>,
) -> Result<(), AppError> {
    let principal = &session.principal;
    let user = own_user(principal)?;
    if form.current.is_empty() {
        return Err(invalid("current_password", "form-required"));
    }
    if form.new.is_empty() {
        return Err(invalid("new_password", "form-required"));
    }
    let min = passwords::min_length(app).await?;
    passwords::check_policy(min, form.new, &principal.email, &principal.name).map_err(|e| {
        AppError::Validation(vec![FieldError {
            field: "new_password",
            ..e
        }])
    })?;
    if form.new != form.repeated {
        return Err(invalid("new_password_repeat", "account-password-mismatch"));
    }
    if !current_password_ok(app, session, &form).await? {
        tracing::info!(
            session = session.id,
            "password change: wrong current password"
        );
        return Err(invalid("current_password", "account-password-wrong"));
    }
    let hash = passwords::hash_blocking(form.new.to_owned()).await?;
    let account = kp_storage::accounts::get(&app.db, user)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = app.db.begin().await?;
    kp_storage::account::change_password(&mut tx, user, &hash, session.id, app.clock.now()).await?;
    // The notice tells the owner if it was not them (A11: no content).
    mail_templates::queue(
        app,
        &mut tx,
        account.tenant,
        MailKind::PasswordChanged,
        account.language,
        &account.email,
        &MailVars {
            name: account.name,
            ..MailVars::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Checks the current password as a throttled login attempt; a correct
/// one is forgotten again (it was no sign-in).
async fn current_password_ok(
    app: &App,
    session: &Session,
    form: &PasswordChange<'_>,
) -> Result<bool, AppError> {
    let user = own_user(&session.principal)?;
    let email = kp_storage::users::normalize_email(&session.principal.email);
    let now = app.clock.now();
    let ip = form.client.to_string();
    let (attempt, counts) = login_attempts::begin(
        &app.db,
        &Attempt {
            email: &email,
            ip: &ip,
            device: None,
            user_agent: form.user_agent,
            at: now,
        },
        now - Duration::minutes(app.policy.login_window_minutes),
    )
    .await?;
    if let Some(wait) = login_throttle::wait_secs(&app.policy, &counts, false, now) {
        login_attempts::finish(&app.db, attempt, Outcome::Refused).await?;
        return Err(AppError::TooManyAttempts {
            retry_after_secs: wait,
        });
    }
    // The bounded checker, like a login: this form cannot keep every core
    // hashing either.
    let stored = kp_storage::account::password_hash(&app.db, user).await?;
    let verified = if form.current.chars().count() <= MAX_PASSWORD_CHARS && stored.is_some() {
        app.passwords.verify(form.current.to_owned(), stored).await
    } else {
        Ok(false)
    };
    match verified {
        Ok(true) => login_attempts::discard(&app.db, attempt).await?,
        Ok(false) => login_attempts::finish(&app.db, attempt, Outcome::Failed).await?,
        Err(err) => {
            login_attempts::finish(&app.db, attempt, Outcome::Refused).await?;
            return Err(err);
        }
    }
    verified
}
