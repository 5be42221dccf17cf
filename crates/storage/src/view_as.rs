//! "View as user" sessions and their record (`portal_views`, migration
//! 0019). A view is a session row of the administrator
//! (`staff_user_id`) acting as a portal user
//! (`impersonated_portal_user_id`), linked to the administrator's own
//! session (`staff_session_id`) and to its `portal_views` row, which stays
//! for the user's sign-in history when the session row is gone.

use chrono::{DateTime, Utc};
use kp_domain::{Language, PortalUserId, StaffUserId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::sessions::{MAX_USER_AGENT, cut};

/// A view to open.
pub struct NewView<'a> {
    pub staff: StaffUserId,
    pub staff_session_id: i64,
    pub user: PortalUserId,
    pub token_hash: &'a str,
    pub csrf_token: &'a str,
    pub language: Language,
    pub now: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub user_agent: &'a str,
    pub ip: &'a str,
}

/// Records the view and opens its session, in the caller's transaction
/// (the one that checked the user against the administrator's scope).
/// Returns the view's id.
pub async fn open(tx: &mut Tx, v: &NewView<'_>) -> Result<i64> {
    let view = tx
        .insert_returning_id(
            Sql::new(
                "INSERT INTO portal_views (portal_user_id, staff_user_id, started_at, ends_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .arg(v.user.0)
            .arg(v.staff.0)
            .arg(v.now)
            .arg(v.ends_at),
        )
        .await?;
    tx.execute(
        Sql::new(
            "INSERT INTO sessions (token_hash, staff_user_id, impersonated_portal_user_id, \
             staff_session_id, portal_view_id, csrf_token, language, created_at, last_seen_at, \
             expires_at, stage, consent_check, user_agent, ip) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, 'full', FALSE, $10, $11)",
        )
        .arg(v.token_hash)
        .arg(v.staff.0)
        .arg(v.user.0)
        .arg(v.staff_session_id)
        .arg(view)
        .arg(v.csrf_token)
        .arg(v.language.code())
        .arg(v.now)
        .arg(v.ends_at)
        .arg(cut(v.user_agent, MAX_USER_AGENT))
        .arg(v.ip),
    )
    .await?;
    Ok(view)
}

/// A view session found by its token whatever its state, to close it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ViewRef {
    pub session_id: i64,
    pub view_id: i64,
    pub staff_id: i64,
    pub user_id: i64,
    pub ends_at: DateTime<Utc>,
}

/// The view session of a token hash, alive or not (until housekeeping
/// removes expired sessions).
pub async fn by_token(db: &Db, token_hash: &str) -> Result<Option<ViewRef>> {
    db.fetch_optional(
        Sql::new(
            "SELECT s.id AS session_id, v.id AS view_id, s.staff_user_id AS staff_id, \
             v.portal_user_id AS user_id, v.ends_at FROM sessions s \
             JOIN portal_views v ON v.id = s.portal_view_id WHERE s.token_hash = $1",
        )
        .arg(token_hash),
    )
    .await
}

/// Ends a view: its session goes and its record gets the end (no later
/// than the planned end). The entry of whoever ended it first counts.
/// Returns whether this call ended it.
pub async fn close(
    tx: &mut Tx,
    session_id: i64,
    view_id: i64,
    at: DateTime<Utc>,
    reason: &str,
) -> Result<bool> {
    tx.execute(Sql::new("DELETE FROM sessions WHERE id = $1").arg(session_id))
        .await?;
    let n = tx
        .execute(
            Sql::new(
                "UPDATE portal_views SET ended_at = CASE WHEN ends_at < $1 THEN ends_at ELSE $1 END, \
                 end_reason = $2 WHERE id = $3 AND ended_at IS NULL",
            )
            .arg(at)
            .arg(reason)
            .arg(view_id),
        )
        .await?;
    Ok(n == 1)
}

/// The live view sessions of a staff session (at most one is kept).
pub async fn of_staff_session(db: &Db, staff_session_id: i64) -> Result<Vec<ViewRef>> {
    db.fetch_all(
        Sql::new(
            "SELECT s.id AS session_id, v.id AS view_id, s.staff_user_id AS staff_id, \
             v.portal_user_id AS user_id, v.ends_at FROM sessions s \
             JOIN portal_views v ON v.id = s.portal_view_id WHERE s.staff_session_id = $1",
        )
        .arg(staff_session_id),
    )
    .await
}

/// The view sessions whose end has come (for the housekeeping).
pub async fn expired(db: &Db, now: DateTime<Utc>) -> Result<Vec<ViewRef>> {
    db.fetch_all(
        Sql::new(
            "SELECT s.id AS session_id, v.id AS view_id, s.staff_user_id AS staff_id, \
             v.portal_user_id AS user_id, v.ends_at FROM sessions s \
             JOIN portal_views v ON v.id = s.portal_view_id WHERE s.expires_at <= $1",
        )
        .arg(now),
    )
    .await
}

/// A view of a user's account as their sign-in history shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ViewEntry {
    /// `None` when the staff user was deleted since.
    pub staff_name: Option<String>,
    pub started_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

/// The latest views of a user's account, newest first.
pub async fn of_user(db: &Db, user: PortalUserId, limit: i64) -> Result<Vec<ViewEntry>> {
    db.fetch_all(
        Sql::new(
            "SELECT (SELECT st.name FROM staff_users st WHERE st.id = v.staff_user_id) AS staff_name, \
             v.started_at, v.ends_at, v.ended_at FROM portal_views v \
             WHERE v.portal_user_id = $1 ORDER BY v.started_at DESC, v.id DESC LIMIT $2",
        )
        .arg(user.0)
        .arg(limit),
    )
    .await
}
