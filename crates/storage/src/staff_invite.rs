//! Creating staff users by invitation and changing their role and
//! tenants (issue 9, D1). An invited staff user has no password until
//! they follow the activation link; `staff_users` has no status column,
//! so "invited" is `password_hash IS NULL`.

use chrono::{DateTime, Utc};
use kp_domain::{Language, StaffRole, StaffUserId, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::users::{UserRef, normalize_email, register_identity};

pub struct NewStaffUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: StaffRole,
    pub language: Language,
    pub tenants: &'a [TenantId],
    pub now: DateTime<Utc>,
}

/// Inserts the invited staff user with their tenants and login e-mail; an
/// e-mail taken by any staff or portal user is
/// `StorageError::UniqueViolation`.
pub async fn insert(tx: &mut Tx, u: &NewStaffUser<'_>) -> Result<StaffUserId> {
    let id = tx
        .insert_returning_id(
            Sql::new(
                "INSERT INTO staff_users (email, name, role, language, password_hash, active, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, NULL, TRUE, $5, $5)",
            )
            .arg(normalize_email(u.email))
            .arg(u.name)
            .arg(u.role.as_str())
            .arg(u.language.code())
            .arg(u.now),
        )
        .await?;
    let id = StaffUserId(id);
    // Staff and portal users share one e-mail namespace.
    register_identity(tx, u.email, UserRef::Staff(id)).await?;
    insert_tenants(tx, id, u.tenants).await?;
    Ok(id)
}

async fn insert_tenants(tx: &mut Tx, id: StaffUserId, tenants: &[TenantId]) -> Result<()> {
    for tenant in tenants {
        tx.execute(
            Sql::new("INSERT INTO staff_user_tenants (staff_user_id, tenant_id) VALUES ($1, $2)")
                .arg(id)
                .arg(*tenant),
        )
        .await?;
    }
    Ok(())
}

fn tenants_sql(id: StaffUserId) -> Sql {
    Sql::new("SELECT tenant_id FROM staff_user_tenants WHERE staff_user_id = $1 ORDER BY tenant_id")
        .arg(id)
}

fn to_ids(rows: Vec<(i64,)>) -> Vec<TenantId> {
    rows.into_iter().map(|(t,)| TenantId(t)).collect()
}

/// The staff user's tenants, read in the transaction that changes them.
pub async fn tenant_ids(tx: &mut Tx, id: StaffUserId) -> Result<Vec<TenantId>> {
    Ok(to_ids(tx.fetch_all(tenants_sql(id)).await?))
}

/// The staff user's tenants, for their page.
pub async fn tenants_of(db: &Db, id: StaffUserId) -> Result<Vec<TenantId>> {
    Ok(to_ids(db.fetch_all(tenants_sql(id)).await?))
}

/// Sets role and tenants when the row still has the `updated_at` read in
/// this transaction; `false` when it changed meanwhile (nothing written).
pub async fn set_role_and_tenants(
    tx: &mut Tx,
    id: StaffUserId,
    seen: DateTime<Utc>,
    role: StaffRole,
    tenants: &[TenantId],
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = tx
        .execute(
            Sql::new(
                "UPDATE staff_users SET role = $1, updated_at = $2 WHERE id = $3 AND updated_at = $4",
            )
            .arg(role.as_str())
            .arg(now)
            .arg(id)
            .arg(seen),
        )
        .await?;
    if n != 1 {
        return Ok(false);
    }
    tx.execute(Sql::new("DELETE FROM staff_user_tenants WHERE staff_user_id = $1").arg(id))
        .await?;
    insert_tenants(tx, id, tenants).await?;
    Ok(true)
}

/// Sets the first password of an invited, active staff user; 0 when the
/// user has one already or was deactivated meanwhile.
pub async fn activate(
    tx: &mut Tx,
    id: StaffUserId,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    tx.execute(
        Sql::new(
            "UPDATE staff_users SET password_hash = $1, updated_at = $2 \
             WHERE id = $3 AND password_hash IS NULL AND active",
        )
        .arg(password_hash)
        .arg(now)
        .arg(id),
    )
    .await
}
