//! Login, sessions and logout. The browser holds a random token; the
//! database holds only its SHA-256, so a leaked database yields no usable
//! session.

use chrono::Duration;
use kp_domain::{Language, Principal};
use kp_storage::sessions::{self, NewSession};
use kp_storage::users::{self, UserRef};
use rand::Rng;
use sha2::{Digest, Sha256};

use crate::{App, AppError, passwords};

/// What the web layer needs after a successful login.
#[derive(Debug, Clone)]
pub struct LoggedIn {
    /// The raw session token for the cookie; never stored.
    pub token: String,
    pub user: UserRef,
    pub language: Language,
}

/// A live session with the principal it acts for.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: i64,
    pub csrf_token: String,
    pub language: Language,
    pub principal: Principal,
}

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill(&mut bytes);
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Checks e-mail and password. Unknown e-mail, wrong password and an
/// inactive account give the same error after the same work.
pub async fn login(
    app: &App,
    email: &str,
    password: &str,
    ip: &str,
    language: Option<Language>,
) -> Result<LoggedIn, AppError> {
    let email = email.trim().to_lowercase();
    let now = app.clock.now();
    let since = now - Duration::minutes(app.policy.login_window_minutes);
    let (by_email, by_ip) = sessions::recent_failures(&app.db, &email, ip, since).await?;
    if by_email >= app.policy.max_failures_per_email || by_ip >= app.policy.max_failures_per_ip {
        tracing::warn!(ip, "login refused: too many failed attempts");
        return Err(AppError::TooManyAttempts);
    }

    let credentials = users::credentials_by_email(&app.db, &email).await?;
    let hash = credentials
        .as_ref()
        .and_then(|c| c.password_hash.clone())
        .unwrap_or_else(|| passwords::decoy_hash().to_owned());
    let password_ok = passwords::verify_blocking(password.to_owned(), hash).await;
    let credentials = match credentials {
        Some(c) if password_ok && c.can_log_in && c.password_hash.is_some() => c,
        _ => {
            sessions::record_attempt(&app.db, &email, ip, false, now).await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    sessions::record_attempt(&app.db, &email, ip, true, now).await?;
    users::record_login(&app.db, credentials.user, now).await?;

    let token = random_token();
    let language = language.unwrap_or(credentials.language);
    let idle = now + Duration::minutes(app.policy.session_idle_minutes);
    let absolute = now + Duration::hours(app.policy.session_absolute_hours);
    sessions::create(
        &app.db,
        NewSession {
            token_hash: &token_hash(&token),
            user: credentials.user,
            csrf_token: &random_token(),
            language,
            now,
            expires_at: idle.min(absolute),
        },
    )
    .await?;
    Ok(LoggedIn {
        token,
        user: credentials.user,
        language,
    })
}

/// Resolves a session token to its principal, sliding the expiry at most
/// once a minute but never past the absolute lifetime. Sessions of
/// deactivated users resolve to `None`.
pub async fn session(app: &App, token: &str) -> Result<Option<Session>, AppError> {
    let now = app.clock.now();
    let lifetime = Duration::hours(app.policy.session_absolute_hours);
    let Some((row, principal)) =
        kp_storage::session_principal::find(&app.db, &token_hash(token), now, now - lifetime)
            .await?
    else {
        return Ok(None);
    };
    if now - row.last_seen_at > Duration::minutes(1) {
        let expires = now + Duration::minutes(app.policy.session_idle_minutes);
        sessions::touch(&app.db, row.id, now, expires).await?;
    }
    Ok(Some(Session {
        id: row.id,
        csrf_token: row.csrf_token.clone(),
        language: row.language(),
        principal,
    }))
}

pub async fn set_language(
    app: &App,
    session: &Session,
    language: Language,
) -> Result<(), AppError> {
    sessions::set_language(&app.db, session.id, language).await?;
    Ok(())
}

pub async fn logout(app: &App, token: &str) -> Result<(), AppError> {
    sessions::delete(&app.db, &token_hash(token)).await?;
    Ok(())
}

/// Housekeeping run by the background worker.
pub async fn prune(app: &App) -> Result<(), AppError> {
    let now = app.clock.now();
    let lifetime = Duration::hours(app.policy.session_absolute_hours);
    sessions::delete_expired(&app.db, now, now - lifetime).await?;
    sessions::prune_attempts(&app.db, now - Duration::days(30)).await?;
    Ok(())
}
