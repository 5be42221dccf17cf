//! Login, sessions and logout. The browser holds a random token; the
//! database holds only its SHA-256, so a leaked database yields no usable
//! session.

use std::net::IpAddr;

use chrono::Duration;
use kp_domain::{Language, Principal};
use kp_storage::login_attempts::{self, Attempt, Outcome};
use kp_storage::server_secrets;
use kp_storage::sessions::{self, NewSession};
use kp_storage::users;
pub use kp_storage::users::UserRef;
use rand::Rng;
use sha2::{Digest, Sha256};

use crate::{App, AppError, FieldError, device_cookies, login_throttle};

/// What the web layer needs after a successful login.
#[derive(Debug, Clone)]
pub struct LoggedIn {
    /// The raw session token for the cookie; never stored.
    pub token: String,
    pub user: UserRef,
    pub language: Language,
    /// A new device cookie value: this browser is now known for the account.
    /// Only once sign-in is complete (after the second factor).
    pub device_cookie: Option<String>,
    /// Full, or a second factor (or its enrolment) is still due.
    pub stage: Stage,
}

/// How far a session has got through sign-in (migration 0010).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Signed in.
    Full,
    /// The password was right; a second factor is due.
    SecondFactor,
    /// The password was right; the policy wants a second factor the user
    /// has not enrolled yet.
    Enrol,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Full => "full",
            Stage::SecondFactor => "second_factor",
            Stage::Enrol => "enrol",
        }
    }

    fn parse(s: &str) -> Option<Stage> {
        [Stage::Full, Stage::SecondFactor, Stage::Enrol]
            .into_iter()
            .find(|st| st.as_str() == s)
    }
}

/// A half-signed-in session: good for the second-factor step and nothing
/// else. It carries no principal a page could act with.
#[derive(Debug, Clone)]
pub struct Pending {
    pub id: i64,
    pub csrf_token: String,
    pub language: Language,
    pub user: UserRef,
    pub email: String,
    pub name: String,
    pub stage: Stage,
    /// The password step's attempt, still counted until the second factor.
    pub login_attempt: Option<i64>,
}

/// A session cookie's session: signed in, or half-way. Built once per
/// request and taken apart at once, so the size difference is harmless.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum Lookup {
    Full(Session),
    Pending(Pending),
}

/// How long a half-signed-in session lives.
pub const PENDING_MINUTES: i64 = 10;

/// A live session with the principal it acts for.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: i64,
    pub csrf_token: String,
    pub language: Language,
    pub principal: Principal,
    /// The consent gate must check this session (`crate::consent`).
    pub consent_check: bool,
}

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill(&mut bytes);
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Longest e-mail address (RFC 5321) and password accepted; longer input
/// fails like a wrong password, without the cost of hashing it.
pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// Name of the server secret that signs device cookies.
const DEVICE_KEY: &str = "device_cookie_key";

/// A login form as submitted, with what the browser brought along.
#[derive(Debug, Clone, Copy)]
pub struct LoginRequest<'a> {
    pub email: &'a str,
    pub password: &'a str,
    /// The client address (see the web layer's `ClientAddr`).
    pub client: IpAddr,
    /// The browser's device cookie, if any.
    pub device_cookie: Option<&'a str>,
    /// The browser's current session token: replaced by the new one.
    pub previous_session: Option<&'a str>,
    pub language: Option<Language>,
    /// The browser's `User-Agent`, kept with the session and the attempt
    /// for "My account".
    pub user_agent: &'a str,
}

