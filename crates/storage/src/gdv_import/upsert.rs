//! Compare-then-write upserts keyed by `(tenant_id, external_id)`.

use chrono::{DateTime, Utc};
use kp_domain::{ContractId, CustomerId, InsurerId, TenantId};

use crate::Result;
use crate::args::{Arg, Sql};
use crate::db::{Row, Tx};

/// What an upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Created,
    Updated,
    Unchanged,
}

/// The columns an import sets, in one struct per table, read back in the
/// same shape so that "unchanged" is a plain comparison.
pub(super) trait Columns: Row + PartialEq {
    const TABLE: &'static str;
    const COLUMNS: &'static [&'static str];
    /// The table and id the new row takes its `tenant_id` from.
    fn parent(&self, tenant: TenantId) -> (&'static str, i64);
    /// Values in `COLUMNS` order.
    fn values(&self) -> Vec<Arg>;
}

#[derive(sqlx::FromRow)]
struct Existing<T> {
    id: i64,
    #[sqlx(flatten)]
    fields: T,
}

pub(super) async fn upsert<T: Columns>(
    tx: &mut Tx,
    tenant: TenantId,
    external_id: &str,
    fields: &T,
    now: DateTime<Utc>,
) -> Result<(i64, Outcome, Option<T>)> {
    let cols = T::COLUMNS.join(", ");
    let found: Option<Existing<T>> = tx
        .fetch_optional(
            Sql::new(format!(
                "SELECT id, {cols} FROM {} WHERE tenant_id = $1 AND external_id = $2",
                T::TABLE
            ))
            .arg(tenant)
            .arg(external_id),
        )
        .await?;
    match found {
        Some(row) if row.fields == *fields => Ok((row.id, Outcome::Unchanged, None)),
        Some(row) => {
            let mut sql = Sql::new(format!("UPDATE {} SET ", T::TABLE));
            for (name, value) in T::COLUMNS.iter().zip(fields.values()) {
                sql.push(name).push(" = ").bind(value).push(", ");
            }
            sql.push("updated_at = ").bind(now);
            sql.push(" WHERE id = ").bind(row.id);
            tx.execute(sql).await?;
            Ok((row.id, Outcome::Updated, Some(row.fields)))
        }
        None => {
            let (parent, parent_id) = fields.parent(tenant);
            let mut sql = Sql::new(format!(
                "INSERT INTO {} (tenant_id, external_id, {cols}, created_at, updated_at) SELECT p.{}, ",
                T::TABLE,
                if parent == "tenants" {
                    "id"
                } else {
                    "tenant_id"
                }
            ));
            sql.bind(external_id).push(", ");
            for value in fields.values() {
                sql.bind(value).push(", ");
            }
            sql.bind(now).push(", ").bind(now);
            sql.push(&format!(" FROM {parent} p WHERE p.id = "))
                .bind(parent_id);
            let id = crate::write::insert_from_parent(tx, sql).await?;
            Ok((id, Outcome::Created, None))
        }
    }
}

/// The insurer with this VU number, created (named after the Vorsatz's
/// sender) when unknown. An existing insurer's names are left alone: the
/// broker may have tidied them.
pub async fn insurer_by_vu(
    tx: &mut Tx,
    vu_number: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(InsurerId, Outcome)> {
    let found: Option<(i64,)> = tx
        .fetch_optional(Sql::new("SELECT id FROM insurers WHERE vu_number = $1").arg(vu_number))
        .await?;
    if let Some((id,)) = found {
        return Ok((InsurerId(id), Outcome::Unchanged));
    }
    let id = tx
        .insert_returning_id(
            Sql::new(
                "INSERT INTO insurers (name, short_name, bafin_number, vu_number, created_at, updated_at) \
                 VALUES ($1, $2, '', $3, $4, $4)",
            )
            .arg(name)
            .arg(name)
            .arg(vu_number)
            .arg(now),
        )
        .await?;
    Ok((InsurerId(id), Outcome::Created))
}

/// A record kept as delivered.
#[derive(Debug, Clone)]
pub struct RawRecord<'a> {
    pub contract: Option<ContractId>,
    /// The contract's external id, or '' outside any contract.
    pub contract_key: &'a str,
    pub import_id: i64,
    pub record_type: &'a str,
    pub reason: &'a str,
    pub line: i64,
    pub content: &'a str,
    pub content_sha256: &'a str,
}

/// Keeps a raw record; the same content on the same contract is kept once.
pub async fn keep_raw(
    tx: &mut Tx,
    tenant: TenantId,
    r: &RawRecord<'_>,
    now: DateTime<Utc>,
) -> Result<Outcome> {
    let n = tx
        .execute(
            Sql::new(
                "INSERT INTO gdv_raw_records (tenant_id, contract_id, contract_key, import_id, \
                 record_type, reason, line, content, content_sha256, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 ON CONFLICT (tenant_id, contract_key, content_sha256) DO NOTHING",
            )
            .arg(tenant)
            .arg(r.contract)
            .arg(r.contract_key)
            .arg(r.import_id)
            .arg(r.record_type)
            .arg(r.reason)
            .arg(r.line)
            .arg(r.content)
            .arg(r.content_sha256)
            .arg(now),
        )
        .await?;
    Ok(if n == 0 {
        Outcome::Unchanged
    } else {
        Outcome::Created
    })
}

/// The tenant's customer with this external id, if any.
pub async fn customer_by_external_id(
    tx: &mut Tx,
    tenant: TenantId,
    external_id: &str,
) -> Result<Option<CustomerId>> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            Sql::new("SELECT id FROM customers WHERE tenant_id = $1 AND external_id = $2")
                .arg(tenant)
                .arg(external_id),
        )
        .await?;
    Ok(row.map(|(id,)| CustomerId(id)))
}
