//! What a contract's page shows besides the contract, its objects and
//! claims: the co-insured customers and the contract's finance items.
//! Kept apart from `contracts` so that the list code there can change
//! independently.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{ContractId, Scope};

use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct CoInsured {
    pub id: i64,
    pub display_name: String,
    /// Whether the scope shows the customer's own page: a co-insured
    /// customer of a visible contract need not be in the scope.
    pub visible: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct FinanceItemRow {
    pub id: i64,
    pub external_id: String,
    pub kind: String,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount_minor: i64,
    pub currency: String,
    pub paid: bool,
    pub paid_on: Option<NaiveDate>,
    pub updated_at: DateTime<Utc>,
}

/// The co-insured customers of a visible contract, by name.
pub async fn co_insured(db: &Db, scope: &Scope, id: ContractId) -> Result<Vec<CoInsured>> {
    let mut q = Scoped::new(scope);
    q.push("SELECT cu.id, cu.display_name, ")
        .customer("cu.id")
        .push(
            " AS visible FROM contract_co_insured ci JOIN customers cu ON cu.id = ci.customer_id \
             WHERE ci.contract_id = ",
        )
        .bind(id)
        .push(" AND ")
        .contract_id("ci.contract_id")
        .push(" ORDER BY cu.display_name, cu.id");
    db.fetch_all(q.finish()?).await
}

/// The visible finance items of a contract, latest due date first.
pub async fn finance_items(db: &Db, scope: &Scope, id: ContractId) -> Result<Vec<FinanceItemRow>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT f.id, f.external_id, f.kind, f.number, f.issue_date, f.due_date, f.amount_minor, \
         f.currency, f.paid, f.paid_on, f.updated_at FROM finance_items f WHERE f.contract_id = ",
    )
    .bind(id)
    .push(" AND ")
    .finance_item("f")
    .push(" ORDER BY f.due_date DESC, f.id DESC");
    db.fetch_all(q.finish()?).await
}
