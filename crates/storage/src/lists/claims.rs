//! The claim list: claim number, date of loss, contract, object, type,
//! status, reserve and paid; filtered by status, line of business,
//! customer, date of loss and paid amount.

use chrono::NaiveDate;
use kp_domain::{ClaimStatus, CustomerId, LineOfBusiness, Scope};

use super::{AmountRange, Counted, DateRange, ListQuery, SortColumn, split};
use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClaimSort {
    Number,
    #[default]
    DateOfLoss,
    Contract,
    Object,
    Type,
    Status,
    Reserve,
    Paid,
}

impl SortColumn for ClaimSort {
    const ALL: &'static [ClaimSort] = &[
        ClaimSort::Number,
        ClaimSort::DateOfLoss,
        ClaimSort::Contract,
        ClaimSort::Object,
        ClaimSort::Type,
        ClaimSort::Status,
        ClaimSort::Reserve,
        ClaimSort::Paid,
    ];

    fn key(self) -> &'static str {
        match self {
            ClaimSort::Number => "number",
            ClaimSort::DateOfLoss => "date",
            ClaimSort::Contract => "contract",
            ClaimSort::Object => "object",
            ClaimSort::Type => "type",
            ClaimSort::Status => "status",
            ClaimSort::Reserve => "reserve",
            ClaimSort::Paid => "paid",
        }
    }

    fn expression(self) -> &'static str {
        match self {
            ClaimSort::Number => "c.broker_claim_number",
            ClaimSort::DateOfLoss => "c.date_of_loss",
            ClaimSort::Contract => "k.policy_number",
            ClaimSort::Object => "COALESCE(o.description, '')",
            ClaimSort::Type => "c.claim_type",
            ClaimSort::Status => "c.status",
            ClaimSort::Reserve => "c.reserve_minor",
            ClaimSort::Paid => "c.paid_minor",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimFilters {
    pub status: Option<ClaimStatus>,
    pub line: Option<LineOfBusiness>,
    pub customer: Option<CustomerId>,
    pub date_of_loss: DateRange,
    /// Paid amount, minor units.
    pub paid: AmountRange,
}

pub type ClaimQuery = ListQuery<ClaimFilters, ClaimSort>;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ClaimListRow {
    pub id: i64,
    pub broker_claim_number: String,
    pub date_of_loss: NaiveDate,
    pub contract_id: i64,
    pub policy_number: String,
    pub line_of_business: String,
    pub customer_name: String,
    /// Only when the object itself is visible.
    pub object_id: Option<i64>,
    pub object_description: Option<String>,
    pub claim_type: String,
    pub place: String,
    pub status: String,
    pub reserve_minor: i64,
    pub paid_minor: i64,
    pub currency: String,
    /// The back office's id and the record's tenant: for staff only
    /// (`kp_app::lists` blanks them for portal users).
    pub external_id: String,
    pub tenant_name: String,
}

pub async fn list(db: &Db, scope: &Scope, query: &ClaimQuery) -> Result<(Vec<ClaimListRow>, i64)> {
    let mut q = Scoped::new(scope);
    // The object joins only when visible; a claim may be visible while its
    // object is not (claim lists narrow claims, not objects).
    q.push(
        "SELECT c.id, c.broker_claim_number, c.date_of_loss, c.contract_id, k.policy_number, \
         k.line_of_business, cu.display_name AS customer_name, o.id AS object_id, \
         o.description AS object_description, c.claim_type, c.place, c.status, \
         c.reserve_minor, c.paid_minor, c.currency, c.external_id, t.name AS tenant_name, \
         COUNT(*) OVER () AS total \
         FROM claims c JOIN contracts k ON k.id = c.contract_id \
         JOIN customers cu ON cu.id = k.customer_id JOIN tenants t ON t.id = c.tenant_id \
         LEFT JOIN insured_objects o ON o.id = c.object_id AND ",
    )
    .object("o")
    .push(" WHERE ")
    .claim("c");
    let f = &query.filters;
    super::equals(&mut q, "c.status", f.status);
    super::equals(&mut q, "k.line_of_business", f.line);
    super::equals(&mut q, "k.customer_id", f.customer);
    super::range(&mut q, "c.date_of_loss", f.date_of_loss);
    super::range(&mut q, "c.paid_minor", f.paid);
    super::search(
        &mut q,
        query.search.as_deref(),
        &[
            "c.broker_claim_number",
            "c.insurer_claim_number",
            "k.policy_number",
            "c.place",
            "c.description",
            "COALESCE(o.description, '')",
            "COALESCE(o.plate, '')",
        ],
    );
    super::order_and_page(&mut q, query, "c.id");
    let rows: Vec<Counted<ClaimListRow>> = db.fetch_all(q.finish()?).await?;
    Ok(split(rows))
}
