//! Contracts through the sync API, with their co-insured customers and
//! responsible staff.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::TenantId;

use super::bulk_rows::RowsInsert;
use super::{Existing, PageQuery, page};
use crate::Result;
use crate::args::Sql;
use crate::db::{Backend, Db, Tx};

/// A contract as the API shows it: references by external id and e-mail.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContractRow {
    pub id: i64,
    pub external_id: String,
    pub customer: String,
    pub policy_number: String,
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
    pub account_manager: Option<String>,
    pub clerk: Option<String>,
    pub claims_handler: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct ContractValues<'a> {
    pub customer_id: i64,
    pub policy_number: &'a str,
    pub line_of_business: &'a str,
    pub contract_type: &'a str,
    pub status: &'a str,
    pub description: &'a str,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub main_due_date: &'a str,
    pub payment_frequency: &'a str,
    pub premium_net_minor: i64,
    pub premium_gross_minor: i64,
    pub currency: &'a str,
    pub sum_insured_minor: Option<i64>,
    pub deductible_minor: Option<i64>,
    pub account_manager_id: Option<i64>,
    pub clerk_id: Option<i64>,
    pub claims_handler_id: Option<i64>,
}

fn select(tenant: TenantId) -> Sql {
    let mut sql = Sql::new(
        "SELECT k.id, k.external_id, cu.external_id AS customer, k.policy_number, \
         k.line_of_business, k.contract_type, k.status, k.description, k.start_date, k.end_date, \
         k.main_due_date, k.payment_frequency, k.premium_net_minor, k.premium_gross_minor, \
         k.currency, k.sum_insured_minor, k.deductible_minor, LOWER(am.email) AS account_manager, \
         LOWER(cl.email) AS clerk, LOWER(ch.email) AS claims_handler, k.created_at, k.updated_at \
         FROM contracts k JOIN customers cu ON cu.id = k.customer_id \
         LEFT JOIN staff_users am ON am.id = k.account_manager_id \
         LEFT JOIN staff_users cl ON cl.id = k.clerk_id \
         LEFT JOIN staff_users ch ON ch.id = k.claims_handler_id WHERE k.tenant_id = ",
    );
    sql.bind(tenant);
    sql
}

fn one(tenant: TenantId, ext: &str) -> Sql {
    let mut sql = select(tenant);
    sql.push(" AND k.deleted_at IS NULL AND k.external_id = ")
        .bind(ext);
    sql
}

pub async fn get(db: &Db, tenant: TenantId, ext: &str) -> Result<Option<ContractRow>> {
    db.fetch_optional(one(tenant, ext)).await
}

pub async fn get_in(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<ContractRow>> {
    tx.fetch_optional(one(tenant, ext)).await
}

pub async fn list(db: &Db, tenant: TenantId, q: &PageQuery) -> Result<Vec<ContractRow>> {
    let mut sql = select(tenant);
    page(&mut sql, "k", q);
    db.fetch_all(sql).await
}

/// The external ids of a contract's co-insured customers, sorted.
pub async fn co_insured(db: &Db, contract: i64) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = db.fetch_all(co_insured_sql(contract)).await?;
    Ok(rows.into_iter().map(|(e,)| e).collect())
}

pub async fn co_insured_in(tx: &mut Tx, contract: i64) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = tx.fetch_all(co_insured_sql(contract)).await?;
    Ok(rows.into_iter().map(|(e,)| e).collect())
}

fn co_insured_sql(contract: i64) -> Sql {
    Sql::new(
        "SELECT cu.external_id FROM contract_co_insured ci JOIN customers cu \
         ON cu.id = ci.customer_id WHERE ci.contract_id = $1 ORDER BY cu.external_id",
    )
    .arg(contract)
}

