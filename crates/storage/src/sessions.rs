//! Server-side sessions (only a hash of the token is stored).

use chrono::{DateTime, Utc};
use kp_domain::{Language, PortalUserId, StaffUserId};

use crate::Result;
use crate::args::Sql;
use crate::db::Db;
use crate::users::UserRef;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub staff_user_id: Option<i64>,
    pub portal_user_id: Option<i64>,
    pub impersonated_portal_user_id: Option<i64>,
    pub csrf_token: String,
    pub language: String,
    pub expires_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// `full`, `second_factor` or `enrol` (migration 0010): only a full
    /// session is signed in.
    pub stage: String,
    /// The password step's login attempt, while a second factor is due.
    pub login_attempt_id: Option<i64>,
    /// The consent gate must look at this session (see migration 0009).
    pub consent_check: bool,
}

impl SessionRow {
    pub fn user(&self) -> Option<UserRef> {
        match (self.staff_user_id, self.portal_user_id) {
            (Some(id), _) => Some(UserRef::Staff(StaffUserId(id))),
            (None, Some(id)) => Some(UserRef::Portal(PortalUserId(id))),
            _ => None,
        }
    }

    pub fn language(&self) -> Language {
        Language::parse(&self.language).unwrap_or_default()
    }
}

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user: UserRef,
    pub csrf_token: &'a str,
    pub language: Language,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub stage: &'a str,
    pub login_attempt_id: Option<i64>,
    /// The browser's `User-Agent` (cut to [`MAX_USER_AGENT`]) and the
    /// client address, shown on "My account".
    pub user_agent: &'a str,
    pub ip: &'a str,
}

/// Longest `User-Agent` kept; real ones are far shorter.
pub const MAX_USER_AGENT: usize = 512;

/// `text` cut to at most `max` characters.
pub fn cut(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

pub async fn create(db: &Db, s: NewSession<'_>) -> Result<()> {
    let (staff, portal) = match s.user {
        UserRef::Staff(id) => (Some(id.0), None),
        UserRef::Portal(id) => (None, Some(id.0)),
    };
    db.execute(
        Sql::new(
            "INSERT INTO sessions (token_hash, staff_user_id, portal_user_id, csrf_token, language, \
             created_at, last_seen_at, expires_at, stage, login_attempt_id, user_agent, ip) \
             VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11)",
        )
        .arg(s.token_hash)
        .arg(staff)
        .arg(portal)
        .arg(s.csrf_token)
        .arg(s.language.code())
        .arg(s.now)
        .arg(s.expires_at)
        .arg(s.stage)
        .arg(s.login_attempt_id)
        .arg(cut(s.user_agent, MAX_USER_AGENT))
        .arg(s.ip),
    )
    .await?;
    Ok(())
}

/// The session for a token hash, if it has not expired.
pub async fn find_valid(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<SessionRow>> {
    db.fetch_optional(
        Sql::new(
            "SELECT id, staff_user_id, portal_user_id, impersonated_portal_user_id, csrf_token, language, \
             expires_at, last_seen_at, stage, login_attempt_id, consent_check FROM sessions \
             WHERE token_hash = $1 AND expires_at > $2",
        )
        .arg(token_hash)
        .arg(now),
    )
    .await
}

/// Slides the expiry forward; callers do this at most once a minute so that
/// reads do not turn into writes on every request.
pub async fn touch(db: &Db, id: i64, now: DateTime<Utc>, expires_at: DateTime<Utc>) -> Result<()> {
    db.execute(
        Sql::new("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id = $3")
            .arg(now)
            .arg(expires_at)
            .arg(id),
    )
    .await?;
    Ok(())
}

/// Ends the second-factor step: the session becomes a full one under a new
/// token (a token seen before sign-in completed is worth nothing after).
pub async fn complete(
    db: &Db,
    id: i64,
    new_token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<bool> {
    let n = db
        .execute(
            Sql::new(
                "UPDATE sessions SET token_hash = $1, stage = 'full', login_attempt_id = NULL, \
                 last_seen_at = $2, expires_at = $3 WHERE id = $4 AND stage <> 'full'",
            )
            .arg(new_token_hash)
            .arg(now)
            .arg(expires_at)
            .arg(id),
        )
        .await?;
    Ok(n == 1)
}

pub async fn delete_by_id(db: &Db, id: i64) -> Result<()> {
    db.execute(Sql::new("DELETE FROM sessions WHERE id = $1").arg(id))
        .await?;
    Ok(())
}

pub async fn set_language(db: &Db, id: i64, language: Language) -> Result<()> {
    db.execute(
        Sql::new("UPDATE sessions SET language = $1 WHERE id = $2")
            .arg(language.code())
            .arg(id),
    )
    .await?;
    Ok(())
}

pub async fn delete(db: &Db, token_hash: &str) -> Result<()> {
    db.execute(Sql::new("DELETE FROM sessions WHERE token_hash = $1").arg(token_hash))
        .await?;
    Ok(())
}

/// Deletes sessions past their idle expiry or created before
/// `created_before` (the absolute lifetime).
pub async fn delete_expired(
    db: &Db,
    now: DateTime<Utc>,
    created_before: DateTime<Utc>,
) -> Result<u64> {
    db.execute(
        Sql::new("DELETE FROM sessions WHERE expires_at <= $1 OR created_at <= $2")
            .arg(now)
            .arg(created_before),
    )
    .await
}

/// Forgets login attempts older than `before`.
pub async fn prune_attempts(db: &Db, before: DateTime<Utc>) -> Result<u64> {
    db.execute(Sql::new("DELETE FROM login_locks WHERE touched_at < $1").arg(before))
        .await?;
    db.execute(Sql::new("DELETE FROM login_attempts WHERE attempted_at < $1").arg(before))
        .await
}
