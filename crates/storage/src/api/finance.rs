//! Finance items (invoices, credits, dunning notices) through the sync API.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::TenantId;

use super::{Existing, PageQuery, page};
use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FinanceRow {
    pub id: i64,
    pub external_id: String,
    pub customer: String,
    pub contract: Option<String>,
    pub kind: String,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount_minor: i64,
    pub currency: String,
    pub paid: bool,
    pub paid_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct FinanceValues<'a> {
    pub customer_id: i64,
    pub contract_id: Option<i64>,
    pub kind: &'a str,
    pub number: &'a str,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub paid: bool,
    pub paid_on: Option<NaiveDate>,
}

fn select(tenant: TenantId) -> Sql {
    let mut sql = Sql::new(
        "SELECT f.id, f.external_id, cu.external_id AS customer, k.external_id AS contract, \
         f.kind, f.number, f.issue_date, f.due_date, f.amount_minor, f.currency, f.paid, \
         f.paid_on, f.created_at, f.updated_at FROM finance_items f \
         JOIN customers cu ON cu.id = f.customer_id \
         LEFT JOIN contracts k ON k.id = f.contract_id WHERE f.tenant_id = ",
    );
    sql.bind(tenant);
    sql
}

fn one(tenant: TenantId, ext: &str) -> Sql {
    let mut sql = select(tenant);
    sql.push(" AND f.deleted_at IS NULL AND f.external_id = ")
        .bind(ext);
    sql
}

pub async fn get(db: &Db, tenant: TenantId, ext: &str) -> Result<Option<FinanceRow>> {
    db.fetch_optional(one(tenant, ext)).await
}

pub async fn get_in(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<FinanceRow>> {
    tx.fetch_optional(one(tenant, ext)).await
}

pub async fn list(db: &Db, tenant: TenantId, q: &PageQuery) -> Result<Vec<FinanceRow>> {
    let mut sql = select(tenant);
    page(&mut sql, "f", q);
    db.fetch_all(sql).await
}

pub async fn existing(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<Existing>> {
    let row: Option<(i64, bool)> = tx
        .fetch_optional(
            Sql::new(
                "SELECT id, deleted_at IS NOT NULL FROM finance_items \
                 WHERE tenant_id = $1 AND external_id = $2",
            )
            .arg(tenant)
            .arg(ext),
        )
        .await?;
    Ok(row.map(|(id, deleted)| Existing { id, deleted }))
}

const COLUMNS: &str = "customer_id, contract_id, kind, number, issue_date, due_date, \
    amount_minor, currency, paid, paid_on";

fn bind_values(sql: &mut Sql, v: &FinanceValues<'_>) {
    sql.bind(v.customer_id)
        .push(", ")
        .bind(v.contract_id)
        .push(", ");
    sql.bind(v.kind).push(", ").bind(v.number).push(", ");
    sql.bind(v.issue_date)
        .push(", ")
        .bind(v.due_date)
        .push(", ");
    sql.bind(v.amount_minor)
        .push(", ")
        .bind(v.currency)
        .push(", ");
    sql.bind(v.paid).push(", ").bind(v.paid_on);
}

pub async fn insert(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    v: &FinanceValues<'_>,
    at: DateTime<Utc>,
) -> Result<i64> {
    let mut sql = Sql::new(format!(
        "INSERT INTO finance_items (tenant_id, external_id, created_at, updated_at, {COLUMNS}) \
         VALUES ("
    ));
    sql.bind(tenant).push(", ").bind(ext).push(", ");
    sql.bind(at).push(", ").bind(at).push(", ");
    bind_values(&mut sql, v);
    sql.push(")");
    tx.insert_returning_id(sql).await
}

pub async fn update(tx: &mut Tx, id: i64, v: &FinanceValues<'_>, at: DateTime<Utc>) -> Result<()> {
    let mut sql = Sql::new("UPDATE finance_items SET deleted_at = NULL, updated_at = ");
    sql.bind(at).push(", (").push(COLUMNS).push(") = (");
    bind_values(&mut sql, v);
    sql.push(") WHERE id = ").bind(id);
    tx.execute(sql).await?;
    Ok(())
}

pub async fn delete(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    at: DateTime<Utc>,
) -> Result<Option<i64>> {
    super::soft_delete(tx, "finance_items", tenant, ext, at).await
}

/// Whether the customer holds the contract or is co-insured on it (an
/// item of a contract is billed to one of its customers).
pub async fn customer_on_contract(tx: &mut Tx, customer: i64, contract: i64) -> Result<bool> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            Sql::new(
                "SELECT k.id FROM contracts k WHERE k.id = $1 AND (k.customer_id = $2 OR EXISTS \
                 (SELECT 1 FROM contract_co_insured ci WHERE ci.contract_id = k.id \
                 AND ci.customer_id = $2))",
            )
            .arg(contract)
            .arg(customer),
        )
        .await?;
    Ok(row.is_some())
}
