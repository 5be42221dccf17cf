//! The customers an organization bundles, its portal users (the logins of
//! a household) and its contacts at the broker. Every customer is read and
//! changed through the staff member's scope: a customer of another tenant
//! is not found, and one a colleague of another tenant added stays.

use chrono::{DateTime, Utc};
use kp_domain::{CustomerId, OrganizationId, Scope, StaffUserId, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::scope_sql::Scoped;

/// A customer as the organization page lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct MemberRow {
    pub id: i64,
    pub external_id: String,
    pub name: String,
    pub kind: String,
    pub tenant: String,
    /// The organization it belongs to now, if any.
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
}

const MEMBER_COLUMNS: &str = "SELECT cu.id, cu.external_id, cu.display_name AS name, cu.kind, \
     t.name AS tenant, cu.organization_id, o.name AS organization_name \
     FROM customers cu JOIN tenants t ON t.id = cu.tenant_id \
     LEFT JOIN organizations o ON o.id = cu.organization_id WHERE ";

/// The organization's customers in the scope, by name.
pub async fn customers(db: &Db, scope: &Scope, id: OrganizationId) -> Result<Vec<MemberRow>> {
    let mut q = Scoped::new(scope);
    q.push(MEMBER_COLUMNS)
        .push("cu.organization_id = ")
        .bind(id)
        .push(" AND ")
        .customer("cu.id")
        .push(" ORDER BY cu.display_name, cu.id");
    db.fetch_all(q.finish()?).await
}

/// The customers of the scope whose name or customer number contains
/// `text` (case-insensitive, `%`/`_` literal), at most `limit`.
pub async fn search(db: &Db, scope: &Scope, text: &str, limit: i64) -> Result<Vec<MemberRow>> {
    let pattern = format!(
        "%{}%",
        crate::lists::escape_like(&text.trim().to_lowercase())
    );
    let mut q = Scoped::new(scope);
    q.push(MEMBER_COLUMNS)
        .push("(LOWER(cu.display_name) LIKE ")
        .bind(pattern.clone())
        .push(" ESCAPE '\\' OR LOWER(cu.external_id) LIKE ")
        .bind(pattern)
        .push(" ESCAPE '\\') AND ")
        .customer("cu.id")
        .push(" ORDER BY cu.display_name, cu.id LIMIT ")
        .bind(limit);
    db.fetch_all(q.finish()?).await
}

/// One customer of the scope, read in the transaction of a change;
/// `None` outside it.
pub async fn customer_in(tx: &mut Tx, scope: &Scope, id: CustomerId) -> Result<Option<MemberRow>> {
    let mut q = Scoped::new(scope);
    q.push(MEMBER_COLUMNS)
        .push("cu.id = ")
        .bind(id)
        .push(" AND ")
        .customer("cu.id");
    tx.fetch_optional(q.finish()?).await
}

/// Puts the customer into the organization (`None`: out of any), when it
/// still belongs to `from`; `false` when that changed meanwhile.
pub async fn set_organization(
    tx: &mut Tx,
    customer: CustomerId,
    from: Option<OrganizationId>,
    to: Option<OrganizationId>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let mut q =
        Sql::new("UPDATE customers SET organization_id = $1, updated_at = $2 WHERE id = $3")
            .arg(to)
            .arg(now)
            .arg(customer);
    match from {
        Some(org) => q.push(" AND organization_id = ").bind(org),
        None => q.push(" AND organization_id IS NULL"),
    };
    Ok(tx.execute(q).await? == 1)
}

/// Marks the organization changed, so that a settings form opened before
/// a change to its customers is refused as stale.
pub async fn touch(tx: &mut Tx, id: OrganizationId, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        Sql::new("UPDATE organizations SET updated_at = $1 WHERE id = $2")
            .arg(now)
            .arg(id),
    )
    .await?;
    Ok(())
}

/// A portal user of the organization (a household's login).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LoginRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub status: String,
    pub scope_customers_set: bool,
    pub updated_at: DateTime<Utc>,
}

