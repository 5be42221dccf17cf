//! Tenants (Mandanten) of the broker.

use chrono::{DateTime, Utc};
use kp_domain::TenantId;

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

#[derive(Debug, Clone, Default)]
pub struct NewTenant {
    /// The short key scripts name the tenant by; empty: `t` and the id.
    pub key: String,
    pub name: String,
    pub legal_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub phone: String,
    pub email: String,
    pub office_hours: String,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, t: &NewTenant) -> Result<TenantId> {
    let sql = Sql::new(
        "INSERT INTO tenants (name, legal_name, street, postal_code, city, phone, email, \
         office_hours, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
    )
    .arg(&t.name)
    .arg(&t.legal_name)
    .arg(&t.street)
    .arg(&t.postal_code)
    .arg(&t.city)
    .arg(&t.phone)
    .arg(&t.email)
    .arg(&t.office_hours)
    .arg(t.created_at);
    let id = tx.insert_returning_id(sql).await?;
    let key = if t.key.is_empty() {
        format!("t{id}")
    } else {
        t.key.clone()
    };
    tx.execute(
        Sql::new("UPDATE tenants SET tenant_key = $1 WHERE id = $2")
            .arg(key)
            .arg(id),
    )
    .await?;
    Ok(TenantId(id))
}
