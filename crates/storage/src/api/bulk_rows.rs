//! The sync API's bulk batches (issue 11): one look-up of many external
//! ids per table, and multi-row inserts of new records, each statement
//! chunked under the backend's bind-parameter limit.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kp_domain::TenantId;

use super::Existing;
use crate::Result;
use crate::args::Sql;
use crate::db::Tx;
use crate::write::bulk::max_params;

/// The tables a bulk batch looks up and inserts into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BulkTable {
    Customers,
    Contracts,
    Objects,
}

impl BulkTable {
    fn name(self) -> &'static str {
        match self {
            BulkTable::Customers => "customers",
            BulkTable::Contracts => "contracts",
            BulkTable::Objects => "insured_objects",
        }
    }
}

/// The tenant's records (live or deleted) among `exts`, by external id;
/// an id without a record is absent from the answer.
pub async fn existing_many(
    tx: &mut Tx,
    table: BulkTable,
    tenant: TenantId,
    exts: &[&str],
) -> Result<HashMap<String, Existing>> {
    let mut found = HashMap::with_capacity(exts.len());
    // One parameter is the tenant.
    let per_chunk = max_params(tx.backend()) - 1;
    for chunk in exts.chunks(per_chunk) {
        let mut sql = Sql::new(format!(
            "SELECT external_id, id, deleted_at IS NOT NULL FROM {} WHERE tenant_id = ",
            table.name()
        ));
        sql.bind(tenant).push(" AND external_id IN ");
        sql.bind_list(chunk.iter().copied());
        let rows: Vec<(String, i64, bool)> = tx.fetch_all(sql).await?;
        for (ext, id, deleted) in rows {
            found.insert(ext, Existing { id, deleted });
        }
    }
    Ok(found)
}

/// Inserts new records of the tenant (external id and values) with as few
/// statements as the parameter limit allows; their ids by external id.
/// `columns` are the table's value columns in the order `bind` binds them.
pub(crate) async fn insert_many<T>(
    tx: &mut Tx,
    table: BulkTable,
    columns: &str,
    tenant: TenantId,
    rows: &[(&str, T)],
    at: DateTime<Utc>,
    bind: fn(&mut Sql, &T),
) -> Result<HashMap<String, i64>> {
    let mut ids = HashMap::with_capacity(rows.len());
    // tenant_id, external_id, created_at, updated_at and the value columns.
    let per_row = 4 + columns.split(',').count();
    let per_chunk = (max_params(tx.backend()) / per_row).max(1);
    for chunk in rows.chunks(per_chunk) {
        let mut sql = Sql::new(format!(
            "INSERT INTO {} (tenant_id, external_id, created_at, updated_at, {columns}) VALUES ",
            table.name()
        ));
        for (i, (ext, values)) in chunk.iter().enumerate() {
            sql.push(if i == 0 { "(" } else { ", (" });
            sql.bind(tenant).push(", ").bind(*ext).push(", ");
            sql.bind(at).push(", ").bind(at).push(", ");
            bind(&mut sql, values);
            sql.push(")");
        }
        // The ids come back with their external ids: the order of
        // RETURNING rows is not promised by either database.
        sql.push(" RETURNING external_id, id");
        let returned: Vec<(String, i64)> = tx.fetch_all(sql).await?;
        ids.extend(returned);
    }
    Ok(ids)
}