/// The organization's portal users, by name.
pub async fn logins(db: &Db, id: OrganizationId) -> Result<Vec<LoginRow>> {
    db.fetch_all(
        Sql::new(
            "SELECT id, name, email, status, COALESCE(scope_customers_set, FALSE) AS \
             scope_customers_set, updated_at FROM portal_users WHERE organization_id = $1 \
             ORDER BY name, id",
        )
        .arg(id),
    )
    .await
}

/// The customers in the users' lists, as (user, customer) pairs.
pub async fn login_customers(db: &Db, id: OrganizationId) -> Result<Vec<(i64, i64)>> {
    db.fetch_all(
        Sql::new(
            "SELECT sc.portal_user_id, sc.customer_id FROM portal_user_scope_customers sc \
             JOIN portal_users pu ON pu.id = sc.portal_user_id WHERE pu.organization_id = $1",
        )
        .arg(id),
    )
    .await
}

/// A contact at the broker of the organization.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ContactRow {
    pub staff_user_id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub role: String,
}

/// The organization's contacts who are active, in the order added.
pub async fn contacts(db: &Db, id: OrganizationId) -> Result<Vec<ContactRow>> {
    db.fetch_all(
        Sql::new(
            "SELECT oc.staff_user_id, s.name, s.email, s.phone, oc.role \
             FROM organization_contacts oc JOIN staff_users s ON s.id = oc.staff_user_id \
             WHERE oc.organization_id = $1 AND s.active ORDER BY oc.position, s.name",
        )
        .arg(id),
    )
    .await
}

/// Whether the staff user works for one of `tenants` (`None`: any staff
/// user).
pub async fn staff_in_tenants(
    tx: &mut Tx,
    staff: StaffUserId,
    tenants: Option<&[TenantId]>,
) -> Result<bool> {
    let mut q = Sql::new("SELECT COUNT(*) FROM staff_users su WHERE su.active AND su.id = ");
    q.bind(staff);
    if let Some(tenants) = tenants {
        if tenants.is_empty() {
            return Ok(false);
        }
        q.push(
            " AND EXISTS (SELECT 1 FROM staff_user_tenants st WHERE st.staff_user_id = su.id \
             AND st.tenant_id IN ",
        )
        .bind_list(tenants.iter().copied())
        .push(")");
    }
    let (n,): (i64,) = tx.fetch_one(q).await?;
    Ok(n == 1)
}

/// Adds the contact, or changes the role of one already there.
pub async fn put_contact(
    tx: &mut Tx,
    id: OrganizationId,
    staff: StaffUserId,
    role: &str,
) -> Result<()> {
    let changed = tx
        .execute(
            Sql::new(
                "UPDATE organization_contacts SET role = $1 \
                 WHERE organization_id = $2 AND staff_user_id = $3",
            )
            .arg(role)
            .arg(id)
            .arg(staff),
        )
        .await?;
    if changed == 0 {
        tx.execute(
            Sql::new(
                "INSERT INTO organization_contacts (organization_id, staff_user_id, role, position) \
                 SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1 FROM organization_contacts \
                 WHERE organization_id = $1",
            )
            .arg(id)
            .arg(staff)
            .arg(role),
        )
        .await?;
    }
    Ok(())
}

/// Removes the contact; `false` when it was not one.
pub async fn remove_contact(tx: &mut Tx, id: OrganizationId, staff: StaffUserId) -> Result<bool> {
    Ok(tx
        .execute(
            Sql::new(
                "DELETE FROM organization_contacts WHERE organization_id = $1 AND staff_user_id = $2",
            )
            .arg(id)
            .arg(staff),
        )
        .await?
        == 1)
}

/// The contacts of the organization of the portal user whose scope this
/// is; empty for anyone else.
pub async fn of_organization(db: &Db, scope: &Scope) -> Result<Vec<ContactRow>> {
    match &scope.customers {
        kp_domain::CustomerSet::Organization(id) => contacts(db, *id).await,
        _ => Ok(Vec::new()),
    }
}
