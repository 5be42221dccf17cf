//! The permission profile preview's check against the staff member's own
//! scope: the preview lists an organization's records as one of its users
//! sees them, but an organization's customers can span tenants, and an
//! administrator with tenants must not see another tenant's records
//! through it. These queries keep the ids (of rows the user's lists
//! produced) that the staff member's scope shows as well.

use kp_domain::Scope;

use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

/// The kinds of record the preview lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Contract,
    Object,
    Claim,
    Document,
    FinanceItem,
}

/// Of `ids` (of `kind`), those that `scope` shows.
pub async fn visible(db: &Db, scope: &Scope, kind: RecordKind, ids: &[i64]) -> Result<Vec<i64>> {
    if ids.is_empty() {
        // Nothing to ask (an empty list, or an area without rows).
        return Ok(Vec::new());
    }
    let mut q = Scoped::new(scope);
    let (table, alias) = match kind {
        RecordKind::Contract => ("contracts", "k"),
        RecordKind::Object => ("insured_objects", "o"),
        RecordKind::Claim => ("claims", "c"),
        RecordKind::Document => ("documents", "d"),
        RecordKind::FinanceItem => ("finance_items", "f"),
    };
    q.push("SELECT ")
        .push(alias)
        .push(".id FROM ")
        .push(table)
        .push(" ")
        .push(alias)
        .push(" WHERE ")
        .push(alias)
        .push(".id IN ")
        .bind_list(ids.iter().copied())
        .push(" AND ");
    match kind {
        RecordKind::Contract => q.contract(alias),
        RecordKind::Object => q.object(alias),
        RecordKind::Claim => q.claim(alias),
        RecordKind::Document => q.document(alias),
        RecordKind::FinanceItem => q.finance_item(alias),
    };
    let rows: Vec<(i64,)> = db.fetch_all(q.finish()?).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
