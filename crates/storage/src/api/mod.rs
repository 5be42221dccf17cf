//! Reads and writes of the sync API (issue 11). The API acts for one
//! tenant (its token's): every function here takes that [`TenantId`] and
//! binds it into its statement, so a record of another tenant is never
//! read, matched or written — the tenant is the API's scope. Records the
//! back office deleted (`deleted_at`) are not read back, but an upsert
//! finds them by external id and brings them back.

pub mod bulk_rows;
pub mod claims;
pub mod contracts;
pub mod customers;
pub mod documents;
pub mod finance;
pub mod idempotency;
pub mod objects;
pub mod organizations;
pub mod rates;
pub mod refs;
pub mod staff;
pub mod tenant;
pub mod tokens;

use chrono::{DateTime, Utc};
use kp_domain::TenantId;

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

/// Marks the tenant's live record `ext` of `table` (one of this module's
/// own tables, never input) deleted; its id, or `None` when there is none.
pub(crate) async fn soft_delete(
    tx: &mut Tx,
    table: &'static str,
    tenant: TenantId,
    ext: &str,
    at: DateTime<Utc>,
) -> Result<Option<i64>> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            Sql::new(format!(
                "UPDATE {table} SET deleted_at = $1, updated_at = $1 \
                 WHERE tenant_id = $2 AND external_id = $3 AND deleted_at IS NULL RETURNING id"
            ))
            .arg(at)
            .arg(tenant)
            .arg(ext),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// One page of a list: records after `after_id`, changed at or after
/// `updated_since`, at most `limit`.
#[derive(Debug, Clone, Copy)]
pub struct PageQuery {
    pub after_id: i64,
    pub updated_since: Option<DateTime<Utc>>,
    pub limit: i64,
}

/// ` AND x.id > … [AND x.updated_at >= …] ORDER BY x.id LIMIT …` for a
/// list of live records of table alias `x`.
pub(crate) fn page(sql: &mut Sql, x: &str, q: &PageQuery) {
    sql.push(" AND ").push(x).push(".deleted_at IS NULL AND ");
    sql.push(x).push(".id > ").bind(q.after_id);
    if let Some(since) = q.updated_since {
        sql.push(" AND ")
            .push(x)
            .push(".updated_at >= ")
            .bind(since);
    }
    sql.push(" ORDER BY ")
        .push(x)
        .push(".id LIMIT ")
        .bind(q.limit);
}

/// Where an upsert found its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Existing {
    pub id: i64,
    pub deleted: bool,
}
