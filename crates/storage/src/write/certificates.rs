//! Transport certificates issued under an open cover.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{ContractId, PortalUserId};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

#[derive(Debug, Clone)]
pub struct NewCertificate {
    pub contract_id: ContractId,
    /// Unique across all certificates.
    pub number: String,
    pub insured_name: String,
    pub from_place: String,
    pub to_place: String,
    pub goods: String,
    pub value_minor: i64,
    pub currency: String,
    pub conveyance: String,
    pub shipment_date: NaiveDate,
    pub created_by_portal_user_id: Option<PortalUserId>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, c: &NewCertificate) -> Result<i64> {
    let sql = Sql::new(
        "INSERT INTO transport_certificates (contract_id, number, insured_name, from_place, \
         to_place, goods, value_minor, currency, conveyance, shipment_date, \
         created_by_portal_user_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
    )
    .arg(c.contract_id)
    .arg(&c.number)
    .arg(&c.insured_name)
    .arg(&c.from_place)
    .arg(&c.to_place)
    .arg(&c.goods)
    .arg(c.value_minor)
    .arg(&c.currency)
    .arg(&c.conveyance)
    .arg(c.shipment_date)
    .arg(c.created_by_portal_user_id)
    .arg(c.created_at);
    tx.insert_returning_id(sql).await
}
