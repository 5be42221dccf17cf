//! The second step of sign-in. After the password, a user with a second
//! factor gets a half-signed-in session ([`Stage::SecondFactor`]); a user
//! the policy requires to have one but who has none is led to enrol
//! ([`Stage::Enrol`]). Codes count against the login throttling under the
//! same keys as passwords (account, browser, client address), and the
//! password step's attempt stays counted until the code is right.

use std::net::IpAddr;

use chrono::Duration;
use kp_storage::login_attempts::{self, Attempt, Outcome};
use kp_storage::sessions;
use kp_storage::two_factor as store;
use kp_storage::users::{self, UserRef};

use super::{policy, recovery, totp_purpose};
use crate::auth::{self, Pending, Stage};
use crate::{App, AppError, FieldError, login_throttle, totp_codes};

/// Where a correct password leads.
pub(crate) async fn stage_after_password(app: &App, user: UserRef) -> Result<Stage, AppError> {
    if store::factors(&app.db, user).await?.any() {
        return Ok(Stage::SecondFactor);
    }
    let Some(principal) = users::principal(&app.db, user).await? else {
        return Ok(Stage::Full);
    };
    Ok(if policy::required_for(app, &principal).await? {
        Stage::Enrol
    } else {
        Stage::Full
    })
}

/// The finished sign-in: the new session token (the half-signed-in one is
/// replaced) and the browser's new device cookie.
#[derive(Debug, Clone)]
pub struct Completed {
    pub token: String,
    pub device_cookie: String,
}

fn field(key: &'static str) -> AppError {
    AppError::Validation(vec![FieldError { field: "code", key }])
}

/// Where a code comes from: counted and shown in the sign-in history like
/// a password attempt.
#[derive(Debug, Clone, Copy)]
pub struct Browser<'a> {
    pub client: IpAddr,
    pub device_cookie: Option<&'a str>,
    pub user_agent: &'a str,
}

/// Checks a TOTP or recovery code for the half-signed-in session `pending`.
pub async fn with_code(
    app: &App,
    pending: &Pending,
    code: &str,
    from: Browser<'_>,
) -> Result<Completed, AppError> {
    if pending.stage != Stage::SecondFactor {
        return Err(AppError::Forbidden);
    }
    let totp_code = totp_codes::normalize(code);
    let recovery_code = recovery::normalize(code);
    if code.trim().is_empty() {
        return Err(field("form-required"));
    }
    if totp_code.is_none() && recovery_code.is_none() {
        // Not a guess at anything: shown, not counted.
        return Err(field("two-factor-code-malformed"));
    }
    let email = users::normalize_email(&pending.email);
    let ip = from.client.to_string();
    let attempt = begin_attempt(app, &email, Some(pending.user), from).await?;
    let now = app.clock.now();
    let outcome = match (totp_code, recovery_code) {
        (Some(code), _) => check_totp(app, pending.user, &code).await?,
        (None, Some(code)) => {
            let ok = store::use_recovery_code(&app.db, pending.user, &recovery::hash(&code), now)
                .await?;
            if ok {
                tracing::info!(user = ?pending.user, "signed in with a recovery code");
            }
            ok.then_some(()).ok_or("two-factor-code-wrong")
        }
        (None, None) => Err("two-factor-code-malformed"),
    };
    match outcome {
        Ok(()) => {
            login_attempts::finish(&app.db, attempt, Outcome::Succeeded).await?;
            let user = Some(pending.user);
            crate::audit_log::sign_in(app, user, &email, "sign_in.succeeded", &ip).await?;
            complete(app, pending).await
        }
        Err(key) => {
            login_attempts::finish(&app.db, attempt, Outcome::Failed).await?;
            let user = Some(pending.user);
            crate::audit_log::sign_in(app, user, &email, "sign_in.second_factor_failed", &ip)
                .await?;
            Err(field(key))
        }
    }
}

/// Starts a sign-in attempt counted under `account` (a normalized e-mail)
/// and the browser's address and device cookie (valid for `user` only);
/// `TooManyAttempts` (the attempt noted as refused) while a counter pauses.
/// Returns the attempt, to be finished with its outcome.
pub(crate) async fn begin_attempt(
    app: &App,
    account: &str,
    user: Option<UserRef>,
    from: Browser<'_>,
) -> Result<i64, AppError> {
    let now = app.clock.now();
    let nonce = match user {
        Some(user) => auth::device_nonce(app, from.device_cookie, user).await?,
        None => None,
    };
    let ip = from.client.to_string();
    let (attempt, counts) = login_attempts::begin(
        &app.db,
        &Attempt {
            email: account,
            ip: &ip,
            device: nonce.as_deref(),
            user_agent: from.user_agent,
            at: now,
        },
        now - Duration::minutes(app.policy.login_window_minutes),
    )
    .await?;
    if let Some(wait) = login_throttle::wait_secs(&app.policy, &counts, nonce.is_some(), now) {
        login_attempts::finish(&app.db, attempt, Outcome::Refused).await?;
        tracing::warn!(%ip, wait, "sign-in step refused: too many failed attempts");
        return Err(AppError::TooManyAttempts {
            retry_after_secs: wait,
        });
    }
    Ok(attempt)
}

/// A TOTP code: right within one step, and of a later step than the last
/// one used (a replayed code is refused).
async fn check_totp(
    app: &App,
    user: UserRef,
    code: &str,
) -> Result<Result<(), &'static str>, AppError> {
    let Some(row) = store::totp(&app.db, user).await?.filter(|r| r.confirmed) else {
        return Ok(Err("two-factor-code-wrong"));
    };
    let secret = app
        .encryption_key()?
        .open(&totp_purpose(user), &row.secret_encrypted)?;
    let now = app.clock.now();
    let unix = u64::try_from(now.timestamp()).unwrap_or(0);
    let Some(step) = totp_codes::matching_step(&secret, code, unix) else {
        return Ok(Err("two-factor-code-wrong"));
    };
    if store::use_step(&app.db, user, step, false, now).await? {
        Ok(Ok(()))
    } else {
        Ok(Err("two-factor-code-used"))
    }
}

/// Turns a half-signed-in session into a full one under a new token, and
/// settles the password step's attempt as a success.
pub async fn complete(app: &App, pending: &Pending) -> Result<Completed, AppError> {
    if pending.stage == Stage::Enrol && !store::factors(&app.db, pending.user).await?.any() {
        return Err(AppError::Forbidden);
    }
    if let Some(attempt) = pending.login_attempt {
        login_attempts::finish(&app.db, attempt, Outcome::Succeeded).await?;
    }
    let now = app.clock.now();
    let token = auth::random_token();
    let idle = now + Duration::minutes(app.policy.session_idle_minutes);
    let absolute = now + Duration::hours(app.policy.session_absolute_hours);
    if !sessions::complete(
        &app.db,
        pending.id,
        &auth::token_hash(&token),
        now,
        idle.min(absolute),
    )
    .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(Completed {
        token,
        device_cookie: auth::issue_device_cookie(app, pending.user).await?,
    })
}

/// Abandons the second step: the half-signed-in session ends.
pub async fn cancel(app: &App, pending: &Pending) -> Result<(), AppError> {
    sessions::delete_by_id(&app.db, pending.id).await?;
    Ok(())
}
