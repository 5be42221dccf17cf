//! Changing one's own password on "My account": the current password is
//! asked again (a session left open must not be enough), the new one must
//! pass the policy, and every other session of the user ends with the
//! change, in the same transaction.
//!
//! A wrong current password counts as a failed login under the login
//! throttle ([`crate::step_up`]).

use std::net::IpAddr;

use crate::account::own_user;
use crate::auth::Session;
use crate::mail_templates::{self, MailKind, MailVars};
use crate::step_up::{self, StepUp};
use crate::{App, AppError, FieldError, passwords};

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

/// Checks the current password as a throttled login attempt.
async fn current_password_ok(
    app: &App,
    session: &Session,
    form: &PasswordChange<'_>,
) -> Result<bool, AppError> {
    let step = StepUp {
        user: own_user(&session.principal)?,
        email: &session.principal.email,
        password: form.current,
        client: form.client,
        user_agent: form.user_agent,
    };
    step_up::password_ok(app, &step).await
}
