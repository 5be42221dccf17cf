//! Reads of one claim for its page: the claim with its contract and, when
//! visible, its object, and the status history. Every statement is scoped.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{ClaimId, Scope};

use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ClaimDetail {
    pub id: i64,
    pub external_id: String,
    pub broker_claim_number: String,
    pub insurer_claim_number: String,
    pub contract_id: i64,
    pub policy_number: String,
    pub line_of_business: String,
    /// Only when the object is visible too.
    pub object_id: Option<i64>,
    pub object_description: Option<String>,
    pub object_kind: Option<String>,
    pub date_of_loss: NaiveDate,
    pub reported_on: NaiveDate,
    pub claim_type: String,
    pub cause: String,
    pub place: String,
    pub description: String,
    pub status: String,
    pub reserve_minor: i64,
    pub paid_minor: i64,
    pub currency: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct StatusChange {
    pub status: String,
    pub note: String,
    pub changed_at: DateTime<Utc>,
}

/// A claim and its status history (oldest first); `None` when the claim
/// does not exist or lies outside the scope.
pub async fn detail(
    db: &Db,
    scope: &Scope,
    id: ClaimId,
) -> Result<Option<(ClaimDetail, Vec<StatusChange>)>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT c.id, c.external_id, c.broker_claim_number, c.insurer_claim_number, \
         c.contract_id, k.policy_number, k.line_of_business, o.id AS object_id, \
         o.description AS object_description, o.kind AS object_kind, c.date_of_loss, \
         c.reported_on, c.claim_type, c.cause, c.place, c.description, c.status, \
         c.reserve_minor, c.paid_minor, c.currency, c.created_at, c.updated_at \
         FROM claims c JOIN contracts k ON k.id = c.contract_id \
         LEFT JOIN insured_objects o ON o.id = c.object_id AND ",
    )
    .object("o")
    .push(" WHERE c.id = ")
    .bind(id)
    .push(" AND ")
    .claim("c")
    .push(" AND ")
    .contract("k");
    let Some(claim) = db.fetch_optional::<ClaimDetail>(q.finish()?).await? else {
        return Ok(None);
    };
    let mut q = Scoped::new(scope);
    q.push("SELECT h.status, h.note, h.changed_at FROM claim_status_history h WHERE h.claim_id = ")
        .bind(id)
        .push(" AND ")
        .claim_id("h.claim_id")
        .push(" ORDER BY h.changed_at, h.id");
    let history = db.fetch_all(q.finish()?).await?;
    Ok(Some((claim, history)))
}
