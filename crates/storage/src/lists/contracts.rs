//! The contract list: policy number, customer, insurer, line, status,
//! start and premium; filtered by status, line, insurer, customer, start
//! date and premium.

use chrono::NaiveDate;
use kp_domain::{ContractStatus, CustomerId, LineOfBusiness, Scope};

use super::{AmountRange, Counted, DateRange, ListQuery, SortColumn, split};
use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContractSort {
    #[default]
    PolicyNumber,
    Customer,
    Insurer,
    Line,
    Status,
    Start,
    Premium,
}

impl SortColumn for ContractSort {
    const ALL: &'static [ContractSort] = &[
        ContractSort::PolicyNumber,
        ContractSort::Customer,
        ContractSort::Insurer,
        ContractSort::Line,
        ContractSort::Status,
        ContractSort::Start,
        ContractSort::Premium,
    ];

    fn key(self) -> &'static str {
        match self {
            ContractSort::PolicyNumber => "number",
            ContractSort::Customer => "customer",
            ContractSort::Insurer => "insurer",
            ContractSort::Line => "line",
            ContractSort::Status => "status",
            ContractSort::Start => "start",
            ContractSort::Premium => "premium",
        }
    }

    fn expression(self) -> &'static str {
        match self {
            ContractSort::PolicyNumber => "k.policy_number",
            ContractSort::Customer => "cu.display_name",
            ContractSort::Insurer => "COALESCE(i.name, '')",
            ContractSort::Line => "k.line_of_business",
            ContractSort::Status => "k.status",
            ContractSort::Start => "k.start_date",
            ContractSort::Premium => "k.premium_gross_minor",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContractFilters {
    pub status: Option<ContractStatus>,
    pub line: Option<LineOfBusiness>,
    pub insurer: Option<i64>,
    pub customer: Option<CustomerId>,
    pub start: DateRange,
    /// Gross premium, minor units.
    pub premium: AmountRange,
    /// The profile hides the insurer: the search leaves its name out, as
    /// a match would reveal it.
    pub insurer_hidden: bool,
}

pub type ContractQuery = ListQuery<ContractFilters, ContractSort>;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ContractRow {
    pub id: i64,
    pub policy_number: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub insurer_name: Option<String>,
    pub line_of_business: String,
    pub contract_type: String,
    pub status: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub payment_frequency: String,
    pub premium_gross_minor: i64,
    pub currency: String,
    /// The back office's id and the record's tenant: for staff only
    /// (`kp_app::lists` blanks them for portal users).
    pub external_id: String,
    pub tenant_name: String,
}

/// A page of the contracts in the scope and the number of all that match.
///
/// Two steps in one statement: `pg` filters, counts and sorts only the ids
/// (with the customer and insurer joined only where the search or the sort
/// needs their names), and the page's 25 rows are then read in full. Sorting
/// whole rows made an industrial group's list (5,000 contracts) twice as
/// slow as sorting their ids.
pub async fn list(
    db: &Db,
    scope: &Scope,
    query: &ContractQuery,
) -> Result<(Vec<ContractRow>, i64)> {
    let names_needed = query
        .search
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty())
        || matches!(query.sort, ContractSort::Customer | ContractSort::Insurer);
    let mut q = Scoped::new(scope);
    q.push(", pg(id, total) AS (SELECT k.id, COUNT(*) OVER () FROM contracts k ");
    if names_needed {
        q.push(
            "JOIN customers cu ON cu.id = k.customer_id \
             LEFT JOIN insurers i ON i.id = k.insurer_id ",
        );
    }
    q.push("WHERE ").contract("k");
    let f = &query.filters;
    super::equals(&mut q, "k.status", f.status);
    super::equals(&mut q, "k.line_of_business", f.line);
    super::equals(&mut q, "k.insurer_id", f.insurer);
    super::equals(&mut q, "k.customer_id", f.customer);
    super::range(&mut q, "k.start_date", f.start);
    super::range(&mut q, "k.premium_gross_minor", f.premium);
    super::search(
        &mut q,
        query.search.as_deref(),
        if f.insurer_hidden {
            &["k.policy_number", "cu.display_name", "k.description"]
        } else {
            &[
                "k.policy_number",
                "cu.display_name",
                "COALESCE(i.name, '')",
                "k.description",
            ]
        },
    );
    super::order_and_page(&mut q, query, "k.id");
    q.push(
        ") SELECT k.id, k.policy_number, k.customer_id, cu.display_name AS customer_name, \
         i.name AS insurer_name, k.line_of_business, k.contract_type, k.status, k.start_date, \
         k.end_date, k.payment_frequency, k.premium_gross_minor, k.currency, \
         k.external_id, t.name AS tenant_name, pg.total \
         FROM pg JOIN contracts k ON k.id = pg.id JOIN customers cu ON cu.id = k.customer_id \
         JOIN tenants t ON t.id = k.tenant_id LEFT JOIN insurers i ON i.id = k.insurer_id",
    );
    super::order(&mut q, query, "k.id");
    let rows: Vec<Counted<ContractRow>> = db.fetch_all(q.finish()?).await?;
    Ok(split(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_round_trip() {
        for s in ContractSort::ALL {
            assert_eq!(ContractSort::parse(s.key()), Some(*s));
        }
        assert_eq!(ContractSort::parse("id; DROP"), None);
    }
}
