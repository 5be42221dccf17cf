//! Customers through the sync API.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::TenantId;

use super::bulk_rows::RowsInsert;
use super::{Existing, PageQuery, page};
use crate::Result;
use crate::args::Sql;
use crate::db::{Backend, Db, Tx};

/// A customer as the API shows it; staff by e-mail.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CustomerRow {
    pub id: i64,
    pub external_id: String,
    pub kind: String,
    pub salutation: String,
    pub first_name: String,
    pub last_name: String,
    pub company_name: String,
    pub display_name: String,
    pub birth_date: Option<NaiveDate>,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub email: String,
    pub phone: String,
    pub iban: String,
    pub bic: String,
    pub account_holder: String,
    pub account_manager: Option<String>,
    pub clerk: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What an upsert writes; references already resolved in the tenant.
#[derive(Debug, Clone)]
pub struct CustomerValues<'a> {
    pub kind: &'a str,
    pub salutation: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub company_name: &'a str,
    pub display_name: &'a str,
    pub birth_date: Option<NaiveDate>,
    pub street: &'a str,
    pub postal_code: &'a str,
    pub city: &'a str,
    pub country: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub iban: &'a str,
    pub bic: &'a str,
    pub account_holder: &'a str,
    pub account_manager_id: Option<i64>,
    pub clerk_id: Option<i64>,
}

fn select() -> Sql {
    Sql::new(
        "SELECT c.id, c.external_id, c.kind, c.salutation, c.first_name, c.last_name, \
         c.company_name, c.display_name, c.birth_date, c.street, c.postal_code, c.city, c.country, \
         c.email, c.phone, c.iban, c.bic, c.account_holder, LOWER(am.email) AS account_manager, \
         LOWER(cl.email) AS clerk, c.created_at, c.updated_at FROM customers c \
         LEFT JOIN staff_users am ON am.id = c.account_manager_id \
         LEFT JOIN staff_users cl ON cl.id = c.clerk_id WHERE c.tenant_id = ",
    )
}

/// The live customer with `ext` in the tenant.
pub async fn get(db: &Db, tenant: TenantId, ext: &str) -> Result<Option<CustomerRow>> {
    let mut sql = select();
    sql.bind(tenant)
        .push(" AND c.deleted_at IS NULL AND c.external_id = ")
        .bind(ext);
    db.fetch_optional(sql).await
}

/// The same, read inside an upsert's transaction.
pub async fn get_in(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<CustomerRow>> {
    let mut sql = select();
    sql.bind(tenant)
        .push(" AND c.deleted_at IS NULL AND c.external_id = ")
        .bind(ext);
    tx.fetch_optional(sql).await
}

pub async fn list(db: &Db, tenant: TenantId, q: &PageQuery) -> Result<Vec<CustomerRow>> {
    let mut sql = select();
    sql.bind(tenant);
    page(&mut sql, "c", q);
    db.fetch_all(sql).await
}

/// The record with `ext`, live or deleted.
pub async fn existing(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<Existing>> {
    let row: Option<(i64, bool)> = tx
        .fetch_optional(
            Sql::new(
                "SELECT id, deleted_at IS NOT NULL FROM customers \
                 WHERE tenant_id = $1 AND external_id = $2",
            )
            .arg(tenant)
            .arg(ext),
        )
        .await?;
    Ok(row.map(|(id, deleted)| Existing { id, deleted }))
}

fn bind_values(sql: &mut Sql, v: &CustomerValues<'_>) {
    sql.bind(v.kind).push(", ").bind(v.salutation).push(", ");
    sql.bind(v.first_name)
        .push(", ")
        .bind(v.last_name)
        .push(", ");
    sql.bind(v.company_name)
        .push(", ")
        .bind(v.display_name)
        .push(", ");
    sql.bind(v.birth_date).push(", ").bind(v.street).push(", ");
    sql.bind(v.postal_code).push(", ").bind(v.city).push(", ");
    sql.bind(v.country).push(", ").bind(v.email).push(", ");
    sql.bind(v.phone).push(", ").bind(v.iban).push(", ");
    sql.bind(v.bic).push(", ").bind(v.account_holder).push(", ");
    sql.bind(v.account_manager_id).push(", ").bind(v.clerk_id);
}

const COLUMNS: &str = "kind, salutation, first_name, last_name, company_name, display_name, \
    birth_date, street, postal_code, city, country, email, phone, iban, bic, account_holder, \
    account_manager_id, clerk_id";

pub async fn insert(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    v: &CustomerValues<'_>,
    at: DateTime<Utc>,
) -> Result<i64> {
    let mut sql = Sql::new(format!(
        "INSERT INTO customers (tenant_id, external_id, created_at, updated_at, {COLUMNS}) VALUES ("
    ));
    sql.bind(tenant).push(", ").bind(ext).push(", ");
    sql.bind(at).push(", ").bind(at).push(", ");
    bind_values(&mut sql, v);
    sql.push(")");
    tx.insert_returning_id(sql).await
}

/// The inserts of new customers of a bulk batch, built ahead of its
/// transaction.
pub fn build_insert(
    backend: Backend,
    tenant: TenantId,
    rows: &[(&str, CustomerValues<'_>)],
    at: DateTime<Utc>,
) -> RowsInsert {
    super::bulk_rows::build_insert(
        backend,
        super::bulk_rows::BulkTable::Customers,
        COLUMNS,
        tenant,
        rows,
        at,
        bind_values,
    )
}

/// Overwrites the record (and undeletes it).
pub async fn update(tx: &mut Tx, id: i64, v: &CustomerValues<'_>, at: DateTime<Utc>) -> Result<()> {
    let mut sql = Sql::new("UPDATE customers SET deleted_at = NULL, updated_at = ");
    sql.bind(at).push(", (");
    sql.push(COLUMNS).push(") = (");
    bind_values(&mut sql, v);
    sql.push(") WHERE id = ").bind(id);
    tx.execute(sql).await?;
    Ok(())
}

/// Marks the live customer deleted; its id, or `None` when there is none.
pub async fn delete(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    at: DateTime<Utc>,
) -> Result<Option<i64>> {
    super::soft_delete(tx, "customers", tenant, ext, at).await
}
