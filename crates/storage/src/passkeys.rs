//! Passkeys (WebAuthn credentials) and the state of a WebAuthn ceremony
//! between its start and finish. The credential is stored as the JSON
//! `kp_app::passkeys` keeps (public key, sign counter); this module does
//! not look inside.

use chrono::{DateTime, Utc};

use crate::Result;
use crate::args::Sql;
use crate::db::Db;
use crate::two_factor::{owner, owner_columns};
use crate::users::UserRef;
use kp_domain::{PortalUserId, StaffUserId};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PasskeyRow {
    pub id: i64,
    /// Base64url, as the browser names the credential.
    pub credential_id: String,
    pub name: String,
    pub credential: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

pub async fn list(db: &Db, user: UserRef) -> Result<Vec<PasskeyRow>> {
    let (cond, id) = owner(user, 1);
    db.fetch_all(
        Sql::new(format!(
            "SELECT id, credential_id, name, credential, created_at, last_used_at FROM passkeys \
             WHERE {cond} ORDER BY id"
        ))
        .arg(id),
    )
    .await
}

pub async fn insert(
    db: &Db,
    user: UserRef,
    credential_id: &str,
    name: &str,
    credential: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let (staff, portal) = owner_columns(user);
    let mut tx = db.begin().await?;
    let id = tx
        .insert_returning_id(
            Sql::new(
                "INSERT INTO passkeys (staff_user_id, portal_user_id, credential_id, name, \
                 credential, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .arg(staff)
            .arg(portal)
            .arg(credential_id)
            .arg(name)
            .arg(credential)
            .arg(now),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes one of the user's passkeys; `false` when the user has no passkey
/// with this id (someone else's id changes nothing).
pub async fn delete(db: &Db, user: UserRef, id: i64) -> Result<bool> {
    let (cond, owner_id) = owner(user, 2);
    let n = db
        .execute(
            Sql::new(format!("DELETE FROM passkeys WHERE id = $1 AND {cond}"))
                .arg(id)
                .arg(owner_id),
        )
        .await?;
    Ok(n == 1)
}

/// Renames one of the user's passkeys; `false` when the user has no
/// passkey with this id.
pub async fn rename(db: &Db, user: UserRef, id: i64, name: &str) -> Result<bool> {
    let (cond, owner_id) = owner(user, 3);
    let n = db
        .execute(
            Sql::new(format!(
                "UPDATE passkeys SET name = $1 WHERE id = $2 AND {cond}"
            ))
            .arg(name)
            .arg(id)
            .arg(owner_id),
        )
        .await?;
    Ok(n == 1)
}

pub async fn delete_all(db: &Db, user: UserRef) -> Result<()> {
    let (cond, id) = owner(user, 1);
    db.execute(Sql::new(format!("DELETE FROM passkeys WHERE {cond}")).arg(id))
        .await?;
    Ok(())
}

/// A passkey found by its credential id, with its owner.
#[derive(Debug, Clone)]
pub struct FoundPasskey {
    pub id: i64,
    pub user: UserRef,
    pub credential: String,
}

#[derive(sqlx::FromRow)]
struct FoundRow {
    id: i64,
    staff_user_id: Option<i64>,
    portal_user_id: Option<i64>,
    credential: String,
}

pub async fn by_credential_id(db: &Db, credential_id: &str) -> Result<Option<FoundPasskey>> {
    let row: Option<FoundRow> = db
        .fetch_optional(
            Sql::new(
                "SELECT id, staff_user_id, portal_user_id, credential FROM passkeys \
                 WHERE credential_id = $1",
            )
            .arg(credential_id),
        )
        .await?;
    Ok(row.and_then(|r| {
        let user = match (r.staff_user_id, r.portal_user_id) {
            (Some(id), _) => UserRef::Staff(StaffUserId(id)),
            (None, Some(id)) => UserRef::Portal(PortalUserId(id)),
            _ => return None,
        };
        Some(FoundPasskey {
            id: r.id,
            user,
            credential: r.credential,
        })
    }))
}

/// Stores the credential after use (its signature counter moves on).
pub async fn used(db: &Db, id: i64, credential: &str, now: DateTime<Utc>) -> Result<()> {
    db.execute(
        Sql::new("UPDATE passkeys SET credential = $1, last_used_at = $2 WHERE id = $3")
            .arg(credential)
            .arg(now)
            .arg(id),
    )
    .await?;
    Ok(())
}

pub async fn start_ceremony(
    db: &Db,
    token_hash: &str,
    kind: &str,
    user: Option<UserRef>,
    state: &str,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    let (staff, portal) = user.map_or((None, None), owner_columns);
    db.execute(
        Sql::new(
            "INSERT INTO webauthn_ceremonies (token_hash, kind, staff_user_id, portal_user_id, \
             state, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .arg(token_hash)
        .arg(kind)
        .arg(staff)
        .arg(portal)
        .arg(state)
        .arg(expires_at),
    )
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct CeremonyRow {
    id: i64,
    staff_user_id: Option<i64>,
    portal_user_id: Option<i64>,
    state: String,
}

/// Takes (deletes and returns) an unexpired ceremony of `kind` for `user`
/// (`None`: one started without a user, the passwordless sign-in). Single
/// use: a second finish with the same token finds nothing.
pub async fn take_ceremony(
    db: &Db,
    token_hash: &str,
    kind: &str,
    user: Option<UserRef>,
    now: DateTime<Utc>,
) -> Result<Option<String>> {
    let mut tx = db.begin().await?;
    let row: Option<CeremonyRow> = tx
        .fetch_optional(
            Sql::new(
                "SELECT id, staff_user_id, portal_user_id, state FROM webauthn_ceremonies \
                 WHERE token_hash = $1 AND kind = $2 AND expires_at > $3",
            )
            .arg(token_hash)
            .arg(kind)
            .arg(now),
        )
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    // Two finishes racing with the same token: only the one whose DELETE
    // removed the row goes on.
    let taken = tx
        .execute(Sql::new("DELETE FROM webauthn_ceremonies WHERE id = $1").arg(row.id))
        .await?;
    if taken != 1 {
        return Ok(None);
    }
    tx.execute(Sql::new("DELETE FROM webauthn_ceremonies WHERE expires_at <= $1").arg(now))
        .await?;
    tx.commit().await?;
    if (row.staff_user_id, row.portal_user_id) != user.map_or((None, None), owner_columns) {
        return Ok(None);
    }
    Ok(Some(row.state))
}
