//! The sync API's bulk batches (issue 11): one look-up of many external
//! ids per table, and inserts of many new records per statement.
//!
//! A batch's rows travel as one JSON array bound as a single value and
//! unpacked by the database (`json_each` on SQLite, `jsonb_array_elements`
//! on PostgreSQL), instead of one bind value per column and row: binding
//! ~20 values per row through the driver cost more than SQLite's insert
//! itself (see docs/benchmarks.md, "Sync API bulk"). A row's reference
//! (a contract's customer, an object's contract) is its external id,
//! resolved to the id inside the statement, so the rows of one table need
//! nothing back from the statement before them.

use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};
use kp_domain::TenantId;

use super::Existing;
use crate::Result;
use crate::args::{Arg, Sql};
use crate::db::{Backend, Tx};
use crate::error::StorageError;

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

/// A new record of a bulk insert: its external id, the external id of the
/// record its first column refers to (empty for a table without one), and
/// its values.
#[derive(Debug)]
pub struct NewRecord<'a, T> {
    pub external_id: &'a str,
    pub reference: &'a str,
    pub values: T,
}

/// The tenant's records (live or deleted) among `exts`, by external id;
/// an id without a record is absent from the answer.
pub async fn existing_many(
    tx: &mut Tx,
    table: BulkTable,
    tenant: TenantId,
    exts: &[&str],
) -> Result<HashMap<String, Existing>> {
    let list = match tx.backend() {
        Backend::Sqlite => "SELECT value FROM json_each($2)",
        Backend::Postgres => "SELECT jsonb_array_elements_text($2::jsonb)",
    };
    let sql = Sql::new(format!(
        "SELECT external_id, id, deleted_at IS NOT NULL FROM {} WHERE tenant_id = $1 \
         AND external_id IN ({list})",
        table.name()
    ))
    .arg(tenant)
    .arg(json_text(&exts)?);
    let rows: Vec<(String, i64, bool)> = tx.fetch_all(sql).await?;
    Ok(rows
        .into_iter()
        .map(|(ext, id, deleted)| (ext, Existing { id, deleted }))
        .collect())
}

/// Inserts new records of the tenant in one statement. `columns` are the
/// table's value columns in the order `bind` binds them; with `reference`,
/// the first of them refers to a live record of that table, named in each
/// row by [`NewRecord::reference`] (the value `bind` gives it is ignored).
/// A reference that names no live record leaves the column NULL, which
/// its NOT NULL constraint refuses: the statement fails whole.
pub(crate) async fn insert_many<T>(
    tx: &mut Tx,
    table: BulkTable,
    columns: &str,
    reference: Option<BulkTable>,
    tenant: TenantId,
    rows: &[NewRecord<'_, T>],
    at: DateTime<Utc>,
    bind: fn(&mut Sql, &T),
) -> Result<()> {
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let backend = tx.backend();
    let mut scratch = Sql::default();
    bind(&mut scratch, &first.values);
    let mut select = String::from("$1, j.value ->> 0, $2, $2");
    for (i, arg) in scratch.args.iter().enumerate() {
        let element = format!("j.value ->> {}", i + 1);
        match (i, reference) {
            (0, Some(target)) => select.push_str(&format!(
                ", (SELECT r.id FROM {} r WHERE r.tenant_id = $1 AND r.external_id = {element} \
                 AND r.deleted_at IS NULL)",
                target.name()
            )),
            _ => {
                select.push_str(", ");
                select.push_str(&cast(backend, arg, &element));
            }
        }
    }
    let mut array = Vec::with_capacity(rows.len() * 256);
    array.push(b'[');
    for (n, row) in rows.iter().enumerate() {
        scratch.args.clear();
        bind(&mut scratch, &row.values);
        if let (Some(_), Some(first)) = (reference, scratch.args.first_mut()) {
            *first = Arg::Text(Some(row.reference.to_owned()));
        }
        if n > 0 {
            array.push(b',');
        }
        array.push(b'[');
        push_string(&mut array, row.external_id)?;
        for arg in &scratch.args {
            array.push(b',');
            push_value(&mut array, arg)?;
        }
        array.push(b']');
    }
    array.push(b']');
    let array =
        String::from_utf8(array).map_err(|e| StorageError::Corrupt(format!("bulk rows: {e}")))?;
    let sql = Sql::new(format!(
        "INSERT INTO {} (tenant_id, external_id, created_at, updated_at, {columns}) \
         SELECT {select} FROM {} ORDER BY j.key",
        table.name(),
        elements(backend, "$3"),
    ))
    .arg(tenant)
    .arg(at)
    .arg(array);
    tx.execute(sql).await?;
    Ok(())
}

/// The rows of a JSON array bound as `param`, as `j.value` (a row) in
/// array order `j.key`.
pub(crate) fn elements(backend: Backend, param: &str) -> String {
    match backend {
        Backend::Sqlite => format!("json_each({param}) j"),
        Backend::Postgres => {
            format!("jsonb_array_elements({param}::jsonb) WITH ORDINALITY AS j(value, key)")
        }
    }
}

/// A JSON element as the column's type: SQLite's `->>` already gives
/// integers, text and NULL; PostgreSQL's gives text, cast here.
fn cast(backend: Backend, arg: &Arg, element: &str) -> String {
    let pg_type = match (backend, arg) {
        (Backend::Sqlite, _) | (_, Arg::Text(_)) => return element.to_owned(),
        (_, Arg::I64(_)) => "bigint",
        (_, Arg::Bool(_)) => "boolean",
        (_, Arg::Date(_)) => "date",
        (_, Arg::Time(_)) => "timestamptz",
    };
    format!("CAST({element} AS {pg_type})")
}

/// A bind value as JSON, written as sqlx writes it to SQLite (dates
/// `%F`, times RFC 3339 with the seconds' fraction as needed, booleans 1/0)
/// so that bulk rows compare and sort like the others.
pub(crate) fn push_value(out: &mut Vec<u8>, arg: &Arg) -> Result<()> {
    match arg {
        Arg::I64(Some(v)) => serde_json::to_writer(&mut *out, v)
            .map_err(|e| StorageError::Corrupt(format!("bulk rows: {e}")))?,
        Arg::Bool(Some(v)) => out.push(if *v { b'1' } else { b'0' }),
        Arg::Text(Some(v)) => push_string(out, v)?,
        Arg::Date(Some(v)) => push_string(out, &v.format("%F").to_string())?,
        Arg::Time(Some(v)) => push_string(out, &v.to_rfc3339_opts(SecondsFormat::AutoSi, false))?,
        Arg::I64(None) | Arg::Bool(None) | Arg::Text(None) | Arg::Date(None) | Arg::Time(None) => {
            out.extend_from_slice(b"null")
        }
    }
    Ok(())
}

pub(crate) fn push_string(out: &mut Vec<u8>, text: &str) -> Result<()> {
    serde_json::to_writer(out, text).map_err(|e| StorageError::Corrupt(format!("bulk rows: {e}")))
}

fn json_text(exts: &[&str]) -> Result<String> {
    serde_json::to_string(exts).map_err(|e| StorageError::Corrupt(format!("bulk rows: {e}")))
}
