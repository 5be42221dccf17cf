//! Insured objects through the sync API.

use chrono::{DateTime, Utc};
use kp_domain::TenantId;

use super::bulk_rows::RowsInsert;
use super::{Existing, PageQuery, page};
use crate::Result;
use crate::args::Sql;
use crate::db::{Backend, Db, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ObjectRow {
    pub id: i64,
    pub external_id: String,
    pub contract: String,
    pub kind: String,
    pub description: String,
    pub site: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub plate: String,
    pub vin: String,
    pub manufacturer: String,
    pub model: String,
    pub construction_year: Option<i32>,
    pub value_minor: Option<i64>,
    pub currency: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct ObjectValues<'a> {
    pub contract_id: i64,
    pub kind: &'a str,
    pub description: &'a str,
    pub site: &'a str,
    pub street: &'a str,
    pub postal_code: &'a str,
    pub city: &'a str,
    pub country: &'a str,
    pub plate: &'a str,
    pub vin: &'a str,
    pub manufacturer: &'a str,
    pub model: &'a str,
    pub construction_year: Option<i32>,
    pub value_minor: Option<i64>,
    pub currency: &'a str,
}

fn select(tenant: TenantId) -> Sql {
    let mut sql = Sql::new(
        "SELECT o.id, o.external_id, k.external_id AS contract, o.kind, o.description, o.site, \
         o.street, o.postal_code, o.city, o.country, o.plate, o.vin, o.manufacturer, o.model, \
         o.construction_year, o.value_minor, o.currency, o.created_at, o.updated_at \
         FROM insured_objects o JOIN contracts k ON k.id = o.contract_id WHERE o.tenant_id = ",
    );
    sql.bind(tenant);
    sql
}

fn one(tenant: TenantId, ext: &str) -> Sql {
    let mut sql = select(tenant);
    sql.push(" AND o.deleted_at IS NULL AND o.external_id = ")
        .bind(ext);
    sql
}

pub async fn get(db: &Db, tenant: TenantId, ext: &str) -> Result<Option<ObjectRow>> {
    db.fetch_optional(one(tenant, ext)).await
}

pub async fn get_in(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<ObjectRow>> {
    tx.fetch_optional(one(tenant, ext)).await
}

pub async fn list(db: &Db, tenant: TenantId, q: &PageQuery) -> Result<Vec<ObjectRow>> {
    let mut sql = select(tenant);
    page(&mut sql, "o", q);
    db.fetch_all(sql).await
}

pub async fn existing(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<Existing>> {
    let row: Option<(i64, bool)> = tx
        .fetch_optional(
            Sql::new(
                "SELECT id, deleted_at IS NOT NULL FROM insured_objects \
                 WHERE tenant_id = $1 AND external_id = $2",
            )
            .arg(tenant)
            .arg(ext),
        )
        .await?;
    Ok(row.map(|(id, deleted)| Existing { id, deleted }))
}

const COLUMNS: &str = "contract_id, kind, description, site, street, postal_code, city, \
    country, plate, vin, manufacturer, model, construction_year, value_minor, currency";

fn bind_values(sql: &mut Sql, v: &ObjectValues<'_>) {
    sql.bind(v.contract_id).push(", ").bind(v.kind).push(", ");
    sql.bind(v.description).push(", ").bind(v.site).push(", ");
    sql.bind(v.street).push(", ").bind(v.postal_code).push(", ");
    sql.bind(v.city).push(", ").bind(v.country).push(", ");
    sql.bind(v.plate).push(", ").bind(v.vin).push(", ");
    sql.bind(v.manufacturer).push(", ").bind(v.model).push(", ");
    sql.bind(v.construction_year)
        .push(", ")
        .bind(v.value_minor)
        .push(", ");
    sql.bind(v.currency);
}

pub async fn insert(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    v: &ObjectValues<'_>,
    at: DateTime<Utc>,
) -> Result<i64> {
    let mut sql = Sql::new(format!(
        "INSERT INTO insured_objects (tenant_id, external_id, created_at, updated_at, {COLUMNS}) \
         VALUES ("
    ));
    sql.bind(tenant).push(", ").bind(ext).push(", ");
    sql.bind(at).push(", ").bind(at).push(", ");
    bind_values(&mut sql, v);
    sql.push(")");
    tx.insert_returning_id(sql).await
}

/// The inserts of new objects of a bulk batch, built ahead of its
/// transaction.
pub fn build_insert(
    backend: Backend,
    tenant: TenantId,
    rows: &[(&str, ObjectValues<'_>)],
    at: DateTime<Utc>,
) -> RowsInsert {
    super::bulk_rows::build_insert(
        backend,
        super::bulk_rows::BulkTable::Objects,
        COLUMNS,
        tenant,
        rows,
        at,
        bind_values,
    )
}

pub async fn update(tx: &mut Tx, id: i64, v: &ObjectValues<'_>, at: DateTime<Utc>) -> Result<()> {
    let mut sql = Sql::new("UPDATE insured_objects SET deleted_at = NULL, updated_at = ");
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
    super::soft_delete(tx, "insured_objects", tenant, ext, at).await
}

/// The contract id of a live object (a claim's object must belong to the
/// claim's contract).
pub async fn contract_of(tx: &mut Tx, object: i64) -> Result<Option<i64>> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            Sql::new("SELECT contract_id FROM insured_objects WHERE id = $1").arg(object),
        )
        .await?;
    Ok(row.map(|(c,)| c))
}
