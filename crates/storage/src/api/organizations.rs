//! Organizations through the sync API: the tenant's own (made by its back
//! office) by external id, and their members among the tenant's
//! customers. Customers of other tenants in the same organization are
//! neither shown nor changed.

use chrono::{DateTime, Utc};
use kp_domain::TenantId;

use super::{Existing, PageQuery, page};
use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrganizationRow {
    pub id: i64,
    pub external_id: String,
    pub name: String,
    pub kind: String,
    pub profile_currency: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct OrganizationValues<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub profile_currency: &'a str,
}

fn select() -> Sql {
    Sql::new(
        "SELECT g.id, g.external_id, g.name, g.kind, g.profile_currency, g.created_at, \
         g.updated_at FROM organizations g WHERE g.tenant_id = ",
    )
}

fn one(tenant: TenantId, ext: &str) -> Sql {
    let mut sql = select();
    sql.bind(tenant)
        .push(" AND g.deleted_at IS NULL AND g.external_id = ")
        .bind(ext);
    sql
}

pub async fn get(db: &Db, tenant: TenantId, ext: &str) -> Result<Option<OrganizationRow>> {
    db.fetch_optional(one(tenant, ext)).await
}

pub async fn get_in(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<OrganizationRow>> {
    tx.fetch_optional(one(tenant, ext)).await
}

pub async fn list(db: &Db, tenant: TenantId, q: &PageQuery) -> Result<Vec<OrganizationRow>> {
    let mut sql = select();
    sql.bind(tenant);
    page(&mut sql, "g", q);
    db.fetch_all(sql).await
}

/// The organization with `ext`, live or deleted.
pub async fn existing(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<Existing>> {
    let row: Option<(i64, bool)> = tx
        .fetch_optional(
            Sql::new(
                "SELECT id, deleted_at IS NOT NULL FROM organizations \
                 WHERE tenant_id = $1 AND external_id = $2",
            )
            .arg(tenant)
            .arg(ext),
        )
        .await?;
    Ok(row.map(|(id, deleted)| Existing { id, deleted }))
}

pub async fn insert(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    v: &OrganizationValues<'_>,
    at: DateTime<Utc>,
) -> Result<i64> {
    tx.insert_returning_id(
        Sql::new(
            "INSERT INTO organizations (tenant_id, external_id, name, kind, profile_currency, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .arg(tenant)
        .arg(ext)
        .arg(v.name)
        .arg(v.kind)
        .arg(v.profile_currency)
        .arg(at),
    )
    .await
}

/// Overwrites the organization (and undeletes it).
pub async fn update(
    tx: &mut Tx,
    id: i64,
    v: &OrganizationValues<'_>,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        Sql::new(
            "UPDATE organizations SET deleted_at = NULL, name = $1, kind = $2, \
             profile_currency = $3, updated_at = $4 WHERE id = $5",
        )
        .arg(v.name)
        .arg(v.kind)
        .arg(v.profile_currency)
        .arg(at)
        .arg(id),
    )
    .await?;
    Ok(())
}

fn members_sql(organization: i64, tenant: TenantId) -> Sql {
    Sql::new(
        "SELECT external_id FROM customers WHERE organization_id = $1 AND tenant_id = $2 \
         AND deleted_at IS NULL",
    )
    .arg(organization)
    .arg(tenant)
}

/// Sorted here, not by the database, whose collation may differ from the
/// byte order the API compares in.
fn sorted(rows: Vec<(String,)>) -> Vec<String> {
    let mut out: Vec<String> = rows.into_iter().map(|(e,)| e).collect();
    out.sort();
    out
}

/// The external ids of the tenant's live customers in the organization.
pub async fn members(db: &Db, organization: i64, tenant: TenantId) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = db.fetch_all(members_sql(organization, tenant)).await?;
    Ok(sorted(rows))
}

pub async fn members_in(tx: &mut Tx, organization: i64, tenant: TenantId) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = tx.fetch_all(members_sql(organization, tenant)).await?;
    Ok(sorted(rows))
}

/// Makes exactly `customers` the tenant's members of the organization:
/// the tenant's other customers in it leave it; those of other tenants
/// stay.
pub async fn set_members(
    tx: &mut Tx,
    organization: i64,
    tenant: TenantId,
    customers: &[i64],
) -> Result<()> {
    tx.execute(
        Sql::new(
            "UPDATE customers SET organization_id = NULL \
             WHERE organization_id = $1 AND tenant_id = $2",
        )
        .arg(organization)
        .arg(tenant),
    )
    .await?;
    for chunk in customers.chunks(500) {
        let mut sql = Sql::new("UPDATE customers SET organization_id = ");
        sql.bind(organization)
            .push(" WHERE tenant_id = ")
            .bind(tenant)
            .push(" AND id IN ");
        sql.bind_list(chunk.iter().copied());
        tx.execute(sql).await?;
    }
    Ok(())
}

/// Marks the live organization deleted and lets the tenant's customers
/// leave it (its portal users no longer see them); its id, or `None`.
pub async fn delete(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    at: DateTime<Utc>,
) -> Result<Option<i64>> {
    let row = super::soft_delete(tx, "organizations", tenant, ext, at).await?;
    if let Some(id) = row {
        set_members(tx, id, tenant, &[]).await?;
    }
    Ok(row)
}
