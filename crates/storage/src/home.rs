//! The counts on the home pages, each filtered by the scope predicate.

use kp_domain::{ClaimStatus, DocumentContextKind, Scope};

use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ScopeCounts {
    pub customers: i64,
    pub contracts: i64,
    pub objects: i64,
    pub claims: i64,
    pub open_claims: i64,
    pub documents: i64,
    pub open_invoices: i64,
}

/// One round trip: every count as a scalar subquery of a single SELECT.
pub async fn counts(db: &Db, scope: &Scope) -> Result<ScopeCounts> {
    let mut q = Scoped::new(scope);
    q.push("SELECT (SELECT COUNT(*) FROM customers cu WHERE ")
        .customer_record("cu.id")
        .push("), (SELECT COUNT(*) FROM contracts k WHERE ")
        .contract("k")
        .push("), (SELECT COUNT(*) FROM insured_objects o WHERE ")
        .object("o")
        .push("), (SELECT COUNT(*) FROM claims c WHERE ")
        .claim("c")
        .push("), (SELECT COUNT(*) FROM claims c WHERE c.status IN ")
        .bind_list([
            ClaimStatus::Reported,
            ClaimStatus::InReview,
            ClaimStatus::Accepted,
            ClaimStatus::Received,
            ClaimStatus::Assessment,
            ClaimStatus::Settlement,
        ])
        .push(" AND ")
        .claim("c")
        .push("), (SELECT COUNT(*) FROM documents d WHERE ")
        .document("d")
        .push(
            "), (SELECT COUNT(*) FROM finance_items f WHERE NOT f.paid AND f.kind <> 'credit' AND ",
        )
        .finance_item("f")
        .push(")");
    let row: (i64, i64, i64, i64, i64, i64, i64) = db.fetch_one(q.finish()?).await?;
    Ok(ScopeCounts {
        customers: row.0,
        contracts: row.1,
        objects: row.2,
        claims: row.3,
        open_claims: row.4,
        documents: row.5,
        open_invoices: row.6,
    })
}

/// The documents in the scope that belong to records of the `shown` kinds
/// (a profile hiding an area does not count that area's documents).
pub async fn count_documents(db: &Db, scope: &Scope, shown: &[DocumentContextKind]) -> Result<i64> {
    let mut q = Scoped::new(scope);
    q.push("SELECT COUNT(*) FROM documents d WHERE ")
        .document("d")
        .push(" AND ");
    crate::lists::documents::of_kinds(&mut q, shown);
    let (n,): (i64,) = db.fetch_one(q.finish()?).await?;
    Ok(n)
}
