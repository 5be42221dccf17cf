//! Reads of contracts: the list (filtered, sorted, paged) and a contract
//! with what hangs below it. Every statement is scoped.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{ContractId, ContractStatus, LineOfBusiness, Scope};

use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

/// Columns a contract list can be sorted by.
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

impl ContractSort {
    pub const ALL: [ContractSort; 7] = [
        ContractSort::PolicyNumber,
        ContractSort::Customer,
        ContractSort::Insurer,
        ContractSort::Line,
        ContractSort::Status,
        ContractSort::Start,
        ContractSort::Premium,
    ];

    pub fn key(self) -> &'static str {
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

    pub fn parse(key: &str) -> Option<ContractSort> {
        ContractSort::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The ORDER BY expression; never user text.
    fn column(self) -> &'static str {
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

/// What the contract list shows: filters, order and page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContractQuery {
    /// Matched case-insensitively against policy number, customer and
    /// insurer name and description.
    pub search: Option<String>,
    pub status: Option<ContractStatus>,
    pub line: Option<LineOfBusiness>,
    pub sort: ContractSort,
    pub descending: bool,
    /// From 1.
    pub page: u32,
    pub per_page: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ContractRow {
    pub id: i64,
    pub policy_number: String,
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
}

#[derive(sqlx::FromRow)]
struct CountedRow {
    #[sqlx(flatten)]
    row: ContractRow,
    total: i64,
}

/// A page of the contracts in the scope and the number of all that match.
pub async fn list(
    db: &Db,
    scope: &Scope,
    query: &ContractQuery,
) -> Result<(Vec<ContractRow>, i64)> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT k.id, k.policy_number, cu.display_name AS customer_name, i.name AS insurer_name, \
         k.line_of_business, k.contract_type, k.status, k.start_date, k.end_date, \
         k.payment_frequency, k.premium_gross_minor, k.currency, COUNT(*) OVER () AS total \
         FROM contracts k JOIN customers cu ON cu.id = k.customer_id \
         LEFT JOIN insurers i ON i.id = k.insurer_id WHERE ",
    )
    .contract("k");
    if let Some(status) = query.status {
        q.push(" AND k.status = ").bind(status);
    }
    if let Some(line) = query.line {
        q.push(" AND k.line_of_business = ").bind(line);
    }
    if let Some(search) = query
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let pattern = format!("%{}%", escape_like(&search.to_lowercase()));
        q.push(" AND (");
        for (i, col) in [
            "k.policy_number",
            "cu.display_name",
            "COALESCE(i.name, '')",
            "k.description",
        ]
        .iter()
        .enumerate()
        {
            if i > 0 {
                q.push(" OR ");
            }
            q.push("LOWER(")
                .push(col)
                .push(") LIKE ")
                .bind(pattern.clone())
                .push(" ESCAPE '\\'");
        }
        q.push(")");
    }
    let direction = if query.descending { "DESC" } else { "ASC" };
    q.push(" ORDER BY ")
        .push(query.sort.column())
        .push(" ")
        .push(direction)
        .push(", k.id ")
        .push(direction);
    let per_page = i64::from(query.per_page.clamp(1, 200));
    let offset = i64::from(query.page.max(1) - 1) * per_page;
    q.push(" LIMIT ")
        .bind(per_page)
        .push(" OFFSET ")
        .bind(offset);
    let rows: Vec<CountedRow> = db.fetch_all(q.finish()?).await?;
    let total = rows.first().map_or(0, |r| r.total);
    Ok((rows.into_iter().map(|r| r.row).collect(), total))
}

/// `%`, `_` and the escape character itself match literally.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ContractDetail {
    pub id: i64,
    pub external_id: String,
    pub customer_id: i64,
    pub customer_name: String,
    /// Whether the scope shows the policyholder's own page: a contract
    /// seen as co-insured need not be.
    pub customer_visible: bool,
    pub policy_number: String,
    pub insurer_name: Option<String>,
    pub line_of_business: String,
    pub contract_type: String,
    pub status: String,
    pub description: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub main_due_date: String,
    pub payment_frequency: String,
    pub premium_net_minor: i64,
    pub premium_gross_minor: i64,
    pub currency: String,
    pub sum_insured_minor: Option<i64>,
    pub deductible_minor: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ObjectRow {
    pub id: i64,
    pub kind: String,
    pub description: String,
    pub site: String,
    pub city: String,
    pub plate: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ClaimRow {
    pub id: i64,
    pub broker_claim_number: String,
    pub date_of_loss: NaiveDate,
    pub claim_type: String,
    pub status: String,
    pub object_id: Option<i64>,
}

/// A contract with its objects and claims, as far as the scope shows them;
/// `None` when the contract does not exist or lies outside the scope.
pub async fn detail(
    db: &Db,
    scope: &Scope,
    id: ContractId,
) -> Result<Option<(ContractDetail, Vec<ObjectRow>, Vec<ClaimRow>)>> {
    let mut q = Scoped::new(scope);
    q.push("SELECT k.id, k.external_id, k.customer_id, cu.display_name AS customer_name, ")
        .customer("cu.id")
        .push(
            " AS customer_visible, k.policy_number, \
         i.name AS insurer_name, k.line_of_business, k.contract_type, k.status, k.description, \
         k.start_date, k.end_date, k.main_due_date, k.payment_frequency, k.premium_net_minor, \
         k.premium_gross_minor, k.currency, k.sum_insured_minor, k.deductible_minor, \
         k.created_at, k.updated_at \
         FROM contracts k JOIN customers cu ON cu.id = k.customer_id \
         LEFT JOIN insurers i ON i.id = k.insurer_id WHERE k.id = ",
        )
        .bind(id)
        .push(" AND ")
        .contract("k");
    let Some(contract) = db.fetch_optional::<ContractDetail>(q.finish()?).await? else {
        return Ok(None);
    };
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT o.id, o.kind, o.description, o.site, o.city, o.plate FROM insured_objects o \
         WHERE o.contract_id = ",
    )
    .bind(id)
    .push(" AND ")
    .object("o")
    .push(" ORDER BY o.description, o.id");
    let objects: Vec<ObjectRow> = db.fetch_all(q.finish()?).await?;
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT c.id, c.broker_claim_number, c.date_of_loss, c.claim_type, c.status, c.object_id \
         FROM claims c WHERE c.contract_id = ",
    )
    .bind(id)
    .push(" AND ")
    .claim("c")
    .push(" ORDER BY c.date_of_loss DESC, c.id DESC");
    let claims: Vec<ClaimRow> = db.fetch_all(q.finish()?).await?;
    Ok(Some((contract, objects, claims)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_match_literally() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }

    #[test]
    fn sort_keys_round_trip() {
        for s in ContractSort::ALL {
            assert_eq!(ContractSort::parse(s.key()), Some(s));
        }
        assert_eq!(ContractSort::parse("id; DROP"), None);
    }
}
