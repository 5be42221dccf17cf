//! Second factors of a user (staff or portal): the TOTP secret (stored
//! encrypted; this module never sees it in clear), recovery codes (SHA-256
//! only) and the staff reset. Passkeys are in [`crate::passkeys`].

use chrono::{DateTime, Utc};
use kp_domain::{OrganizationId, PortalUserId, StaffUserId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::users::UserRef;

/// The `WHERE` condition naming a user's rows, with the id as `$n`.
pub(crate) fn owner(user: UserRef, n: u8) -> (String, i64) {
    match user {
        UserRef::Staff(id) => (format!("staff_user_id = ${n}"), id.0),
        UserRef::Portal(id) => (format!("portal_user_id = ${n}"), id.0),
    }
}

/// The two owner columns' values for an insert.
pub(crate) fn owner_columns(user: UserRef) -> (Option<i64>, Option<i64>) {
    match user {
        UserRef::Staff(id) => (Some(id.0), None),
        UserRef::Portal(id) => (None, Some(id.0)),
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TotpRow {
    pub secret_encrypted: String,
    pub confirmed: bool,
    pub last_used_step: Option<i64>,
}

pub async fn totp(db: &Db, user: UserRef) -> Result<Option<TotpRow>> {
    let (cond, id) = owner(user, 1);
    db.fetch_optional(
        Sql::new(format!(
            "SELECT secret_encrypted, confirmed, last_used_step FROM two_factor_totp WHERE {cond}"
        ))
        .arg(id),
    )
    .await
}

/// Starts an enrolment: an unconfirmed secret replacing an unconfirmed one.
/// A confirmed secret stays (the caller removes it first, with the
/// password); `false` when one exists.
pub async fn start_totp(
    db: &Db,
    user: UserRef,
    secret_encrypted: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let (cond, id) = owner(user, 1);
    let mut tx = db.begin().await?;
    let confirmed: Option<(bool,)> = tx
        .fetch_optional(
            Sql::new(format!(
                "SELECT confirmed FROM two_factor_totp WHERE {cond}"
            ))
            .arg(id),
        )
        .await?;
    if confirmed.is_some_and(|(c,)| c) {
        return Ok(false);
    }
    tx.execute(Sql::new(format!("DELETE FROM two_factor_totp WHERE {cond}")).arg(id))
        .await?;
    let (staff, portal) = owner_columns(user);
    tx.execute(
        Sql::new(
            "INSERT INTO two_factor_totp (staff_user_id, portal_user_id, secret_encrypted, \
             confirmed, created_at) VALUES ($1, $2, $3, FALSE, $4)",
        )
        .arg(staff)
        .arg(portal)
        .arg(secret_encrypted)
        .arg(now),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Accepts the time step of a valid code: confirms an enrolment or signs
/// in. Only a step later than the last used one is accepted, in one
/// statement, so two requests with the same code cannot both pass.
pub async fn use_step(
    db: &Db,
    user: UserRef,
    step: i64,
    confirm: bool,
    now: DateTime<Utc>,
) -> Result<bool> {
    let (cond, id) = owner(user, 1);
    let state = if confirm {
        "confirmed = FALSE"
    } else {
        "confirmed = TRUE"
    };
    let changed = db
        .execute(
            Sql::new(format!(
                "UPDATE two_factor_totp SET last_used_step = $2, confirmed = TRUE, \
                 confirmed_at = COALESCE(confirmed_at, $3) \
                 WHERE {cond} AND {state} AND (last_used_step IS NULL OR last_used_step < $2)"
            ))
            .arg(id)
            .arg(step)
            .arg(now),
        )
        .await?;
    Ok(changed == 1)
}

pub async fn delete_totp(db: &Db, user: UserRef) -> Result<()> {
    let (cond, id) = owner(user, 1);
    db.execute(Sql::new(format!("DELETE FROM two_factor_totp WHERE {cond}")).arg(id))
        .await?;
    Ok(())
}

/// Replaces all recovery codes of a user with new ones (their hashes).
pub async fn replace_recovery_codes(
    db: &Db,
    user: UserRef,
    hashes: &[String],
    now: DateTime<Utc>,
) -> Result<()> {
    let (cond, id) = owner(user, 1);
    let (staff, portal) = owner_columns(user);
    let mut tx = db.begin().await?;
    tx.execute(
        Sql::new(format!(
            "DELETE FROM two_factor_recovery_codes WHERE {cond}"
        ))
        .arg(id),
    )
    .await?;
    for hash in hashes {
        tx.execute(
            Sql::new(
                "INSERT INTO two_factor_recovery_codes (staff_user_id, portal_user_id, code_hash, \
                 created_at) VALUES ($1, $2, $3, $4)",
            )
            .arg(staff)
            .arg(portal)
            .arg(hash.as_str())
            .arg(now),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Marks an unused recovery code as used; `false` when the user has no
/// such unused code.
pub async fn use_recovery_code(
    db: &Db,
    user: UserRef,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let (cond, id) = owner(user, 1);
    let changed = db
        .execute(
            Sql::new(format!(
                "UPDATE two_factor_recovery_codes SET used_at = $3 \
                 WHERE {cond} AND code_hash = $2 AND used_at IS NULL"
            ))
            .arg(id)
            .arg(hash)
            .arg(now),
        )
        .await?;
    Ok(changed == 1)
}

pub async fn delete_recovery_codes(db: &Db, user: UserRef) -> Result<()> {
    let (cond, id) = owner(user, 1);
    db.execute(
        Sql::new(format!(
            "DELETE FROM two_factor_recovery_codes WHERE {cond}"
        ))
        .arg(id),
    )
    .await?;
    Ok(())
}

/// What second factors a user has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Factors {
    pub totp: bool,
    pub passkeys: i64,
    pub recovery_codes_left: i64,
}

impl Factors {
    pub fn any(&self) -> bool {
        self.totp || self.passkeys > 0
    }
}

pub async fn factors(db: &Db, user: UserRef) -> Result<Factors> {
    let (cond, id) = owner(user, 1);
    db.fetch_one(
        Sql::new(format!(
            "SELECT EXISTS (SELECT 1 FROM two_factor_totp WHERE {cond} AND confirmed) AS totp, \
             (SELECT COUNT(*) FROM passkeys WHERE {cond}) AS passkeys, \
             (SELECT COUNT(*) FROM two_factor_recovery_codes WHERE {cond} AND used_at IS NULL) \
             AS recovery_codes_left"
        ))
        .arg(id),
    )
    .await
}

/// Whether the organization of a portal user asks for two-factor sign-in.
pub async fn organization_requires(db: &Db, organization: OrganizationId) -> Result<bool> {
    let row: Option<(bool,)> = db
        .fetch_optional(
            Sql::new("SELECT require_two_factor FROM organizations WHERE id = $1")
                .arg(organization),
        )
        .await?;
    Ok(row.is_some_and(|(r,)| r))
}

/// A portal user as the staff reset page shows them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PortalUserSummary {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub language: String,
}

pub async fn portal_user(db: &Db, id: PortalUserId) -> Result<Option<PortalUserSummary>> {
    db.fetch_optional(
        Sql::new("SELECT id, name, email, language FROM portal_users WHERE id = $1").arg(id),
    )
    .await
}

/// Removes every second factor of a portal user, ends their sessions,
/// writes the audit entry and queues the mail, in one transaction.
/// Removes every second factor and session of a portal user and writes
/// the audit entry, in the caller's transaction (which also queues the
/// user's notice).
pub async fn reset(
    tx: &mut Tx,
    user: PortalUserId,
    actor: StaffUserId,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    for table in [
        "two_factor_totp",
        "two_factor_recovery_codes",
        "passkeys",
        "sessions",
    ] {
        tx.execute(Sql::new(format!("DELETE FROM {table} WHERE portal_user_id = $1")).arg(user))
            .await?;
    }
    audit(
        tx,
        actor,
        "two_factor.reset",
        "portal_user",
        user.0,
        ip,
        now,
    )
    .await
}

async fn audit(
    tx: &mut Tx,
    actor: StaffUserId,
    action: &str,
    target_kind: &str,
    target_id: i64,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        Sql::new(
            "INSERT INTO audit_entries (actor_staff_id, action, target_kind, target_id, ip, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .arg(actor)
        .arg(action)
        .arg(target_kind)
        .arg(target_id)
        .arg(ip)
        .arg(now),
    )
    .await?;
    Ok(())
}
