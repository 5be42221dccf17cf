//! A claim's status changed in the portal by the broker's staff (issue
//! 10), and who of the customer's side hears of changes to a claim.

use chrono::{DateTime, Utc};
use kp_domain::{ClaimId, Scope};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;
use crate::scope_sql::Scoped;

/// What a change to a claim needs to know of it, read through the scope
/// in the changing transaction.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ClaimFacts {
    pub id: i64,
    pub tenant_id: i64,
    pub customer_id: i64,
    pub contract_id: i64,
    pub object_id: Option<i64>,
    pub status: String,
    pub external_id: String,
    /// The claim's handler, else the contract's claims handler, else its
    /// clerk (active staff only).
    pub handler_id: Option<i64>,
}

pub async fn facts_in(tx: &mut Tx, scope: &Scope, id: ClaimId) -> Result<Option<ClaimFacts>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT c.id, c.tenant_id, k.customer_id, c.contract_id, c.object_id, c.status, \
         c.external_id, COALESCE(h.id, kh.id, kc.id) AS handler_id \
         FROM claims c JOIN contracts k ON k.id = c.contract_id \
         LEFT JOIN staff_users h ON h.id = c.handler_id AND h.active \
         LEFT JOIN staff_users kh ON kh.id = k.claims_handler_id AND kh.active \
         LEFT JOIN staff_users kc ON kc.id = k.clerk_id AND kc.active WHERE c.id = ",
    )
    .bind(id)
    .push(" AND ")
    .claim("c")
    .push(" AND ")
    .contract("k");
    tx.fetch_optional(q.finish()?).await
}

/// Sets the claim's status and records it in its history.
pub async fn change(
    tx: &mut Tx,
    claim: i64,
    status: &str,
    note: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        Sql::new("UPDATE claims SET status = $1, updated_at = $2 WHERE id = $3")
            .arg(status)
            .arg(at)
            .arg(claim),
    )
    .await?;
    tx.execute(
        Sql::new(
            "INSERT INTO claim_status_history (claim_id, status, note, changed_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .arg(claim)
        .arg(status)
        .arg(note)
        .arg(at),
    )
    .await?;
    Ok(())
}

/// A portal user to tell about a claim.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Recipient {
    pub email: String,
    pub name: String,
    pub language: String,
}

/// The active portal users of the claim's customer itself and whoever
/// reported it through the portal, each once.
pub async fn recipients_in(tx: &mut Tx, claim: i64) -> Result<Vec<Recipient>> {
    tx.fetch_all(
        Sql::new(
            "SELECT DISTINCT u.email, u.name, u.language FROM portal_users u \
             WHERE u.status = 'active' AND (u.customer_id = (SELECT k.customer_id FROM claims c \
             JOIN contracts k ON k.id = c.contract_id WHERE c.id = $1) \
             OR u.id IN (SELECT r.portal_user_id FROM claim_reports r WHERE r.claim_id = $1)) \
             ORDER BY u.email",
        )
        .arg(claim),
    )
    .await
}

/// The reporting user of a claim report, when still active.
pub async fn reporter_in(tx: &mut Tx, report: i64) -> Result<Option<Recipient>> {
    tx.fetch_optional(
        Sql::new(
            "SELECT u.email, u.name, u.language FROM portal_users u JOIN claim_reports r \
             ON r.portal_user_id = u.id WHERE r.id = $1 AND u.status = 'active'",
        )
        .arg(report),
    )
    .await
}
