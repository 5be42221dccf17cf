//! Tenant (Mandant) master data.

use crate::Result;
use crate::args::Sql;
use crate::db::Db;

#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct TenantContact {
    pub name: String,
    pub legal_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub phone: String,
    pub email: String,
}

/// The contact of the first tenant, which the imprint names.
pub async fn first_contact(db: &Db) -> Result<Option<TenantContact>> {
    db.fetch_optional(Sql::new(
        "SELECT name, legal_name, street, postal_code, city, phone, email FROM tenants ORDER BY id LIMIT 1",
    ))
    .await
}

/// A tenant as the command line lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct TenantRow {
    pub id: i64,
    pub key: String,
    pub name: String,
}

/// Every tenant, by key.
pub async fn list(db: &Db) -> Result<Vec<TenantRow>> {
    db.fetch_all(Sql::new(
        "SELECT id, COALESCE(tenant_key, '') AS key, name FROM tenants ORDER BY tenant_key, id",
    ))
    .await
}

/// The tenant with `key`, if there is one.
pub async fn by_key(db: &Db, key: &str) -> Result<Option<TenantRow>> {
    db.fetch_optional(
        Sql::new("SELECT id, tenant_key AS key, name FROM tenants WHERE tenant_key = $1").arg(key),
    )
    .await
}

/// A tenant's name, if the tenant exists.
pub async fn name(db: &Db, id: kp_domain::TenantId) -> Result<Option<String>> {
    let row: Option<(String,)> = db
        .fetch_optional(Sql::new("SELECT name FROM tenants WHERE id = $1").arg(id))
        .await?;
    Ok(row.map(|(n,)| n))
}

/// The first tenant's id: visitors see its legal pages.
pub async fn first_id(db: &Db) -> Result<Option<kp_domain::TenantId>> {
    let row: Option<(i64,)> = db
        .fetch_optional(Sql::new("SELECT id FROM tenants ORDER BY id LIMIT 1"))
        .await?;
    Ok(row.map(|(id,)| kp_domain::TenantId(id)))
}

/// A tenant's contact, which its imprint names.
pub async fn contact(db: &Db, id: kp_domain::TenantId) -> Result<Option<TenantContact>> {
    db.fetch_optional(
        Sql::new(
            "SELECT name, legal_name, street, postal_code, city, phone, email FROM tenants WHERE id = $1",
        )
        .arg(id),
    )
    .await
}
