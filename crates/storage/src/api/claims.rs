//! Claims through the sync API, with their status history.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::TenantId;

use super::{Existing, PageQuery, page};
use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimRow {
    pub id: i64,
    pub external_id: String,
    pub contract: String,
    pub object: Option<String>,
    pub broker_claim_number: String,
    pub insurer_claim_number: String,
    pub date_of_loss: NaiveDate,
    pub reported_on: NaiveDate,
    pub claim_type: String,
    pub cause: String,
    pub place: String,
    pub description: String,
    pub status: String,
    pub reserve_minor: i64,
    pub paid_minor: i64,
    pub currency: String,
    pub handler: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One entry of a claim's status history.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StatusEntry {
    pub status: String,
    pub note: String,
    pub changed_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct ClaimValues<'a> {
    pub contract_id: i64,
    pub object_id: Option<i64>,
    pub broker_claim_number: &'a str,
    pub insurer_claim_number: &'a str,
    pub date_of_loss: NaiveDate,
    pub reported_on: NaiveDate,
    pub claim_type: &'a str,
    pub cause: &'a str,
    pub place: &'a str,
    pub description: &'a str,
    pub status: &'a str,
    pub reserve_minor: i64,
    pub paid_minor: i64,
    pub currency: &'a str,
    pub handler_id: Option<i64>,
}

fn select(tenant: TenantId) -> Sql {
    let mut sql = Sql::new(
        "SELECT c.id, c.external_id, k.external_id AS contract, o.external_id AS object, \
         c.broker_claim_number, c.insurer_claim_number, c.date_of_loss, c.reported_on, \
         c.claim_type, c.cause, c.place, c.description, c.status, c.reserve_minor, c.paid_minor, \
         c.currency, LOWER(h.email) AS handler, c.created_at, c.updated_at FROM claims c \
         JOIN contracts k ON k.id = c.contract_id \
         LEFT JOIN insured_objects o ON o.id = c.object_id \
         LEFT JOIN staff_users h ON h.id = c.handler_id WHERE c.tenant_id = ",
    );
    sql.bind(tenant);
    sql
}

fn one(tenant: TenantId, ext: &str) -> Sql {
    let mut sql = select(tenant);
    sql.push(" AND c.deleted_at IS NULL AND c.external_id = ")
        .bind(ext);
    sql
}

pub async fn get(db: &Db, tenant: TenantId, ext: &str) -> Result<Option<ClaimRow>> {
    db.fetch_optional(one(tenant, ext)).await
}

pub async fn get_in(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<ClaimRow>> {
    tx.fetch_optional(one(tenant, ext)).await
}

pub async fn list(db: &Db, tenant: TenantId, q: &PageQuery) -> Result<Vec<ClaimRow>> {
    let mut sql = select(tenant);
    page(&mut sql, "c", q);
    db.fetch_all(sql).await
}

fn history_sql(claim: i64) -> Sql {
    Sql::new(
        "SELECT status, note, changed_at FROM claim_status_history WHERE claim_id = $1 \
         ORDER BY changed_at, id",
    )
    .arg(claim)
}

pub async fn history(db: &Db, claim: i64) -> Result<Vec<StatusEntry>> {
    db.fetch_all(history_sql(claim)).await
}

pub async fn history_in(tx: &mut Tx, claim: i64) -> Result<Vec<StatusEntry>> {
    tx.fetch_all(history_sql(claim)).await
}

/// Replaces the status history.
pub async fn set_history(tx: &mut Tx, claim: i64, entries: &[StatusEntry]) -> Result<()> {
    tx.execute(Sql::new("DELETE FROM claim_status_history WHERE claim_id = $1").arg(claim))
        .await?;
    for e in entries {
        tx.execute(
            Sql::new(
                "INSERT INTO claim_status_history (claim_id, status, note, changed_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .arg(claim)
            .arg(&e.status)
            .arg(&e.note)
            .arg(e.changed_at),
        )
        .await?;
    }
    Ok(())
}

pub async fn existing(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<Existing>> {
    let row: Option<(i64, bool)> = tx
        .fetch_optional(
            Sql::new(
                "SELECT id, deleted_at IS NOT NULL FROM claims \
                 WHERE tenant_id = $1 AND external_id = $2",
            )
            .arg(tenant)
            .arg(ext),
        )
        .await?;
    Ok(row.map(|(id, deleted)| Existing { id, deleted }))
}

const COLUMNS: &str = "contract_id, object_id, broker_claim_number, insurer_claim_number, \
    date_of_loss, reported_on, claim_type, cause, place, description, status, reserve_minor, \
    paid_minor, currency, handler_id";

fn bind_values(sql: &mut Sql, v: &ClaimValues<'_>) {
    sql.bind(v.contract_id)
        .push(", ")
        .bind(v.object_id)
        .push(", ");
    sql.bind(v.broker_claim_number)
        .push(", ")
        .bind(v.insurer_claim_number)
        .push(", ");
    sql.bind(v.date_of_loss)
        .push(", ")
        .bind(v.reported_on)
        .push(", ");
    sql.bind(v.claim_type).push(", ").bind(v.cause).push(", ");
    sql.bind(v.place).push(", ").bind(v.description).push(", ");
    sql.bind(v.status)
        .push(", ")
        .bind(v.reserve_minor)
        .push(", ");
    sql.bind(v.paid_minor)
        .push(", ")
        .bind(v.currency)
        .push(", ");
    sql.bind(v.handler_id);
}

pub async fn insert(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    v: &ClaimValues<'_>,
    at: DateTime<Utc>,
) -> Result<i64> {
    let mut sql = Sql::new(format!(
        "INSERT INTO claims (tenant_id, external_id, created_at, updated_at, {COLUMNS}) VALUES ("
    ));
    sql.bind(tenant).push(", ").bind(ext).push(", ");
    sql.bind(at).push(", ").bind(at).push(", ");
    bind_values(&mut sql, v);
    sql.push(")");
    tx.insert_returning_id(sql).await
}

pub async fn update(tx: &mut Tx, id: i64, v: &ClaimValues<'_>, at: DateTime<Utc>) -> Result<()> {
    let mut sql = Sql::new("UPDATE claims SET deleted_at = NULL, updated_at = ");
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
    super::soft_delete(tx, "claims", tenant, ext, at).await
}

/// Gives claim `id` the external id `ext` (a claim made in the portal
/// adopted by the back office under its own id).
pub async fn rename(tx: &mut Tx, id: i64, ext: &str) -> Result<()> {
    tx.execute(
        Sql::new("UPDATE claims SET external_id = $1 WHERE id = $2")
            .arg(ext)
            .arg(id),
    )
    .await?;
    Ok(())
}
