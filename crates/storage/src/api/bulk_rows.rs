//! The sync API's bulk batches (issue 11): one look-up of many external
//! ids per table, and multi-row inserts of new records, each statement
//! chunked under the backend's bind-parameter limit.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use kp_domain::TenantId;

use super::Existing;
use crate::args::{Arg, Sql};
use crate::db::{Backend, Db, Tx};
use crate::write::bulk::max_params;
use crate::{Result, StorageError};

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
/// an id without a record is absent from the answer. Read outside any
/// transaction (the read pool): a bulk request looks up its next batch
/// while the one before it is still being written.
pub async fn existing_many(
    db: &Db,
    table: BulkTable,
    tenant: TenantId,
    exts: &[&str],
) -> Result<HashMap<String, Existing>> {
    let mut found = HashMap::with_capacity(exts.len());
    // One parameter is the tenant.
    let per_chunk = max_params(db.backend()) - 1;
    for chunk in exts.chunks(per_chunk) {
        let mut sql = Sql::new(format!(
            "SELECT external_id, id, deleted_at IS NOT NULL FROM {} WHERE tenant_id = ",
            table.name()
        ));
        sql.bind(tenant).push(" AND external_id IN ");
        sql.bind_list(chunk.iter().copied());
        let rows: Vec<(String, i64, bool)> = db.fetch_all(sql).await?;
        for (ext, id, deleted) in rows {
            found.insert(ext, Existing { id, deleted });
        }
    }
    Ok(found)
}

/// New records of one table, built before their batch's transaction so
/// that building the next batch's statements overlaps writing this one.
/// A row's first value column is its reference (a contract's customer, an
/// object's contract); a reference to a record inserted just before is
/// only known then, and is set with [`RowsInsert::set_reference`].
#[derive(Debug)]
pub struct RowsInsert {
    statements: Vec<Sql>,
    /// Per row: its statement and the index of its first value.
    rows: Vec<(usize, usize)>,
}

impl RowsInsert {
    /// Sets row `row`'s reference (first value column) to `id`.
    pub fn set_reference(&mut self, row: usize, id: i64) -> Result<()> {
        let slot = self
            .rows
            .get(row)
            .and_then(|&(statement, arg)| self.statements.get_mut(statement)?.args.get_mut(arg))
            .ok_or_else(|| StorageError::Corrupt(format!("bulk insert has no row {row}")))?;
        *slot = Arg::I64(Some(id));
        Ok(())
    }

    /// Runs the inserts; the new ids by external id.
    pub async fn run(self, tx: &mut Tx) -> Result<HashMap<String, i64>> {
        let mut ids = HashMap::with_capacity(self.rows.len());
        for sql in self.statements {
            let returned: Vec<(String, i64)> = tx.fetch_all(sql).await?;
            ids.extend(returned);
        }
        Ok(ids)
    }
}

/// Builds the inserts of new records of the tenant (external id and
/// values) with as few statements as the parameter limit allows.
/// `columns` are the table's value columns in the order `bind` binds them.
pub(crate) fn build_insert<T>(
    backend: Backend,
    table: BulkTable,
    columns: &str,
    tenant: TenantId,
    rows: &[(&str, T)],
    at: DateTime<Utc>,
    bind: fn(&mut Sql, &T),
) -> RowsInsert {
    // tenant_id, external_id, created_at, updated_at and the value columns.
    let per_row = 4 + columns.split(',').count();
    let per_chunk = (max_params(backend) / per_row).max(1);
    let mut out = RowsInsert {
        statements: Vec::with_capacity(rows.len().div_ceil(per_chunk)),
        rows: Vec::with_capacity(rows.len()),
    };
    for chunk in rows.chunks(per_chunk) {
        let mut sql = Sql::for_bulk(
            backend,
            format!(
                "INSERT INTO {} (tenant_id, external_id, created_at, updated_at, {columns}) VALUES ",
                table.name()
            ),
        );
        for (i, (ext, values)) in chunk.iter().enumerate() {
            sql.push(if i == 0 { "(" } else { ", (" });
            sql.bind(tenant).push(", ").bind(*ext).push(", ");
            sql.bind(at).push(", ").bind(at).push(", ");
            out.rows.push((out.statements.len(), sql.args.len()));
            bind(&mut sql, values);
            sql.push(")");
        }
        // The ids come back with their external ids: the order of
        // RETURNING rows is not promised by either database.
        sql.push(" RETURNING external_id, id");
        out.statements.push(sql);
    }
    out
}
