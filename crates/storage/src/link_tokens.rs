//! Single-use, expiring action links (invitation, password reset, e-mail
//! verification …). Only the SHA-256 of a token is stored; a token is
//! found by that hash. [`consume`] marks it used in the same statement
//! that finds it, so two requests with one token cannot both succeed, and
//! an unknown, used or expired token all answer `None`.

use chrono::{DateTime, Utc};
use kp_domain::{PortalUserId, StaffUserId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::users::UserRef;

/// A token as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkToken {
    pub id: i64,
    pub purpose: String,
    pub user: UserRef,
    /// Whatever the purpose needs besides the user (e.g. a new e-mail).
    pub payload: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    purpose: String,
    staff_user_id: Option<i64>,
    portal_user_id: Option<i64>,
    payload: Option<String>,
    expires_at: DateTime<Utc>,
    created_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, purpose, staff_user_id, portal_user_id, payload, expires_at, created_at";

impl TokenRow {
    fn token(self) -> Option<LinkToken> {
        let user = match (self.staff_user_id, self.portal_user_id) {
            (Some(id), None) => UserRef::Staff(StaffUserId(id)),
            (None, Some(id)) => UserRef::Portal(PortalUserId(id)),
            _ => return None,
        };
        Some(LinkToken {
            id: self.id,
            purpose: self.purpose,
            user,
            payload: self.payload,
            expires_at: self.expires_at,
            created_at: self.created_at,
        })
    }
}

pub struct NewLinkToken<'a> {
    pub token_hash: &'a str,
    pub purpose: &'a str,
    pub user: UserRef,
    pub payload: Option<&'a str>,
    pub expires_at: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

fn user_columns(user: UserRef) -> (Option<i64>, Option<i64>) {
    match user {
        UserRef::Staff(id) => (Some(id.0), None),
        UserRef::Portal(id) => (None, Some(id.0)),
    }
}

/// Stores a new token.
pub async fn create(tx: &mut Tx, t: &NewLinkToken<'_>) -> Result<i64> {
    let (staff, portal) = user_columns(t.user);
    tx.insert_returning_id(
        Sql::new(
            "INSERT INTO link_tokens (token_hash, purpose, staff_user_id, portal_user_id, payload, \
             expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .arg(t.token_hash)
        .arg(t.purpose)
        .arg(staff)
        .arg(portal)
        .arg(t.payload)
        .arg(t.expires_at)
        .arg(t.now),
    )
    .await
}

/// Marks every unused token of a user for a purpose as used, so that only
/// the link sent next works (a resent invitation voids the earlier one).
pub async fn invalidate(
    tx: &mut Tx,
    user: UserRef,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    let (column, id) = match user {
        UserRef::Staff(id) => ("staff_user_id", id.0),
        UserRef::Portal(id) => ("portal_user_id", id.0),
    };
    tx.execute(
        Sql::new(format!(
            "UPDATE link_tokens SET used_at = $1 WHERE {column} = $2 AND purpose = $3 \
             AND used_at IS NULL"
        ))
        .arg(now)
        .arg(id)
        .arg(purpose),
    )
    .await
}

/// The token with this hash and purpose if it is unused and unexpired,
/// without using it (to show the form a link opens).
pub async fn find_valid(
    db: &Db,
    token_hash: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<Option<LinkToken>> {
    let row: Option<TokenRow> = db
        .fetch_optional(
            Sql::new(format!(
                "SELECT {COLUMNS} FROM link_tokens WHERE token_hash = $1 AND purpose = $2 \
                 AND used_at IS NULL AND expires_at > $3"
            ))
            .arg(token_hash)
            .arg(purpose)
            .arg(now),
        )
        .await?;
    Ok(row.and_then(TokenRow::token))
}

/// Uses the token: one UPDATE that only matches an unused, unexpired
/// token of this purpose. `None` for unknown, used and expired alike.
pub async fn consume(
    tx: &mut Tx,
    token_hash: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<Option<LinkToken>> {
    let row: Option<TokenRow> = tx
        .fetch_optional(
            Sql::new(format!(
                "UPDATE link_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 \
                 AND used_at IS NULL AND expires_at > $3 RETURNING {COLUMNS}"
            ))
            .arg(token_hash)
            .arg(purpose)
            .arg(now),
        )
        .await?;
    Ok(row.and_then(TokenRow::token))
}

/// The newest token of a portal user for a purpose: when it was made,
/// when it expires and whether it was used (for the staff's list).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LatestToken {
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

pub async fn latest_for_portal_user(
    db: &Db,
    user: PortalUserId,
    purpose: &str,
) -> Result<Option<LatestToken>> {
    db.fetch_optional(
        Sql::new(
            "SELECT created_at, expires_at, used_at FROM link_tokens \
             WHERE portal_user_id = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1",
        )
        .arg(user)
        .arg(purpose),
    )
    .await
}

/// Housekeeping: tokens that can no longer be used, kept a while for the
/// staff's "link expired" display, then deleted.
pub async fn delete_expired_before(db: &Db, before: DateTime<Utc>) -> Result<u64> {
    db.execute(Sql::new("DELETE FROM link_tokens WHERE expires_at < $1").arg(before))
        .await
}
