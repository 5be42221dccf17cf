//! Staff-side reads for inviting portal users: the customers and
//! organizations a staff member may invite for, and the portal users they
//! may see with their state. All through the staff member's scope: a
//! customer outside it is not found, an organization counts as visible
//! when one of its customers is.

use chrono::{DateTime, Utc};
use kp_domain::{CustomerId, OrganizationId, PortalUserId, Scope};

use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

/// The customers with this customer number (external id) in the scope;
/// more than one when tenants share a number.
pub async fn customers_by_number(
    db: &Db,
    scope: &Scope,
    number: &str,
) -> Result<Vec<(CustomerId, String)>> {
    let mut q = Scoped::new(scope);
    q.push("SELECT cu.id, cu.display_name FROM customers cu WHERE cu.external_id = ")
        .bind(number)
        .push(" AND ")
        .customer("cu.id")
        .push(" ORDER BY cu.id");
    let rows: Vec<(i64, String)> = db.fetch_all(q.finish()?).await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (CustomerId(id), name))
        .collect())
}

/// The organizations with at least one customer in the scope, by name.
pub async fn organizations(db: &Db, scope: &Scope) -> Result<Vec<(OrganizationId, String)>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT o.id, o.name FROM organizations o WHERE EXISTS (SELECT 1 FROM customers cu \
         WHERE cu.organization_id = o.id AND ",
    )
    .customer("cu.id")
    .push(") ORDER BY o.name, o.id");
    let rows: Vec<(i64, String)> = db.fetch_all(q.finish()?).await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (OrganizationId(id), name))
        .collect())
}

/// Whether the organization has a customer in the scope.
pub async fn organization_visible(db: &Db, scope: &Scope, id: OrganizationId) -> Result<bool> {
    let mut q = Scoped::new(scope);
    q.push("SELECT COUNT(*) FROM customers cu WHERE cu.organization_id = ")
        .bind(id)
        .push(" AND ")
        .customer("cu.id");
    let (n,): (i64,) = db.fetch_one(q.finish()?).await?;
    Ok(n > 0)
}

/// A portal user as the staff's list shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PortalUserRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub status: String,
    pub language: String,
    /// The customer's or organization's name.
    pub owner: String,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
    /// The newest invitation link: sent, expires, used.
    pub invited_at: Option<DateTime<Utc>>,
    pub link_expires_at: Option<DateTime<Utc>>,
    pub link_used_at: Option<DateTime<Utc>>,
}

/// Adds "the portal user `pu` belongs to the scope": their customer is in
/// it, or their organization has a customer in it.
pub(crate) fn visible_user(q: &mut Scoped<'_>) {
    q.push("((pu.customer_id IS NOT NULL AND ")
        .customer("pu.customer_id")
        .push(
            ") OR (pu.organization_id IS NOT NULL AND EXISTS (SELECT 1 FROM customers vc \
               WHERE vc.organization_id = pu.organization_id AND ",
        )
        .customer("vc.id")
        .push(")))");
}

const USER_COLUMNS: &str = "pu.id, pu.email, pu.name, pu.status, pu.language, \
     COALESCE(cu.display_name, o.name, '') AS owner, pu.created_at, pu.last_login_at, \
     lt.created_at AS invited_at, lt.expires_at AS link_expires_at, lt.used_at AS link_used_at \
     FROM portal_users pu \
     LEFT JOIN customers cu ON cu.id = pu.customer_id \
     LEFT JOIN organizations o ON o.id = pu.organization_id \
     LEFT JOIN link_tokens lt ON lt.id = (SELECT MAX(l2.id) FROM link_tokens l2 \
       WHERE l2.portal_user_id = pu.id AND l2.purpose = 'activation')";

/// The newest portal users of the scope that were invited (a link was
/// sent), newest first, at most `limit`.
pub async fn invited_users(db: &Db, scope: &Scope, limit: i64) -> Result<Vec<PortalUserRow>> {
    let mut q = Scoped::new(scope);
    q.push("SELECT ")
        .push(USER_COLUMNS)
        .push(" WHERE lt.id IS NOT NULL AND ");
    visible_user(&mut q);
    q.push(" ORDER BY lt.created_at DESC, pu.id DESC LIMIT ")
        .bind(limit);
    db.fetch_all(q.finish()?).await
}

/// One portal user of the scope.
pub async fn portal_user(
    db: &Db,
    scope: &Scope,
    id: PortalUserId,
) -> Result<Option<PortalUserRow>> {
    let mut q = Scoped::new(scope);
    q.push("SELECT ")
        .push(USER_COLUMNS)
        .push(" WHERE pu.id = ")
        .bind(id)
        .push(" AND ");
    visible_user(&mut q);
    db.fetch_optional(q.finish()?).await
}
