//! Organizations as staff manage them (D3, D4): the list with search and
//! paging, one organization, its settings guarded by the `updated_at` the
//! form was opened with, and its logo. A staff member sees the
//! organizations with a customer in their scope, and those without any
//! customer yet that their tenant made (or the back office of their tenant
//! sent); an administrator without tenants sees every one. Any other
//! organization is not found. The customers and contacts of an
//! organization are [`crate::organization_members`].

use chrono::{DateTime, Utc};
use kp_domain::{CustomerSet, OrganizationId, PermissionProfileId, Scope, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::scope_sql::Scoped;

/// The kind of an organization made in the portal for one login shared
/// by several private customers.
pub const HOUSEHOLD: &str = "household";
/// The kind of a company group (the default).
pub const GROUP: &str = "group";

/// One organization as the staff pages show it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OrganizationRow {
    pub id: i64,
    pub name: String,
    /// `household`, `group`, or the back office's free text.
    pub kind: String,
    pub profile_currency: String,
    pub require_two_factor: bool,
    pub default_profile_id: Option<i64>,
    pub logo_storage_key: Option<String>,
    /// Set when the back office manages it through the sync API.
    pub external_id: Option<String>,
    /// Its customers in the staff member's scope.
    pub customers: i64,
    /// Its portal users.
    pub users: i64,
    pub updated_at: DateTime<Utc>,
}

/// What the settings form changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationData {
    pub name: String,
    pub kind: String,
    pub profile_currency: String,
    pub require_two_factor: bool,
    pub default_profile_id: Option<PermissionProfileId>,
}

/// The tenants a staff scope stands for; `None`: every tenant.
pub(crate) fn tenants_of(scope: &Scope) -> Option<Vec<TenantId>> {
    match &scope.customers {
        CustomerSet::All => None,
        CustomerSet::Tenants(t) => Some(t.clone()),
        // Portal users administer no organization.
        _ => Some(Vec::new()),
    }
}

/// Adds "the organization `o` is visible in the staff scope" for the
/// scope's `tenants` (see [`tenants_of`]).
pub(crate) fn visible(q: &mut Scoped<'_>, tenants: Option<&[TenantId]>) {
    q.push("o.deleted_at IS NULL");
    let Some(tenants) = tenants else {
        return;
    };
    q.push(" AND (EXISTS (SELECT 1 FROM customers vc WHERE vc.organization_id = o.id AND ")
        .customer("vc.id")
        .push(")");
    if !tenants.is_empty() {
        q.push(
            " OR (NOT EXISTS (SELECT 1 FROM customers ve WHERE ve.organization_id = o.id) \
             AND COALESCE(o.created_by_tenant_id, o.tenant_id) IN ",
        )
        .bind_list(tenants.iter().copied())
        .push(")");
    }
    q.push(")");
}

fn select(q: &mut Scoped<'_>, scope: &Scope) {
    q.push(
        "SELECT o.id, o.name, o.kind, o.profile_currency, o.require_two_factor, \
         o.default_profile_id, o.logo_storage_key, o.external_id, \
         (SELECT COUNT(*) FROM customers cc WHERE cc.organization_id = o.id AND ",
    )
    .customer("cc.id")
    .push(
        ") AS customers, \
         (SELECT COUNT(*) FROM portal_users pu WHERE pu.organization_id = o.id) AS users, \
         o.updated_at FROM organizations o WHERE ",
    );
    visible(q, tenants_of(scope).as_deref());
}

fn search(q: &mut Scoped<'_>, text: &str) {
    let text = text.trim();
    if !text.is_empty() {
        let pattern = format!("%{}%", crate::lists::escape_like(&text.to_lowercase()));
        q.push(" AND LOWER(o.name) LIKE ")
            .bind(pattern)
            .push(" ESCAPE '\\'");
    }
}

