//! Insured objects / risks of a contract.

use chrono::{DateTime, Utc};
use kp_domain::{ContractId, ObjectId, ObjectKind};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

#[derive(Debug, Clone)]
pub struct NewObject {
    /// The tenant is the contract's.
    pub contract_id: ContractId,
    pub external_id: String,
    pub kind: ObjectKind,
    pub description: String,
    /// The site (Standort) the object belongs to, e.g. "Werk Augsburg".
    pub site: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub plate: String,
    pub vin: String,
    pub manufacturer: String,
    pub model: String,
    pub construction_year: Option<i32>,
    pub value_minor: Option<i64>,
    pub currency: String,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, o: &NewObject) -> Result<ObjectId> {
    let sql = Sql::new(
        "INSERT INTO insured_objects (tenant_id, contract_id, external_id, kind, description, site, \
         street, postal_code, city, country, plate, vin, manufacturer, model, construction_year, \
         value_minor, currency, created_at, updated_at) \
         SELECT k.tenant_id, k.id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
         $16, $17, $17 FROM contracts k WHERE k.id = $1",
    )
    .arg(o.contract_id)
    .arg(&o.external_id)
    .arg(o.kind)
    .arg(&o.description)
    .arg(&o.site)
    .arg(&o.street)
    .arg(&o.postal_code)
    .arg(&o.city)
    .arg(&o.country)
    .arg(&o.plate)
    .arg(&o.vin)
    .arg(&o.manufacturer)
    .arg(&o.model)
    .arg(o.construction_year)
    .arg(o.value_minor)
    .arg(&o.currency)
    .arg(o.created_at);
    Ok(ObjectId(super::insert_from_parent(tx, sql).await?))
}