/// Checks e-mail and password, throttled as docs/architecture.md ("Login
/// protection") describes. Unknown e-mail, wrong password and an inactive
/// account give the same error after the same work.
pub async fn login(app: &App, req: LoginRequest<'_>) -> Result<LoggedIn, AppError> {
    // A form sent with an empty field is a slip, not a guess: it is shown
    // next to the field and never reaches the throttle or the hash.
    let missing: Vec<FieldError> = [("email", req.email.trim()), ("password", req.password)]
        .into_iter()
        .filter(|(_, value)| value.is_empty())
        .map(|(field, _)| FieldError {
            field,
            key: "form-required",
        })
        .collect();
    if !missing.is_empty() {
        return Err(AppError::Validation(missing));
    }
    if req.email.chars().count() > MAX_EMAIL_CHARS
        || req.password.chars().count() > MAX_PASSWORD_CHARS
    {
        return Err(AppError::InvalidCredentials);
    }
    let email = users::normalize_email(req.email);
    let now = app.clock.now();
    let credentials = users::credentials_by_email(&app.db, &email).await?;
    let key = device_key(app).await?;
    let max_age = Duration::days(app.policy.device_cookie_days);
    let device = req
        .device_cookie
        .and_then(|cookie| device_cookies::verify(key, cookie, now, max_age))
        .filter(|d| credentials.as_ref().is_some_and(|c| c.user == d.user));
    let ip = req.client.to_string();
    let (attempt, counts) = login_attempts::begin(
        &app.db,
        &Attempt {
            email: &email,
            ip: &ip,
            device: device.as_ref().map(|d| d.nonce.as_str()),
            user_agent: req.user_agent,
            at: now,
        },
        now - Duration::minutes(app.policy.login_window_minutes),
    )
    .await?;
    if let Some(wait) = login_throttle::wait_secs(&app.policy, &counts, device.is_some(), now) {
        login_attempts::finish(&app.db, attempt, Outcome::Refused).await?;
        tracing::warn!(%ip, wait, "login refused: too many failed attempts");
        return Err(AppError::TooManyAttempts {
            retry_after_secs: wait,
        });
    }

    let hash = credentials.as_ref().and_then(|c| c.password_hash.clone());
    let password_ok = match app.passwords.verify(req.password.to_owned(), hash).await {
        Ok(ok) => ok,
        Err(err) => {
            login_attempts::finish(&app.db, attempt, Outcome::Refused).await?;
            return Err(err);
        }
    };
    let credentials = match credentials {
        Some(c) if password_ok && c.can_log_in && c.password_hash.is_some() => c,
        _ => {
            login_attempts::finish(&app.db, attempt, Outcome::Failed).await?;
            let user = credentials.as_ref().map(|c| c.user);
            crate::audit_log::sign_in(app, user, &email, "sign_in.failed", &ip).await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    let stage = crate::two_factor::sign_in::stage_after_password(app, credentials.user).await?;
    // With a second factor due, the attempt stays pending (counted as a
    // failure) until that factor is given: a known password alone buys an
    // attacker no free code guesses.
    if stage != Stage::SecondFactor {
        login_attempts::finish(&app.db, attempt, Outcome::Succeeded).await?;
        crate::audit_log::sign_in(
            app,
            Some(credentials.user),
            &email,
            "sign_in.succeeded",
            &ip,
        )
        .await?;
    }
    let new = NewLogin {
        user: credentials.user,
        language: req.language.unwrap_or(credentials.language),
        stage,
        attempt,
        previous_session: req.previous_session,
        user_agent: req.user_agent,
        ip: &ip,
    };
    open_session(app, new).await
}

/// A sign-in that passed its checks, for [`open_session`].
pub(crate) struct NewLogin<'a> {
    pub user: UserRef,
    pub language: Language,
    pub stage: Stage,
    /// The attempt in `login_attempts`, kept with a session whose second
    /// factor is due.
    pub attempt: i64,
    pub previous_session: Option<&'a str>,
    pub user_agent: &'a str,
    pub ip: &'a str,
}

/// Records the sign-in and opens its session (full, or half-way when a
/// second factor or its enrolment is due).
pub(crate) async fn open_session(app: &App, new: NewLogin<'_>) -> Result<LoggedIn, AppError> {
    let now = app.clock.now();
    let stage = new.stage;
    users::record_login(&app.db, new.user, now).await?;

    // A fresh session id at login, and the one the browser had is gone, so
    // that a session token planted before login is worth nothing.
    if let Some(previous) = new.previous_session {
        sessions::delete(&app.db, &token_hash(previous)).await?;
    }
    let token = random_token();
    let idle = now + Duration::minutes(app.policy.session_idle_minutes);
    let absolute = now + Duration::hours(app.policy.session_absolute_hours);
    let expires_at = match stage {
        Stage::Full => idle.min(absolute),
        _ => now + Duration::minutes(PENDING_MINUTES),
    };
    sessions::create(
        &app.db,
        NewSession {
            token_hash: &token_hash(&token),
            user: new.user,
            csrf_token: &random_token(),
            language: new.language,
            now,
            expires_at,
            stage: stage.as_str(),
            login_attempt_id: (stage == Stage::SecondFactor).then_some(new.attempt),
            user_agent: new.user_agent,
            ip: new.ip,
        },
    )
    .await?;
    let key = device_key(app).await?;
    Ok(LoggedIn {
        token,
        user: new.user,
        language: new.language,
        device_cookie: (stage == Stage::Full).then(|| device_cookies::issue(key, new.user, now)),
        stage,
    })
}

/// A new device cookie for a user who just completed sign-in.
pub(crate) async fn issue_device_cookie(app: &App, user: UserRef) -> Result<String, AppError> {
    let key = device_key(app).await?;
    Ok(device_cookies::issue(key, user, app.clock.now()))
}

/// The nonce of a browser's device cookie, when valid for `user`.
pub(crate) async fn device_nonce(
    app: &App,
    cookie: Option<&str>,
    user: UserRef,
) -> Result<Option<String>, AppError> {
    let key = device_key(app).await?;
    let max_age = Duration::days(app.policy.device_cookie_days);
    Ok(cookie
        .and_then(|c| device_cookies::verify(key, c, app.clock.now(), max_age))
        .filter(|d| d.user == user)
        .map(|d| d.nonce))
}

/// The device cookie key, made by the first instance that needs one and
/// shared through the database.
async fn device_key(app: &App) -> Result<&[u8], AppError> {
    let key = app
        .device_key
        .get_or_try_init(|| async {
            let candidate = random_token();
            let stored =
                server_secrets::get_or_create(&app.db, DEVICE_KEY, &candidate, app.clock.now())
                    .await?;
            hex::decode(stored).map_err(|e| AppError::Internal(format!("device key: {e}")))
        })
        .await?;
    Ok(key)
}

/// Resolves a session token to its principal, sliding the expiry at most
/// once a minute but never past the absolute lifetime. Sessions of
/// deactivated users resolve to `None`, and so do half-signed-in ones:
/// this is the one gate that keeps a session without its second factor
/// from acting (see [`lookup`]).
pub async fn session(app: &App, token: &str) -> Result<Option<Session>, AppError> {
    Ok(match lookup(app, token).await? {
        Some(Lookup::Full(s)) => Some(s),
        _ => None,
    })
}

/// The session of a token, full or half-signed-in.
pub async fn lookup(app: &App, token: &str) -> Result<Option<Lookup>, AppError> {
    let now = app.clock.now();
    let lifetime = Duration::hours(app.policy.session_absolute_hours);
    let Some((row, principal)) =
        kp_storage::session_principal::find(&app.db, &token_hash(token), now, now - lifetime)
            .await?
    else {
        return Ok(None);
    };
    let stage = Stage::parse(&row.stage).unwrap_or(Stage::SecondFactor);
    if stage != Stage::Full {
        let Some(user) = row.user() else {
            return Ok(None);
        };
        return Ok(Some(Lookup::Pending(Pending {
            id: row.id,
            csrf_token: row.csrf_token.clone(),
            language: row.language(),
            user,
            email: principal.email,
            name: principal.name,
            stage,
            login_attempt: row.login_attempt_id,
        })));
    }
    if now - row.last_seen_at > Duration::minutes(1) {
        let expires = now + Duration::minutes(app.policy.session_idle_minutes);
        sessions::touch(&app.db, row.id, now, expires).await?;
    }
    Ok(Some(Lookup::Full(Session {
        id: row.id,
        csrf_token: row.csrf_token.clone(),
        language: row.language(),
        principal,
        consent_check: row.consent_check,
    })))
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
    crate::view_as::close_expired(app).await?;
    sessions::delete_expired(&app.db, now, now - lifetime).await?;
    sessions::prune_attempts(&app.db, now - Duration::days(30)).await?;
    Ok(())
}
