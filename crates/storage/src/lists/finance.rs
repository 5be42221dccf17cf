//! The finance list (invoices, credits, dunning letters): number, kind,
//! customer, contract, issue and due date, amount, paid; filtered by kind,
//! open/paid, customer, due date and amount.

use chrono::NaiveDate;
use kp_domain::{CustomerId, FinanceKind, Scope};

use super::{AmountRange, Counted, DateRange, ListQuery, SortColumn, split};
use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FinanceSort {
    Number,
    Kind,
    Customer,
    Contract,
    Issued,
    #[default]
    Due,
    Amount,
    Paid,
}

impl SortColumn for FinanceSort {
    const ALL: &'static [FinanceSort] = &[
        FinanceSort::Number,
        FinanceSort::Kind,
        FinanceSort::Customer,
        FinanceSort::Contract,
        FinanceSort::Issued,
        FinanceSort::Due,
        FinanceSort::Amount,
        FinanceSort::Paid,
    ];

    fn key(self) -> &'static str {
        match self {
            FinanceSort::Number => "number",
            FinanceSort::Kind => "kind",
            FinanceSort::Customer => "customer",
            FinanceSort::Contract => "contract",
            FinanceSort::Issued => "issued",
            FinanceSort::Due => "due",
            FinanceSort::Amount => "amount",
            FinanceSort::Paid => "paid",
        }
    }

    fn expression(self) -> &'static str {
        match self {
            FinanceSort::Number => "f.number",
            FinanceSort::Kind => "f.kind",
            FinanceSort::Customer => "cu.display_name",
            FinanceSort::Contract => "COALESCE(k.policy_number, '')",
            FinanceSort::Issued => "f.issue_date",
            FinanceSort::Due => "f.due_date",
            FinanceSort::Amount => "f.amount_minor",
            FinanceSort::Paid => "f.paid",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FinanceFilters {
    pub kind: Option<FinanceKind>,
    /// `Some(false)`: open items only.
    pub paid: Option<bool>,
    pub customer: Option<CustomerId>,
    pub due: DateRange,
    pub amount: AmountRange,
}

pub type FinanceQuery = ListQuery<FinanceFilters, FinanceSort>;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct FinanceRow {
    pub id: i64,
    pub number: String,
    pub kind: String,
    pub customer_name: String,
    pub contract_id: Option<i64>,
    pub policy_number: Option<String>,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount_minor: i64,
    pub currency: String,
    pub paid: bool,
    pub paid_on: Option<NaiveDate>,
    /// The back office's id and the record's tenant: for staff only
    /// (`kp_app::lists` blanks them for portal users).
    pub external_id: String,
    pub tenant_name: String,
}

pub async fn list(db: &Db, scope: &Scope, query: &FinanceQuery) -> Result<(Vec<FinanceRow>, i64)> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT f.id, f.number, f.kind, cu.display_name AS customer_name, f.contract_id, \
         k.policy_number, f.issue_date, f.due_date, f.amount_minor, f.currency, f.paid, \
         f.paid_on, f.external_id, t.name AS tenant_name, COUNT(*) OVER () AS total \
         FROM finance_items f JOIN customers cu ON cu.id = f.customer_id \
         JOIN tenants t ON t.id = f.tenant_id \
         LEFT JOIN contracts k ON k.id = f.contract_id WHERE ",
    )
    .finance_item("f");
    let filters = &query.filters;
    super::equals(&mut q, "f.kind", filters.kind);
    super::equals(&mut q, "f.paid", filters.paid);
    super::equals(&mut q, "f.customer_id", filters.customer);
    super::range(&mut q, "f.due_date", filters.due);
    super::range(&mut q, "f.amount_minor", filters.amount);
    super::search(
        &mut q,
        query.search.as_deref(),
        &[
            "f.number",
            "COALESCE(k.policy_number, '')",
            "cu.display_name",
        ],
    );
    super::order_and_page(&mut q, query, "f.id");
    let rows: Vec<Counted<FinanceRow>> = db.fetch_all(q.finish()?).await?;
    Ok(split(rows))
}
