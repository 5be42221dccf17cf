//! Permission profiles: which menu areas, functions and fields a portal
//! user gets. The lists are stored as JSON arrays of keys.

use chrono::{DateTime, Utc};
use kp_domain::{OrganizationId, PermissionProfileId};

use crate::args::Sql;
use crate::db::Tx;
use crate::{Result, StorageError};

#[derive(Debug, Clone)]
pub struct NewPermissionProfile {
    /// `None` for a broker-wide profile.
    pub organization_id: Option<OrganizationId>,
    pub name: String,
    pub menu_areas: Vec<String>,
    pub functions: Vec<String>,
    pub hidden_fields: Vec<String>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, p: &NewPermissionProfile) -> Result<PermissionProfileId> {
    let sql = Sql::new(
        "INSERT INTO permission_profiles (organization_id, name, menu_areas, functions, \
         hidden_fields, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .arg(p.organization_id)
    .arg(&p.name)
    .arg(json_list(&p.menu_areas)?)
    .arg(json_list(&p.functions)?)
    .arg(json_list(&p.hidden_fields)?)
    .arg(p.created_at);
    Ok(PermissionProfileId(tx.insert_returning_id(sql).await?))
}

fn json_list(items: &[String]) -> Result<String> {
    serde_json::to_string(items).map_err(|e| StorageError::Corrupt(e.to_string()))
}