pub async fn existing(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<Existing>> {
    let row: Option<(i64, bool)> = tx
        .fetch_optional(
            Sql::new(
                "SELECT id, deleted_at IS NOT NULL FROM contracts \
                 WHERE tenant_id = $1 AND external_id = $2",
            )
            .arg(tenant)
            .arg(ext),
        )
        .await?;
    Ok(row.map(|(id, deleted)| Existing { id, deleted }))
}

const COLUMNS: &str = "customer_id, policy_number, line_of_business, contract_type, status, \
    description, start_date, end_date, main_due_date, payment_frequency, premium_net_minor, \
    premium_gross_minor, currency, sum_insured_minor, deductible_minor, account_manager_id, \
    clerk_id, claims_handler_id";

fn bind_values(sql: &mut Sql, v: &ContractValues<'_>) {
    sql.bind(v.customer_id)
        .push(", ")
        .bind(v.policy_number)
        .push(", ");
    sql.bind(v.line_of_business)
        .push(", ")
        .bind(v.contract_type)
        .push(", ");
    sql.bind(v.status).push(", ").bind(v.description).push(", ");
    sql.bind(v.start_date)
        .push(", ")
        .bind(v.end_date)
        .push(", ");
    sql.bind(v.main_due_date)
        .push(", ")
        .bind(v.payment_frequency)
        .push(", ");
    sql.bind(v.premium_net_minor)
        .push(", ")
        .bind(v.premium_gross_minor)
        .push(", ");
    sql.bind(v.currency)
        .push(", ")
        .bind(v.sum_insured_minor)
        .push(", ");
    sql.bind(v.deductible_minor)
        .push(", ")
        .bind(v.account_manager_id)
        .push(", ");
    sql.bind(v.clerk_id).push(", ").bind(v.claims_handler_id);
}

/// Inserts the contract in the tenant; the customer was resolved in it.
pub async fn insert(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    v: &ContractValues<'_>,
    at: DateTime<Utc>,
) -> Result<i64> {
    let mut sql = Sql::new(format!(
        "INSERT INTO contracts (tenant_id, external_id, created_at, updated_at, {COLUMNS}) VALUES ("
    ));
    sql.bind(tenant).push(", ").bind(ext).push(", ");
    sql.bind(at).push(", ").bind(at).push(", ");
    bind_values(&mut sql, v);
    sql.push(")");
    tx.insert_returning_id(sql).await
}

/// The inserts of new contracts of a bulk batch, built ahead of its
/// transaction.
pub fn build_insert(
    backend: Backend,
    tenant: TenantId,
    rows: &[(&str, ContractValues<'_>)],
    at: DateTime<Utc>,
) -> RowsInsert {
    super::bulk_rows::build_insert(
        backend,
        super::bulk_rows::BulkTable::Contracts,
        COLUMNS,
        tenant,
        rows,
        at,
        bind_values,
    )
}

pub async fn update(tx: &mut Tx, id: i64, v: &ContractValues<'_>, at: DateTime<Utc>) -> Result<()> {
    let mut sql = Sql::new("UPDATE contracts SET deleted_at = NULL, updated_at = ");
    sql.bind(at).push(", (").push(COLUMNS).push(") = (");
    bind_values(&mut sql, v);
    sql.push(") WHERE id = ").bind(id);
    tx.execute(sql).await?;
    Ok(())
}

/// Replaces the co-insured customers (ids resolved in the tenant).
pub async fn set_co_insured(tx: &mut Tx, contract: i64, customers: &[i64]) -> Result<()> {
    tx.execute(Sql::new("DELETE FROM contract_co_insured WHERE contract_id = $1").arg(contract))
        .await?;
    for customer in customers {
        tx.execute(
            Sql::new("INSERT INTO contract_co_insured (contract_id, customer_id) VALUES ($1, $2)")
                .arg(contract)
                .arg(*customer),
        )
        .await?;
    }
    Ok(())
}

/// Marks the live contract deleted, with its objects, claims and finance
/// items, so that nothing below it stays visible; its id, or `None`.
pub async fn delete(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    at: DateTime<Utc>,
) -> Result<Option<i64>> {
    let Some(id) = super::soft_delete(tx, "contracts", tenant, ext, at).await? else {
        return Ok(None);
    };
    for table in ["insured_objects", "claims", "finance_items"] {
        tx.execute(
            Sql::new(format!(
                "UPDATE {table} SET deleted_at = $1, updated_at = $1 \
                 WHERE contract_id = $2 AND deleted_at IS NULL"
            ))
            .arg(at)
            .arg(id),
        )
        .await?;
    }
    Ok(Some(id))
}

/// Whether the customer still holds a live contract (then it cannot be
/// deleted).
pub async fn customer_holds_any(tx: &mut Tx, customer: i64) -> Result<bool> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            Sql::new(
                "SELECT id FROM contracts WHERE customer_id = $1 AND deleted_at IS NULL LIMIT 1",
            )
            .arg(customer),
        )
        .await?;
    Ok(row.is_some())
}
