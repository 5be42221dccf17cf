//! A contract's premium history (B10): read through the contract's scope
//! predicate, written with the currency taken from the contract itself.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{ContractId, PremiumChangeReason, Scope};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct PremiumChange {
    pub valid_from: NaiveDate,
    pub premium_net_minor: i64,
    pub premium_gross_minor: i64,
    pub currency: String,
    /// A [`PremiumChangeReason`] key.
    pub reason: String,
}

/// The premium changes of a visible contract, oldest first; empty for a
/// contract outside the scope.
pub async fn of_contract(db: &Db, scope: &Scope, id: ContractId) -> Result<Vec<PremiumChange>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT p.valid_from, p.premium_net_minor, p.premium_gross_minor, p.currency, p.reason \
         FROM premium_history p WHERE p.contract_id = ",
    )
    .bind(id)
    .push(" AND ")
    .contract_id("p.contract_id")
    .push(" ORDER BY p.valid_from, p.id");
    db.fetch_all(q.finish()?).await
}

#[derive(Debug, Clone)]
pub struct NewPremiumChange {
    pub contract_id: ContractId,
    pub valid_from: NaiveDate,
    pub premium_net_minor: i64,
    pub premium_gross_minor: i64,
    pub reason: PremiumChangeReason,
    pub created_at: DateTime<Utc>,
}

/// Records a premium change (back office, demo data); `NotFound` when
/// the contract does not exist.
pub async fn insert(tx: &mut Tx, p: &NewPremiumChange) -> Result<i64> {
    let sql = Sql::new(
        "INSERT INTO premium_history (contract_id, valid_from, premium_net_minor, \
         premium_gross_minor, currency, reason, created_at) \
         SELECT k.id, $1, $2, $3, k.currency, $4, $5 FROM contracts k WHERE k.id = $6",
    )
    .arg(p.valid_from)
    .arg(p.premium_net_minor)
    .arg(p.premium_gross_minor)
    .arg(p.reason)
    .arg(p.created_at)
    .arg(p.contract_id);
    crate::write::insert_from_parent(tx, sql).await
}
