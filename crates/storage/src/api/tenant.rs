//! The token's own tenant through the sync API: read and update its name
//! and contact. Tenants are created on the command line only.

use chrono::{DateTime, Utc};
use kp_domain::TenantId;

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TenantRow {
    pub tenant_key: String,
    pub name: String,
    pub legal_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub phone: String,
    pub email: String,
    pub office_hours: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What an update writes.
#[derive(Debug, Clone)]
pub struct TenantValues<'a> {
    pub name: &'a str,
    pub legal_name: &'a str,
    pub street: &'a str,
    pub postal_code: &'a str,
    pub city: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    pub office_hours: &'a str,
}

fn select(tenant: TenantId) -> Sql {
    Sql::new(
        "SELECT COALESCE(tenant_key, '') AS tenant_key, name, legal_name, street, postal_code, \
         city, phone, email, office_hours, created_at, updated_at FROM tenants WHERE id = $1",
    )
    .arg(tenant)
}

pub async fn get(db: &Db, tenant: TenantId) -> Result<Option<TenantRow>> {
    db.fetch_optional(select(tenant)).await
}

pub async fn get_in(tx: &mut Tx, tenant: TenantId) -> Result<Option<TenantRow>> {
    tx.fetch_optional(select(tenant)).await
}

pub async fn update(
    tx: &mut Tx,
    tenant: TenantId,
    v: &TenantValues<'_>,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        Sql::new(
            "UPDATE tenants SET name = $1, legal_name = $2, street = $3, postal_code = $4, \
             city = $5, phone = $6, email = $7, office_hours = $8, updated_at = $9 WHERE id = $10",
        )
        .arg(v.name)
        .arg(v.legal_name)
        .arg(v.street)
        .arg(v.postal_code)
        .arg(v.city)
        .arg(v.phone)
        .arg(v.email)
        .arg(v.office_hours)
        .arg(at)
        .arg(tenant),
    )
    .await?;
    Ok(())
}
