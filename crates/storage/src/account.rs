//! What "My account" reads and changes about the signed-in user: their
//! sessions, their sign-in history, their language and password. Every
//! statement names the user the session belongs to, so a session id from
//! the browser that is not theirs matches no row.

use chrono::{DateTime, Utc};
use kp_domain::{Language, PortalUserId, StaffUserId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::users::UserRef;

/// The column naming a user of this kind in `sessions`, and the id.
fn owner(user: UserRef) -> (&'static str, i64) {
    match user {
        UserRef::Staff(StaffUserId(id)) => ("staff_user_id", id),
        UserRef::Portal(PortalUserId(id)) => ("portal_user_id", id),
    }
}

/// A session of the user as "My account" lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionEntry {
    pub id: i64,
    pub user_agent: String,
    pub ip: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// The user's own live sessions (not those in which staff view the portal
/// as them), the most recently used first.
pub async fn sessions(
    db: &Db,
    user: UserRef,
    now: DateTime<Utc>,
    created_after: DateTime<Utc>,
) -> Result<Vec<SessionEntry>> {
    let (column, id) = owner(user);
    db.fetch_all(
        Sql::new(format!(
            "SELECT id, user_agent, ip, created_at, last_seen_at FROM sessions \
             WHERE {column} = $1 AND impersonated_portal_user_id IS NULL \
             AND expires_at > $2 AND created_at > $3 ORDER BY last_seen_at DESC, id DESC"
        ))
        .arg(id)
        .arg(now)
        .arg(created_after),
    )
    .await
}

/// Ends one of the user's own sessions; `NotFound` when the id names no
/// session of theirs.
pub async fn end_session(db: &Db, user: UserRef, session: i64) -> Result<()> {
    let (column, id) = owner(user);
    let ended = db
        .execute(
            Sql::new(format!(
                "DELETE FROM sessions WHERE id = $1 AND {column} = $2 \
                 AND impersonated_portal_user_id IS NULL"
            ))
            .arg(session)
            .arg(id),
        )
        .await?;
    if ended == 0 {
        return Err(crate::StorageError::NotFound);
    }
    Ok(())
}

/// Ends every session of the user but `keep`; the number ended.
pub async fn end_other_sessions(db: &Db, user: UserRef, keep: i64) -> Result<u64> {
    let (column, id) = owner(user);
    db.execute(
        Sql::new(format!(
            "DELETE FROM sessions WHERE {column} = $1 AND id <> $2 \
             AND impersonated_portal_user_id IS NULL"
        ))
        .arg(id)
        .arg(keep),
    )
    .await
}

/// Ends every session of the user but `keep` (impersonations of them
/// too: they were opened under the old identity), in the caller's
/// transaction; the number ended.
pub async fn end_sessions_in(tx: &mut Tx, user: UserRef, keep: Option<i64>) -> Result<u64> {
    let (column, id) = owner(user);
    let cond = match user {
        UserRef::Portal(_) => {
            "(portal_user_id = $1 OR impersonated_portal_user_id = $1)".to_owned()
        }
        UserRef::Staff(_) => format!("{column} = $1"),
    };
    tx.execute(
        Sql::new(format!("DELETE FROM sessions WHERE {cond} AND id <> $2"))
            .arg(id)
            .arg(keep.unwrap_or(-1)),
    )
    .await
}

/// The user's stored password hash, if they have one.
pub async fn password_hash(db: &Db, user: UserRef) -> Result<Option<String>> {
    let (table, id) = match user {
        UserRef::Staff(StaffUserId(id)) => ("staff_users", id),
        UserRef::Portal(PortalUserId(id)) => ("portal_users", id),
    };
    let row: Option<(Option<String>,)> = db
        .fetch_optional(
            Sql::new(format!("SELECT password_hash FROM {table} WHERE id = $1")).arg(id),
        )
        .await?;
    Ok(row.and_then(|(hash,)| hash))
}

/// Replaces the user's password hash and ends every other session of
/// theirs, in the caller's transaction (which also queues the notice): a
/// thief's session must not outlive the change.
pub async fn change_password(
    tx: &mut Tx,
    user: UserRef,
    hash: &str,
    keep_session: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let (table, id) = match user {
        UserRef::Staff(StaffUserId(id)) => ("staff_users", id),
        UserRef::Portal(PortalUserId(id)) => ("portal_users", id),
    };
    let (column, _) = owner(user);
    tx.execute(
        Sql::new(format!(
            "UPDATE {table} SET password_hash = $1, updated_at = $2 WHERE id = $3"
        ))
        .arg(hash)
        .arg(now)
        .arg(id),
    )
    .await?;
    tx.execute(
        Sql::new(format!(
            "DELETE FROM sessions WHERE {column} = $1 AND id <> $2"
        ))
        .arg(id)
        .arg(keep_session),
    )
    .await?;
    Ok(())
}

/// Saves the user's language (mails and the next sign-in use it).
pub async fn set_language(
    db: &Db,
    user: UserRef,
    language: Language,
    now: DateTime<Utc>,
) -> Result<()> {
    let (table, id) = match user {
        UserRef::Staff(StaffUserId(id)) => ("staff_users", id),
        UserRef::Portal(PortalUserId(id)) => ("portal_users", id),
    };
    db.execute(
        Sql::new(format!(
            "UPDATE {table} SET language = $1, updated_at = $2 WHERE id = $3"
        ))
        .arg(language.code())
        .arg(now)
        .arg(id),
    )
    .await?;
    Ok(())
}

/// One sign-in attempt of the account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SignIn {
    pub attempted_at: DateTime<Utc>,
    pub ip: String,
    pub user_agent: String,
    pub succeeded: bool,
}

/// The last `limit` successful and failed sign-ins under the account's
/// e-mail (normalized), newest first. Attempts turned away by the throttle
/// checked no password and are left out.
pub async fn sign_ins(db: &Db, email: &str, limit: i64) -> Result<Vec<SignIn>> {
    db.fetch_all(
        Sql::new(
            "SELECT attempted_at, ip, user_agent, outcome = 'succeeded' AS succeeded \
             FROM login_attempts WHERE email = $1 AND outcome IN ('succeeded', 'failed') \
             ORDER BY attempted_at DESC, id DESC LIMIT $2",
        )
        .arg(crate::users::normalize_email(email))
        .arg(limit),
    )
    .await
}
