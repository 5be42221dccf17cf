//! Organizations: groups of customers across tenants (an industrial group).

use chrono::{DateTime, Utc};
use kp_domain::OrganizationId;

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

#[derive(Debug, Clone)]
pub struct NewOrganization {
    pub name: String,
    pub logo_storage_key: Option<String>,
    /// The currency amounts are converted into for the group's overviews.
    pub profile_currency: String,
    pub require_two_factor: bool,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, o: &NewOrganization) -> Result<OrganizationId> {
    let sql = Sql::new(
        "INSERT INTO organizations (name, logo_storage_key, profile_currency, require_two_factor, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .arg(&o.name)
    .arg(o.logo_storage_key.clone())
    .arg(&o.profile_currency)
    .arg(o.require_two_factor)
    .arg(o.created_at);
    Ok(OrganizationId(tx.insert_returning_id(sql).await?))
}
