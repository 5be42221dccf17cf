//! Reads of one insured object for its page: the object with its contract
//! and the claims on it, as far as the scope shows them.

use chrono::{DateTime, Utc};
use kp_domain::{ObjectId, Scope};

use crate::Result;
use crate::contracts::ClaimRow;
use crate::db::Db;
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ObjectDetail {
    pub id: i64,
    pub external_id: String,
    pub contract_id: i64,
    pub policy_number: String,
    pub line_of_business: String,
    pub kind: String,
    pub description: String,
    pub site: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub plate: String,
    /// A vehicle's VIN; for machines the serial number, where the back
    /// office sends one (the schema has no column of its own for it).
    pub vin: String,
    pub manufacturer: String,
    pub model: String,
    pub construction_year: Option<i32>,
    pub value_minor: Option<i64>,
    pub currency: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An object and its visible claims (newest loss first); `None` when the
/// object does not exist or lies outside the scope.
pub async fn detail(
    db: &Db,
    scope: &Scope,
    id: ObjectId,
) -> Result<Option<(ObjectDetail, Vec<ClaimRow>)>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT o.id, o.external_id, o.contract_id, k.policy_number, k.line_of_business, o.kind, \
         o.description, o.site, o.street, o.postal_code, o.city, o.country, o.plate, o.vin, \
         o.manufacturer, o.model, o.construction_year, o.value_minor, o.currency, o.created_at, \
         o.updated_at FROM insured_objects o JOIN contracts k ON k.id = o.contract_id \
         WHERE o.id = ",
    )
    .bind(id)
    .push(" AND ")
    .object("o")
    .push(" AND ")
    .contract("k");
    let Some(object) = db.fetch_optional::<ObjectDetail>(q.finish()?).await? else {
        return Ok(None);
    };
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT c.id, c.broker_claim_number, c.date_of_loss, c.claim_type, c.status, c.object_id \
         FROM claims c WHERE c.object_id = ",
    )
    .bind(id)
    .push(" AND ")
    .claim("c")
    .push(" ORDER BY c.date_of_loss DESC, c.id DESC");
    let claims = db.fetch_all(q.finish()?).await?;
    Ok(Some((object, claims)))
}
