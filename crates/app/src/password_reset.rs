//! Forgotten password (C2): a link by mail, single use, valid for
//! `Policy::password_reset_link_minutes` (1 hour). The request answers the
//! same whether or not the e-mail belongs to an account; only when it does
//! is a link made and a mail queued. Requests are limited per e-mail and
//! per client address. A reset ends every session of the user and sends
//! a notice. Works for staff and portal users alike.

use std::net::IpAddr;

use chrono::Duration;
use kp_storage::users::{self, UserRef};
use kp_storage::{accounts, request_throttle};

use crate::link_tokens::{self, Purpose};
use crate::mail_templates::{self, MailKind, MailVars};
use crate::{App, AppError, FieldError, auth, passwords};

const ACTION: &str = "password_reset";
/// Requests per e-mail and per client address within [`WINDOW_MINUTES`].
pub const MAX_PER_EMAIL: i64 = 3;
pub const MAX_PER_ADDRESS: i64 = 20;
pub const WINDOW_MINUTES: i64 = 60;

/// Asks for a reset link. `Ok` whether or not the e-mail is known;
/// `TooManyAttempts` when the address or the e-mail asked too often.
pub async fn request(app: &App, email: &str, client: IpAddr) -> Result<(), AppError> {
    let email = users::normalize_email(email);
    if email.is_empty() {
        return Err(AppError::Validation(vec![FieldError {
            field: "email",
            key: "form-required",
        }]));
    }
    if email.chars().count() > auth::MAX_EMAIL_CHARS {
        return Err(AppError::Validation(vec![FieldError {
            field: "email",
            key: "mail-form-email-invalid",
        }]));
    }
    let now = app.clock.now();
    let since = now - Duration::minutes(WINDOW_MINUTES);
    let ip = client.to_string();
    let mut tx = app.db.begin().await?;
    let by_email = request_throttle::count_since(&mut tx, ACTION, &email, since).await?;
    let by_ip = request_throttle::count_since(&mut tx, ACTION, &ip, since).await?;
    if by_email >= MAX_PER_EMAIL || by_ip >= MAX_PER_ADDRESS {
        tracing::warn!(%ip, "password reset refused: too many requests");
        return Err(AppError::TooManyAttempts {
            retry_after_secs: u64::try_from(WINDOW_MINUTES * 60).unwrap_or(3600),
        });
    }
    request_throttle::record(&mut tx, ACTION, &email, now).await?;
    request_throttle::record(&mut tx, ACTION, &ip, now).await?;
    let known = users::credentials_by_email(&app.db, &email)
        .await?
        .filter(|c| c.can_log_in);
    if let Some(credentials) = known
        && let Some(account) = accounts::get_in(&mut tx, credentials.user).await?
    {
        let valid_for = Duration::minutes(app.policy.password_reset_link_minutes);
        let token = link_tokens::issue(
            app,
            &mut tx,
            Purpose::PasswordReset,
            account.user,
            None,
            valid_for,
        )
        .await?;
        let vars = MailVars {
            name: account.name.clone(),
            link: Some(app.link(&format!("/password/reset/{token}"))),
            expires_at: Some(now + valid_for),
            ..MailVars::default()
        };
        mail_templates::queue(
            app,
            &mut tx,
            account.tenant,
            MailKind::PasswordReset,
            account.language,
            &account.email,
            &vars,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether a reset link can still be used (to show its form).
pub async fn link_valid(app: &App, token: &str) -> Result<bool, AppError> {
    Ok(link_tokens::peek(app, Purpose::PasswordReset, token)
        .await?
        .is_some())
}

/// Checks a new password and its repetition against the policy.
pub(crate) async fn check_new_password(
    app: &App,
    password: &str,
    confirm: &str,
    email: &str,
    name: &str,
) -> Result<(), AppError> {
    if password.is_empty() {
        return Err(AppError::Validation(vec![FieldError {
            field: "password",
            key: "form-required",
        }]));
    }
    let min_len = passwords::min_length(app).await?;
    passwords::check_policy(min_len, password, email, name)
        .map_err(|e| AppError::Validation(vec![e]))?;
    if password != confirm {
        return Err(AppError::Validation(vec![FieldError {
            field: "password_confirm",
            key: "reset-password-mismatch",
        }]));
    }
    Ok(())
}

/// Sets the new password: `NotFound` for an unknown, used or expired
/// link; field messages for a password the policy refuses (the link stays
/// usable). Ends every session of the user and mails a notice.
pub async fn reset(app: &App, token: &str, password: &str, confirm: &str) -> Result<(), AppError> {
    let token_row = link_tokens::peek(app, Purpose::PasswordReset, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let account = accounts::get(&app.db, token_row.user)
        .await?
        .ok_or(AppError::NotFound)?;
    check_new_password(app, password, confirm, &account.email, &account.name).await?;
    let hash = passwords::hash_blocking(password.to_owned()).await?;
    let mut tx = app.db.begin().await?;
    let used = link_tokens::consume(app, &mut tx, Purpose::PasswordReset, token)
        .await?
        .ok_or(AppError::NotFound)?;
    if used.user != account.user {
        return Err(AppError::NotFound);
    }
    let now = app.clock.now();
    accounts::set_password(&mut tx, account.user, &hash, now).await?;
    accounts::delete_sessions(&mut tx, account.user).await?;
    mail_templates::queue(
        app,
        &mut tx,
        account.tenant,
        MailKind::PasswordChanged,
        account.language,
        &account.email,
        &MailVars {
            name: account.name.clone(),
            ..MailVars::default()
        },
    )
    .await?;
    tx.commit().await?;
    let who = match account.user {
        UserRef::Staff(id) => format!("staff:{}", id.0),
        UserRef::Portal(id) => format!("portal:{}", id.0),
    };
    tracing::info!(user = %who, "password reset by link; sessions ended");
    Ok(())
}

/// Housekeeping: old throttle rows and long-expired links.
pub async fn prune(app: &App) -> Result<(), AppError> {
    let now = app.clock.now();
    request_throttle::prune(&app.db, now - Duration::days(1)).await?;
    kp_storage::link_tokens::delete_expired_before(&app.db, now - Duration::days(30)).await?;
    Ok(())
}
