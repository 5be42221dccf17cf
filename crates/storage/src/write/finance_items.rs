//! Finance items: premium invoices, credits and dunning notices.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{ContractId, CustomerId, FinanceItemId, FinanceKind};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

#[derive(Debug, Clone)]
pub struct NewFinanceItem {
    /// The contract billed (its policyholder is the customer), or the
    /// customer for an account-level item. The customer and tenant are read
    /// from it, never given, so they cannot disagree.
    pub owner: FinanceOwner,
    pub external_id: String,
    pub kind: FinanceKind,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    /// Positive amounts; a credit is a credit by its kind.
    pub amount_minor: i64,
    pub currency: String,
    pub paid_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinanceOwner {
    Customer(CustomerId),
    Contract(ContractId),
}

pub async fn insert(tx: &mut Tx, f: &NewFinanceItem) -> Result<FinanceItemId> {
    let (source, id) = match f.owner {
        FinanceOwner::Customer(id) => (
            "SELECT p.tenant_id, p.id, CAST(NULL AS BIGINT), $2, $3, $4, $5, $6, $7, $8, $9, $10, \
             $11, $11 FROM customers p WHERE p.id = $1",
            id.0,
        ),
        FinanceOwner::Contract(id) => (
            "SELECT p.tenant_id, p.customer_id, p.id, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
             $11, $11 FROM contracts p WHERE p.id = $1",
            id.0,
        ),
    };
    let sql = Sql::new(format!(
        "INSERT INTO finance_items (tenant_id, customer_id, contract_id, external_id, kind, number, \
         issue_date, due_date, amount_minor, currency, paid, paid_on, created_at, updated_at) {source}"
    ))
    .arg(id)
    .arg(&f.external_id)
    .arg(f.kind)
    .arg(&f.number)
    .arg(f.issue_date)
    .arg(f.due_date)
    .arg(f.amount_minor)
    .arg(&f.currency)
    .arg(f.paid_on.is_some())
    .arg(f.paid_on)
    .arg(f.created_at);
    Ok(FinanceItemId(super::insert_from_parent(tx, sql).await?))
}
