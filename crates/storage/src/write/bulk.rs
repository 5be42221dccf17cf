//! Bulk loading: multi-row `INSERT`s with explicit ids, chunked under the
//! bind-parameter limits, for large data sets (demo data, initial loads).
//!
//! Table and column names are never user input: they are `&'static str`
//! and additionally checked against [`TABLES`] and a plain identifier
//! pattern, because they are spliced into the SQL text.

use crate::args::{Arg, Sql};
use crate::db::{Backend, Tx};
use crate::{Result, StorageError};

/// Tables the bulk path may write. Users are not among them: their insert
/// functions also claim the login e-mail in `login_identities`.
pub const TABLES: &[&str] = &[
    "tenants",
    "staff_user_tenants",
    "organizations",
    "customers",
    "permission_profiles",
    "insurers",
    "contracts",
    "contract_co_insured",
    "insured_objects",
    "portal_user_scope_customers",
    "portal_user_scope_objects",
    "portal_user_scope_claims",
    "claims",
    "claim_status_history",
    "finance_items",
    "transport_certificates",
    "conversations",
    "messages",
    "documents",
    "exchange_rates",
    // The large demo set's log, for the audit page's benchmark.
    "audit_entries",
];

/// Bind parameters per statement: SQLite's default maximum is 32766,
/// PostgreSQL's wire protocol allows 65535.
pub fn max_params(backend: Backend) -> usize {
    match backend {
        Backend::Sqlite => 32_766,
        Backend::Postgres => 65_535,
    }
}

/// Inserts `rows` (each holding one value per column, in column order)
/// with as few statements as the parameter limit allows. Returns the
/// number of rows inserted.
pub async fn insert_rows(
    tx: &mut Tx,
    table: &'static str,
    columns: &[&'static str],
    rows: &[Vec<Arg>],
) -> Result<u64> {
    check_names(table, columns)?;
    if let Some(bad) = rows.iter().find(|r| r.len() != columns.len()) {
        return Err(StorageError::Config(format!(
            "bulk insert into {table}: row has {} values for {} columns",
            bad.len(),
            columns.len()
        )));
    }
    let per_chunk = (max_params(tx.backend()) / columns.len().max(1)).max(1);
    let mut inserted = 0;
    for chunk in rows.chunks(per_chunk) {
        inserted += tx.execute(statement(table, columns, chunk)).await?;
    }
    Ok(inserted)
}

/// One multi-row INSERT. The values are bound in row order, so on SQLite
/// the database layer's rewrite to anonymous `?` keeps parsing linear.
fn statement(table: &str, columns: &[&str], rows: &[Vec<Arg>]) -> Sql {
    let mut sql = Sql::new(format!(
        "INSERT INTO {table} ({}) VALUES ",
        columns.join(", ")
    ));
    for (i, row) in rows.iter().enumerate() {
        sql.push(if i == 0 { "" } else { ", " });
        sql.bind_list(row.iter().cloned());
    }
    sql
}

fn check_names(table: &str, columns: &[&str]) -> Result<()> {
    let plain = |name: &str| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    if !TABLES.contains(&table) {
        return Err(StorageError::Config(format!(
            "bulk insert into unknown table {table:?}"
        )));
    }
    if columns.is_empty() || !columns.iter().all(|c| plain(c)) {
        return Err(StorageError::Config(format!(
            "bulk insert into {table}: invalid column list"
        )));
    }
    Ok(())
}

/// The largest id in `table` (0 when empty), for callers that assign
/// explicit ids after the existing rows.
pub async fn max_id(tx: &mut Tx, table: &'static str) -> Result<i64> {
    check_names(table, &["id"])?;
    let (max,): (i64,) = tx
        .fetch_one(Sql::new(format!(
            "SELECT COALESCE(MAX(id), 0) FROM {table}"
        )))
        .await?;
    Ok(max)
}

/// After inserting explicit ids: on PostgreSQL, moves each table's identity
/// sequence past its largest id so that the next generated id does not
/// collide. SQLite's AUTOINCREMENT already tracks explicit ids.
pub async fn reset_id_sequences(tx: &mut Tx, tables: &[&'static str]) -> Result<()> {
    if tx.backend() != Backend::Postgres {
        return Ok(());
    }
    for table in tables {
        check_names(table, &["id"])?;
        // setval(…, NULL) on an empty table is a no-op (setval is strict).
        let _: (Option<i64>,) = tx
            .fetch_one(Sql::new(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            )))
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_number_placeholders_across_rows() {
        let rows = vec![
            vec![Arg::from(1_i64), Arg::from("a")],
            vec![Arg::from(2_i64), Arg::from("b")],
        ];
        let sql = statement("insurers", &["id", "name"], &rows);
        assert_eq!(
            sql.text(),
            "INSERT INTO insurers (id, name) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(sql.args().len(), 4);
    }

    #[test]
    fn unknown_tables_and_odd_columns_are_refused() {
        assert!(check_names("insurers", &["id", "name"]).is_ok());
        assert!(check_names("pg_user", &["id"]).is_err());
        assert!(check_names("insurers", &["id; DROP TABLE x"]).is_err());
        assert!(check_names("insurers", &[]).is_err());
    }
}
