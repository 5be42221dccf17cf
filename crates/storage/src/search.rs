//! The staff search box: one text looked up in customers (name, customer
//! number, e-mail), contracts (policy number), insured objects (licence
//! plate, VIN, description) and claims (broker and insurer claim number).
//! Every group is its own scoped statement, capped at [`GROUP_LIMIT`] rows
//! with the number of all matches, so the page can offer the full list.
//!
//! Licence plates are compared without spaces and hyphens and in lower
//! case: a clerk on the phone types `m ab1234` for `M-AB 1234`.

use chrono::NaiveDate;
use kp_domain::Scope;
use serde::Serialize;

use crate::Result;
use crate::db::Db;
pub use crate::lists::plate_key;
use crate::lists::{
    Counted, plate_sql, search as matches, search_with_plate as matches_with_plate, split,
};
use crate::scope_sql::Scoped;

/// Rows shown per kind of record.
pub const GROUP_LIMIT: i64 = 10;

/// Up to [`GROUP_LIMIT`] rows of one kind and how many matched in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found<T> {
    pub rows: Vec<T>,
    pub total: i64,
}

impl<T> Found<T> {
    fn of(rows: Vec<Counted<T>>) -> Found<T> {
        let (rows, total) = split(rows);
        Found { rows, total }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct CustomerHit {
    pub id: i64,
    pub display_name: String,
    pub external_id: String,
    pub email: String,
    pub postal_code: String,
    pub city: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ContractHit {
    pub id: i64,
    pub policy_number: String,
    pub line_of_business: String,
    pub status: String,
    pub customer_id: i64,
    pub customer_name: String,
    /// Whether the scope shows the policyholder's own page.
    pub customer_visible: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ObjectHit {
    pub id: i64,
    pub kind: String,
    pub description: String,
    pub plate: String,
    pub vin: String,
    pub contract_id: i64,
    pub policy_number: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub customer_visible: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ClaimHit {
    pub id: i64,
    pub broker_claim_number: String,
    pub insurer_claim_number: String,
    pub status: String,
    pub date_of_loss: NaiveDate,
    pub policy_number: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub customer_visible: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Results {
    pub customers: Found<CustomerHit>,
    pub contracts: Found<ContractHit>,
    pub objects: Found<ObjectHit>,
    pub claims: Found<ClaimHit>,
}

/// Every kind of record matching `text` (trimmed, non-empty; the use case
/// checks its length) within the scope.
pub async fn search(db: &Db, scope: &Scope, text: &str) -> Result<Results> {
    let exact = text.to_lowercase();
    Ok(Results {
        customers: customers(db, scope, text, &exact).await?,
        contracts: contracts(db, scope, text, &exact).await?,
        objects: objects(db, scope, text).await?,
        claims: claims(db, scope, text, &exact).await?,
    })
}

/// ` ORDER BY <exact match first>, <order>, <id> LIMIT n`.
fn exact_first(q: &mut Scoped<'_>, exact_col: &str, exact: &str, order: &str) {
    q.push(" ORDER BY CASE WHEN ")
        .push(exact_col)
        .push(" = ")
        .bind(exact.to_owned())
        .push(" THEN 0 ELSE 1 END, ")
        .push(order)
        .push(" LIMIT ")
        .bind(GROUP_LIMIT);
}

async fn customers(db: &Db, scope: &Scope, text: &str, exact: &str) -> Result<Found<CustomerHit>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT cu.id, cu.display_name, cu.external_id, cu.email, cu.postal_code, cu.city, \
         COUNT(*) OVER () AS total FROM customers cu WHERE ",
    )
    .customer_record("cu.id");
    matches(
        &mut q,
        Some(text),
        &["cu.display_name", "cu.external_id", "cu.email"],
    );
    exact_first(
        &mut q,
        "LOWER(cu.external_id)",
        exact,
        "cu.display_name, cu.id",
    );
    Ok(Found::of(db.fetch_all(q.finish()?).await?))
}

async fn contracts(db: &Db, scope: &Scope, text: &str, exact: &str) -> Result<Found<ContractHit>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT k.id, k.policy_number, k.line_of_business, k.status, cu.id AS customer_id, \
         cu.display_name AS customer_name, ",
    )
    .customer("cu.id")
    .push(
        " AS customer_visible, COUNT(*) OVER () AS total \
         FROM contracts k JOIN customers cu ON cu.id = k.customer_id WHERE ",
    )
    .contract("k");
    matches(&mut q, Some(text), &["k.policy_number"]);
    exact_first(
        &mut q,
        "LOWER(k.policy_number)",
        exact,
        "k.policy_number, k.id",
    );
    Ok(Found::of(db.fetch_all(q.finish()?).await?))
}

async fn objects(db: &Db, scope: &Scope, text: &str) -> Result<Found<ObjectHit>> {
    let plate = plate_key(text);
    let plate_col = plate_sql("o.plate");
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT o.id, o.kind, o.description, o.plate, o.vin, o.contract_id, k.policy_number, \
         cu.id AS customer_id, cu.display_name AS customer_name, ",
    )
    .customer("cu.id")
    .push(
        " AS customer_visible, COUNT(*) OVER () AS total \
         FROM insured_objects o JOIN contracts k ON k.id = o.contract_id \
         JOIN customers cu ON cu.id = k.customer_id WHERE ",
    )
    .object("o");
    matches_with_plate(
        &mut q,
        Some(text),
        &["o.vin", "o.description"],
        Some("o.plate"),
    );
    exact_first(&mut q, &plate_col, &plate, "o.plate, o.description, o.id");
    Ok(Found::of(db.fetch_all(q.finish()?).await?))
}

async fn claims(db: &Db, scope: &Scope, text: &str, exact: &str) -> Result<Found<ClaimHit>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT c.id, c.broker_claim_number, c.insurer_claim_number, c.status, c.date_of_loss, \
         k.policy_number, cu.id AS customer_id, cu.display_name AS customer_name, ",
    )
    .customer("cu.id")
    .push(
        " AS customer_visible, COUNT(*) OVER () AS total \
         FROM claims c JOIN contracts k ON k.id = c.contract_id \
         JOIN customers cu ON cu.id = k.customer_id WHERE ",
    )
    .claim("c");
    matches(
        &mut q,
        Some(text),
        &["c.broker_claim_number", "c.insurer_claim_number"],
    );
    exact_first(
        &mut q,
        "LOWER(c.broker_claim_number)",
        exact,
        "c.date_of_loss DESC, c.id DESC",
    );
    Ok(Found::of(db.fetch_all(q.finish()?).await?))
}
