//! Finance items: premium invoices, credits and dunning notices.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{ContractId, CustomerId, FinanceItemId, FinanceKind};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

#[derive(Debug, Clone)]
pub struct NewFinanceItem {
    /// The tenant is the customer's.
    pub customer_id: CustomerId,
    /// A contract of that customer, or `None` for an account-level item.
    pub contract_id: Option<ContractId>,
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

pub async fn insert(tx: &mut Tx, f: &NewFinanceItem) -> Result<FinanceItemId> {
    let sql = Sql::new(
        "INSERT INTO finance_items (tenant_id, customer_id, contract_id, external_id, kind, number, \
         issue_date, due_date, amount_minor, currency, paid, paid_on, created_at, updated_at) \
         SELECT cu.tenant_id, cu.id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12 \
         FROM customers cu WHERE cu.id = $1",
    )
    .arg(f.customer_id)
    .arg(f.contract_id)
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
