//! Changing one's own login e-mail (issue 8, "My account"): the new
//! address and the current password; the confirmation link (single use,
//! valid [`LINK_HOURS`]) goes to the new address, and only when it is
//! followed do the user row and the login identity change, in one
//! transaction, with a notice to the old address. An address another
//! login uses is refused when asked and again when confirmed.

use chrono::Duration;
use kp_domain::{Actor, Principal};
use kp_storage::accounts_email;
use kp_storage::users::{self, UserRef, normalize_email};
use kp_storage::{StorageError, accounts, request_throttle};

use crate::link_tokens::{self, Purpose};
use crate::mail_templates::editing::plausible_email;
use crate::mail_templates::{self, MailKind, MailVars};
use crate::{App, AppError, FieldError};

/// How long a confirmation link works.
pub const LINK_HOURS: i64 = 24;
/// Change requests one user may make per hour (each checks a password).
pub const MAX_PER_HOUR: i64 = 5;

fn user_of(principal: &Principal) -> Result<UserRef, AppError> {
    if principal.impersonated_by.is_some() {
        return Err(AppError::Forbidden);
    }
    Ok(match &principal.actor {
        Actor::Staff { id, .. } => UserRef::Staff(*id),
        Actor::Portal { id, .. } => UserRef::Portal(*id),
    })
}

fn error(field: &'static str, key: &'static str) -> AppError {
    AppError::Validation(vec![FieldError { field, key }])
}

/// Checks the password and the new address, then mails the link to the
/// new address. Field messages for a malformed, unchanged or taken address
/// and a wrong password; nothing is sent then.
pub async fn request(
    app: &App,
    principal: &Principal,
    new_email: &str,
    password: &str,
) -> Result<(), AppError> {
    let user = user_of(principal)?;
    let new_email = new_email.trim();
    let mut errors = Vec::new();
    if new_email.is_empty() {
        errors.push(FieldError {
            field: "new_email",
            key: "form-required",
        });
    } else if !plausible_email(new_email) {
        errors.push(FieldError {
            field: "new_email",
            key: "registration-email-invalid",
        });
    } else if normalize_email(new_email) == normalize_email(&principal.email) {
        errors.push(FieldError {
            field: "new_email",
            key: "email-change-same",
        });
    }
    if password.is_empty() {
        errors.push(FieldError {
            field: "password",
            key: "form-required",
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = app.clock.now();
    let throttle_key = format!("{user:?}");
    {
        let mut tx = app.db.begin().await?;
        let recent = request_throttle::count_since(
            &mut tx,
            "email_change",
            &throttle_key,
            now - Duration::hours(1),
        )
        .await?;
        request_throttle::record(&mut tx, "email_change", &throttle_key, now).await?;
        tx.commit().await?;
        if recent >= MAX_PER_HOUR {
            return Err(error("password", "email-change-too-many"));
        }
    }
    let hash = users::credentials_by_email(&app.db, &principal.email)
        .await?
        .filter(|c| c.user == user)
        .and_then(|c| c.password_hash);
    if !app.passwords.verify(password.to_owned(), hash).await? {
        return Err(error("password", "email-change-wrong-password"));
    }
    if accounts_email::taken(&app.db, new_email).await? {
        return Err(error("new_email", "email-change-taken"));
    }
    let account = accounts::get(&app.db, user)
        .await?
        .ok_or(AppError::NotFound)?;
    let valid_for = Duration::hours(LINK_HOURS);
    let mut tx = app.db.begin().await?;
    let normalized = normalize_email(new_email);
    let token = link_tokens::issue(
        app,
        &mut tx,
        Purpose::EmailChange,
        user,
        Some(&normalized),
        valid_for,
    )
    .await?;
    let vars = MailVars {
        name: account.name.clone(),
        link: Some(app.link(&format!("/account/email/confirm/{token}"))),
        expires_at: Some(now + valid_for),
        ..MailVars::default()
    };
    mail_templates::queue(
        app,
        &mut tx,
        account.tenant,
        MailKind::EmailChangeConfirm,
        account.language,
        &normalized,
        &vars,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The new address of a usable link, without using it (for the page the
/// link opens).
pub async fn peek(app: &App, token: &str) -> Result<String, AppError> {
    link_tokens::peek(app, Purpose::EmailChange, token)
        .await?
        .and_then(|t| t.payload)
        .ok_or(AppError::NotFound)
}

/// Where a confirmation comes from: the session of the browser that
/// follows the link (kept when it is the user's own; every other session
/// of the user ends, as someone else may be signed in with the old
/// address) and its address, for the audit entry.
#[derive(Debug, Clone, Copy)]
pub struct Confirming<'a> {
    pub session: Option<&'a crate::auth::Session>,
    pub ip: &'a str,
}

/// Uses the link: the address changes, the old one gets a notice, every
/// other session of the user ends and the change is audited, in one
/// transaction. `NotFound` for an unknown, used or expired link; `Conflict`
/// (nothing changed, the link still usable) when another login took the
/// address meanwhile.
pub async fn confirm(app: &App, token: &str, from: Confirming<'_>) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let Some(link) = link_tokens::consume(app, &mut tx, Purpose::EmailChange, token).await? else {
        return Err(AppError::NotFound);
    };
    let new_email = link.payload.ok_or(AppError::NotFound)?;
    let account = accounts::get_in(&mut tx, link.user)
        .await?
        .ok_or(AppError::NotFound)?;
    match accounts_email::change(&mut tx, link.user, &new_email, now).await {
        Ok(()) => {}
        Err(StorageError::UniqueViolation) => return Err(AppError::Conflict),
        Err(other) => return Err(other.into()),
    }
    let vars = MailVars {
        name: account.name.clone(),
        ..MailVars::default()
    };
    mail_templates::queue(
        app,
        &mut tx,
        account.tenant,
        MailKind::EmailChanged,
        account.language,
        &account.email,
        &vars,
    )
    .await?;
    let keep = from
        .session
        .filter(|s| {
            s.principal.impersonated_by.is_none() && user_of(&s.principal).ok() == Some(link.user)
        })
        .map(|s| s.id);
    let ended = kp_storage::account::end_sessions_in(&mut tx, link.user, keep).await?;
    let details = serde_json::json!({ "sessions_ended": ended });
    kp_storage::user_audit::record(
        &mut tx,
        link.user,
        "account.email_changed",
        from.ip,
        &details,
        now,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user = ?link.user, ended, "login e-mail changed");
    Ok(())
}
