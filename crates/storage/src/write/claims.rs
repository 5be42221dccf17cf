//! Claims (Schäden) and their status history.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{ClaimId, ClaimStatus, ContractId, ObjectId, StaffUserId};

use crate::args::Sql;
use crate::db::Tx;
use crate::{Result, StorageError};

#[derive(Debug, Clone)]
pub struct NewClaim {
    /// The tenant is the contract's.
    pub contract_id: ContractId,
    /// An object of the same contract; another contract's object is
    /// refused ([`crate::StorageError::Inconsistent`]).
    pub object_id: Option<ObjectId>,
    pub external_id: String,
    pub broker_claim_number: String,
    pub insurer_claim_number: String,
    pub date_of_loss: NaiveDate,
    pub reported_on: NaiveDate,
    pub claim_type: String,
    pub cause: String,
    pub place: String,
    pub description: String,
    pub status: ClaimStatus,
    pub reserve_minor: i64,
    pub paid_minor: i64,
    pub currency: String,
    pub handler_id: Option<StaffUserId>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, c: &NewClaim) -> Result<ClaimId> {
    // Checked in the caller's transaction, before the insert.
    if let Some(object) = c.object_id {
        let owner: Option<(i64,)> = tx
            .fetch_optional(
                Sql::new("SELECT contract_id FROM insured_objects WHERE id = $1").arg(object),
            )
            .await?;
        if owner.is_some_and(|(k,)| k != c.contract_id.0) {
            return Err(StorageError::Inconsistent(
                "the claim's object belongs to another contract",
            ));
        }
    }
    let sql = Sql::new(
        "INSERT INTO claims (tenant_id, contract_id, object_id, external_id, broker_claim_number, \
         insurer_claim_number, date_of_loss, reported_on, claim_type, cause, place, description, \
         status, reserve_minor, paid_minor, currency, handler_id, created_at, updated_at) \
         SELECT k.tenant_id, k.id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
         $16, $17, $17 FROM contracts k WHERE k.id = $1",
    )
    .arg(c.contract_id)
    .arg(c.object_id)
    .arg(&c.external_id)
    .arg(&c.broker_claim_number)
    .arg(&c.insurer_claim_number)
    .arg(c.date_of_loss)
    .arg(c.reported_on)
    .arg(&c.claim_type)
    .arg(&c.cause)
    .arg(&c.place)
    .arg(&c.description)
    .arg(c.status)
    .arg(c.reserve_minor)
    .arg(c.paid_minor)
    .arg(&c.currency)
    .arg(c.handler_id)
    .arg(c.created_at);
    Ok(ClaimId(super::insert_from_parent(tx, sql).await?))
}

#[derive(Debug, Clone)]
pub struct NewClaimStatus {
    pub claim_id: ClaimId,
    pub status: ClaimStatus,
    pub note: String,
    pub changed_at: DateTime<Utc>,
}

/// Appends one entry to a claim's status history (the claim row keeps the
/// current status; callers update both together).
pub async fn add_status(tx: &mut Tx, s: &NewClaimStatus) -> Result<i64> {
    let sql = Sql::new(
        "INSERT INTO claim_status_history (claim_id, status, note, changed_at) VALUES ($1, $2, $3, $4)",
    )
    .arg(s.claim_id)
    .arg(s.status)
    .arg(&s.note)
    .arg(s.changed_at);
    tx.insert_returning_id(sql).await
}
