//! Staff members through the sync API: the tenant's staff by the back
//! office's external id, kept on their membership of the tenant
//! (`staff_user_tenants.external_id`). No password, second factor or other
//! secret is read or written here.

use chrono::{DateTime, Utc};
use kp_domain::{StaffUserId, TenantId};

use super::PageQuery;
use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::users::{UserRef, normalize_email, register_identity};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaffRow {
    pub id: i64,
    pub external_id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub phone: String,
    pub language: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct StaffValues<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    pub phone: &'a str,
    pub language: &'a str,
    pub active: bool,
}

fn select() -> Sql {
    Sql::new(
        "SELECT s.id, st.external_id, s.email, s.name, s.role, s.phone, s.language, s.active, \
         s.created_at, s.updated_at FROM staff_users s \
         JOIN staff_user_tenants st ON st.staff_user_id = s.id \
         WHERE st.external_id IS NOT NULL AND st.tenant_id = ",
    )
}

fn one(tenant: TenantId, ext: &str) -> Sql {
    let mut sql = select();
    sql.bind(tenant).push(" AND st.external_id = ").bind(ext);
    sql
}

pub async fn get(db: &Db, tenant: TenantId, ext: &str) -> Result<Option<StaffRow>> {
    db.fetch_optional(one(tenant, ext)).await
}

pub async fn get_in(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<StaffRow>> {
    tx.fetch_optional(one(tenant, ext)).await
}

pub async fn list(db: &Db, tenant: TenantId, q: &PageQuery) -> Result<Vec<StaffRow>> {
    let mut sql = select();
    sql.bind(tenant).push(" AND s.id > ").bind(q.after_id);
    if let Some(since) = q.updated_since {
        sql.push(" AND s.updated_at >= ").bind(since);
    }
    sql.push(" ORDER BY s.id LIMIT ").bind(q.limit);
    db.fetch_all(sql).await
}

/// Whoever signs in with `email`: a staff member, a portal user, or none.
pub async fn identity(tx: &mut Tx, email: &str) -> Result<Option<UserRef>> {
    let row: Option<(Option<i64>, Option<i64>)> = tx
        .fetch_optional(
            Sql::new("SELECT staff_user_id, portal_user_id FROM login_identities WHERE email = $1")
                .arg(normalize_email(email)),
        )
        .await?;
    Ok(match row {
        Some((Some(s), _)) => Some(UserRef::Staff(StaffUserId(s))),
        Some((None, Some(p))) => Some(UserRef::Portal(kp_domain::PortalUserId(p))),
        _ => None,
    })
}

/// What the tenant's back office may do with an existing staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub role: String,
    /// The external id this tenant gave them, if any.
    pub external_id: Option<String>,
    /// Whether they work for the tenant.
    pub member: bool,
    /// Whether they also work for another tenant.
    pub elsewhere: bool,
}

pub async fn standing(tx: &mut Tx, staff: StaffUserId, tenant: TenantId) -> Result<Standing> {
    let (role,): (String,) = tx
        .fetch_one(Sql::new("SELECT role FROM staff_users WHERE id = $1").arg(staff))
        .await?;
    let rows: Vec<(i64, Option<String>)> = tx
        .fetch_all(
            Sql::new(
                "SELECT tenant_id, external_id FROM staff_user_tenants WHERE staff_user_id = $1",
            )
            .arg(staff),
        )
        .await?;
    let mine = rows.iter().find(|(t, _)| *t == tenant.0);
    Ok(Standing {
        role,
        external_id: mine.and_then(|(_, e)| e.clone()),
        member: mine.is_some(),
        elsewhere: rows.iter().any(|(t, _)| *t != tenant.0),
    })
}

