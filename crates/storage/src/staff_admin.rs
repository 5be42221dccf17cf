//! Staff administrators' view of staff users: the list, one staff user
//! with their tenants, active/inactive and ending sessions. An
//! administrator with tenants sees the staff users who share one of them;
//! one without tenants (`None`) sees all. A staff user outside that view
//! is not found.

use chrono::{DateTime, Utc};
use kp_domain::{StaffUserId, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

/// A staff user as list and detail show them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct StaffRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub language: String,
    pub active: bool,
    /// Invited and not yet activated (no password set).
    pub invited: bool,
    /// The tenants' names, comma-separated.
    pub tenants: String,
    pub updated_at: DateTime<Utc>,
}

fn select(q: &mut Sql, tenants: Option<&[TenantId]>, backend: crate::db::Backend) {
    q.push(
        "SELECT su.id, su.name, su.email, su.role, su.language, su.active, \
         CASE WHEN su.password_hash IS NULL THEN TRUE ELSE FALSE END AS invited, COALESCE((SELECT ",
    );
    // One aggregate each dialect knows under its own name.
    q.push(match backend {
        crate::db::Backend::Postgres => "STRING_AGG(t.name, ', ' ORDER BY t.name)",
        crate::db::Backend::Sqlite => "GROUP_CONCAT(t.name, ', ')",
    });
    q.push(
        " FROM staff_user_tenants sut JOIN tenants t ON t.id = sut.tenant_id \
         WHERE sut.staff_user_id = su.id), '') AS tenants, su.updated_at \
         FROM staff_users su WHERE 1 = 1",
    );
    if let Some(tenants) = tenants {
        q.push(
            " AND EXISTS (SELECT 1 FROM staff_user_tenants vt WHERE vt.staff_user_id = su.id \
             AND vt.tenant_id IN ",
        )
        .bind_list(tenants.iter().copied())
        .push(")");
    }
}

pub async fn list(db: &Db, tenants: Option<&[TenantId]>) -> Result<Vec<StaffRow>> {
    let mut q = Sql::default();
    select(&mut q, tenants, db.backend());
    q.push(" ORDER BY su.name, su.id");
    db.fetch_all(q).await
}

pub async fn get(
    db: &Db,
    tenants: Option<&[TenantId]>,
    id: StaffUserId,
) -> Result<Option<StaffRow>> {
    let mut q = Sql::default();
    select(&mut q, tenants, db.backend());
    q.push(" AND su.id = ").bind(id);
    db.fetch_optional(q).await
}

pub async fn get_in(
    tx: &mut Tx,
    tenants: Option<&[TenantId]>,
    id: StaffUserId,
) -> Result<Option<StaffRow>> {
    let mut q = Sql::default();
    select(&mut q, tenants, tx.backend());
    q.push(" AND su.id = ").bind(id);
    tx.fetch_optional(q).await
}

/// Sets `active` when the row still has the `updated_at` read in this
/// transaction; `false` when it changed meanwhile.
pub async fn set_active(
    tx: &mut Tx,
    id: StaffUserId,
    seen: DateTime<Utc>,
    active: bool,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = tx
        .execute(
            Sql::new(
                "UPDATE staff_users SET active = $1, updated_at = $2 WHERE id = $3 AND updated_at = $4",
            )
            .arg(active)
            .arg(now)
            .arg(id)
            .arg(seen),
        )
        .await?;
    Ok(n == 1)
}

/// How many active administrators (invited ones do not count: they
/// cannot sign in yet) there are besides `except`.
pub async fn other_active_admins(tx: &mut Tx, except: StaffUserId) -> Result<i64> {
    let (n,): (i64,) = tx
        .fetch_one(
            Sql::new(
                "SELECT COUNT(*) FROM staff_users WHERE role = 'admin' AND active \
                 AND password_hash IS NOT NULL AND id <> $1",
            )
            .arg(except),
        )
        .await?;
    Ok(n)
}

/// Ends every session of the staff user (their own and their views as
/// portal users).
pub async fn end_sessions(tx: &mut Tx, id: StaffUserId) -> Result<u64> {
    tx.execute(Sql::new("DELETE FROM sessions WHERE staff_user_id = $1").arg(id))
        .await
}