/// One page of the organizations of the scope whose name contains
/// `text`, by name.
pub async fn list(
    db: &Db,
    scope: &Scope,
    text: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<OrganizationRow>> {
    let mut q = Scoped::new(scope);
    select(&mut q, scope);
    search(&mut q, text);
    q.push(" ORDER BY o.name, o.id LIMIT ")
        .bind(limit)
        .push(" OFFSET ")
        .bind(offset);
    db.fetch_all(q.finish()?).await
}

/// How many organizations [`list`] pages through.
pub async fn count(db: &Db, scope: &Scope, text: &str) -> Result<i64> {
    let mut q = Scoped::new(scope);
    q.push("SELECT COUNT(*) FROM organizations o WHERE ");
    visible(&mut q, tenants_of(scope).as_deref());
    search(&mut q, text);
    let (n,): (i64,) = db.fetch_one(q.finish()?).await?;
    Ok(n)
}

fn one(scope: &Scope, id: OrganizationId) -> Result<Sql> {
    let mut q = Scoped::new(scope);
    select(&mut q, scope);
    q.push(" AND o.id = ").bind(id);
    q.finish()
}

/// The organization, when visible in the scope.
pub async fn get(db: &Db, scope: &Scope, id: OrganizationId) -> Result<Option<OrganizationRow>> {
    db.fetch_optional(one(scope, id)?).await
}

/// [`get`] in the transaction of a change.
pub async fn get_in(
    tx: &mut Tx,
    scope: &Scope,
    id: OrganizationId,
) -> Result<Option<OrganizationRow>> {
    tx.fetch_optional(one(scope, id)?).await
}

/// Inserts an organization made by a staff member of `tenant` (`None`:
/// an administrator of every tenant).
pub async fn insert(
    tx: &mut Tx,
    data: &OrganizationData,
    tenant: Option<TenantId>,
    now: DateTime<Utc>,
) -> Result<OrganizationId> {
    let sql = Sql::new(
        "INSERT INTO organizations (name, kind, profile_currency, require_two_factor, \
         default_profile_id, created_by_tenant_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .arg(&data.name)
    .arg(&data.kind)
    .arg(&data.profile_currency)
    .arg(data.require_two_factor)
    .arg(data.default_profile_id)
    .arg(tenant)
    .arg(now);
    Ok(OrganizationId(tx.insert_returning_id(sql).await?))
}

/// Saves the settings when the row still has `seen`; `false` when it
/// changed meanwhile.
pub async fn update(
    tx: &mut Tx,
    id: OrganizationId,
    seen: DateTime<Utc>,
    data: &OrganizationData,
    now: DateTime<Utc>,
) -> Result<bool> {
    let sql = Sql::new(
        "UPDATE organizations SET name = $1, kind = $2, profile_currency = $3, \
         require_two_factor = $4, default_profile_id = $5, updated_at = $6 \
         WHERE id = $7 AND updated_at = $8",
    )
    .arg(&data.name)
    .arg(&data.kind)
    .arg(&data.profile_currency)
    .arg(data.require_two_factor)
    .arg(data.default_profile_id)
    .arg(now)
    .arg(id)
    .arg(seen);
    Ok(tx.execute(sql).await? == 1)
}

/// Replaces (or with `None` removes) the logo's blob key.
pub async fn set_logo(
    tx: &mut Tx,
    id: OrganizationId,
    key: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        Sql::new("UPDATE organizations SET logo_storage_key = $1, updated_at = $2 WHERE id = $3")
            .arg(key.map(str::to_owned))
            .arg(now)
            .arg(id),
    )
    .await?;
    Ok(())
}

/// Whether `profile` is broker-wide or one of the organization's (the
/// profiles its users may get).
pub async fn profile_fits(
    tx: &mut Tx,
    id: OrganizationId,
    profile: PermissionProfileId,
) -> Result<bool> {
    let (n,): (i64,) = tx
        .fetch_one(
            Sql::new(
                "SELECT COUNT(*) FROM permission_profiles WHERE id = $1 \
                 AND (organization_id IS NULL OR organization_id = $2)",
            )
            .arg(profile)
            .arg(id),
        )
        .await?;
    Ok(n == 1)
}

/// The profile a new user of the organization gets when created without
/// one; read in the transaction that creates the user.
pub async fn default_profile(
    tx: &mut Tx,
    id: OrganizationId,
) -> Result<Option<PermissionProfileId>> {
    let row: Option<(Option<i64>,)> = tx.fetch_optional(default_profile_sql(id)).await?;
    Ok(row.and_then(|(p,)| p).map(PermissionProfileId))
}

/// [`default_profile`] outside a transaction (the forms that offer it).
pub async fn default_profile_of(
    db: &Db,
    id: OrganizationId,
) -> Result<Option<PermissionProfileId>> {
    let row: Option<(Option<i64>,)> = db.fetch_optional(default_profile_sql(id)).await?;
    Ok(row.and_then(|(p,)| p).map(PermissionProfileId))
}

fn default_profile_sql(id: OrganizationId) -> Sql {
    Sql::new("SELECT default_profile_id FROM organizations WHERE id = $1").arg(id)
}
