//! A contract with what hangs below it (the list is in [`crate::lists`]).
//! Every statement is scoped.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{ContractId, Scope};

use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

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
