//! Insurers (Versicherer) the broker places contracts with.

use chrono::{DateTime, Utc};
use kp_domain::InsurerId;

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

#[derive(Debug, Clone, Default)]
pub struct NewInsurer {
    pub name: String,
    pub short_name: String,
    pub bafin_number: String,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, i: &NewInsurer) -> Result<InsurerId> {
    let sql = Sql::new(
        "INSERT INTO insurers (name, short_name, bafin_number, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4)",
    )
    .arg(&i.name)
    .arg(&i.short_name)
    .arg(&i.bafin_number)
    .arg(i.created_at);
    Ok(InsurerId(tx.insert_returning_id(sql).await?))
}