/// A new staff member without password (they set one after an
/// invitation or a reset), working for the tenant under `ext`.
pub async fn insert(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    v: &StaffValues<'_>,
    at: DateTime<Utc>,
) -> Result<StaffUserId> {
    let id = StaffUserId(
        tx.insert_returning_id(
            Sql::new(
                "INSERT INTO staff_users (email, name, role, phone, language, password_hash, \
                 active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $7)",
            )
            .arg(normalize_email(v.email))
            .arg(v.name)
            .arg(v.role)
            .arg(v.phone)
            .arg(v.language)
            .arg(v.active)
            .arg(at),
        )
        .await?,
    );
    register_identity(tx, v.email, UserRef::Staff(id)).await?;
    link(tx, id, tenant, ext).await?;
    Ok(id)
}

/// Makes the staff member work for the tenant under `ext`.
pub async fn link(tx: &mut Tx, staff: StaffUserId, tenant: TenantId, ext: &str) -> Result<()> {
    let updated = tx
        .execute(
            Sql::new(
                "UPDATE staff_user_tenants SET external_id = $1 \
                 WHERE staff_user_id = $2 AND tenant_id = $3",
            )
            .arg(ext)
            .arg(staff)
            .arg(tenant),
        )
        .await?;
    if updated == 0 {
        tx.execute(
            Sql::new(
                "INSERT INTO staff_user_tenants (staff_user_id, tenant_id, external_id) \
                 VALUES ($1, $2, $3)",
            )
            .arg(staff)
            .arg(tenant)
            .arg(ext),
        )
        .await?;
    }
    Ok(())
}

/// Overwrites the staff member's details; a new e-mail moves their login
/// identity along (the caller made sure it is free).
pub async fn update(
    tx: &mut Tx,
    staff: StaffUserId,
    v: &StaffValues<'_>,
    at: DateTime<Utc>,
) -> Result<()> {
    let email = normalize_email(v.email);
    tx.execute(
        Sql::new(
            "UPDATE staff_users SET email = $1, name = $2, role = $3, phone = $4, language = $5, \
             active = $6, updated_at = $7 WHERE id = $8",
        )
        .arg(&email)
        .arg(v.name)
        .arg(v.role)
        .arg(v.phone)
        .arg(v.language)
        .arg(v.active)
        .arg(at)
        .arg(staff),
    )
    .await?;
    tx.execute(
        Sql::new("UPDATE login_identities SET email = $1 WHERE staff_user_id = $2")
            .arg(&email)
            .arg(staff),
    )
    .await?;
    Ok(())
}

/// Ends the staff member's work for the tenant; one who then works for no
/// tenant is deactivated (cannot sign in). Their id, or `None` when the
/// tenant knows no one under `ext`.
pub async fn delete(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    at: DateTime<Utc>,
) -> Result<Option<StaffUserId>> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            Sql::new(
                "DELETE FROM staff_user_tenants WHERE tenant_id = $1 AND external_id = $2 \
                 RETURNING staff_user_id",
            )
            .arg(tenant)
            .arg(ext),
        )
        .await?;
    let Some((id,)) = row else {
        return Ok(None);
    };
    tx.execute(
        Sql::new(
            "UPDATE staff_users SET active = FALSE, updated_at = $1 WHERE id = $2 \
             AND role <> 'admin' AND NOT EXISTS \
             (SELECT 1 FROM staff_user_tenants st WHERE st.staff_user_id = $2)",
        )
        .arg(at)
        .arg(id),
    )
    .await?;
    Ok(Some(StaffUserId(id)))
}

/// An audit entry for a change the API made to a staff member (the
/// token, not a person, was the actor).
pub async fn audit(
    tx: &mut Tx,
    action: &str,
    staff: StaffUserId,
    details: &serde_json::Value,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        Sql::new(
            "INSERT INTO audit_entries (action, target_kind, target_id, details, created_at) \
             VALUES ($1, 'staff_user', $2, $3, $4)",
        )
        .arg(action)
        .arg(staff)
        .arg(details.to_string())
        .arg(at),
    )
    .await?;
    Ok(())
}
