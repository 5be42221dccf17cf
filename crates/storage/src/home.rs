//! The counts on the home pages, each filtered by the scope predicate.

use kp_domain::{ClaimStatus, Scope};

use crate::Result;
use crate::db::Db;
use crate::scope_sql::{self, Context};

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
    let mut sql = scope_sql::statement(scope);
    sql.push("SELECT (SELECT COUNT(*) FROM customers cu WHERE ");
    scope_sql::customer(scope, "cu.id", &mut sql);
    sql.push("), (SELECT COUNT(*) FROM contracts k WHERE ");
    scope_sql::contract(scope, "k", &mut sql);
    sql.push("), (SELECT COUNT(*) FROM insured_objects o WHERE ");
    scope_sql::object(scope, "o", &mut sql);
    sql.push("), (SELECT COUNT(*) FROM claims c WHERE ");
    scope_sql::claim(scope, "c", &mut sql);
    sql.push("), (SELECT COUNT(*) FROM claims c WHERE c.status IN ");
    sql.bind_list([
        ClaimStatus::Reported,
        ClaimStatus::InReview,
        ClaimStatus::Accepted,
    ]);
    sql.push(" AND ");
    scope_sql::claim(scope, "c", &mut sql);
    sql.push("), (SELECT COUNT(*) FROM documents d WHERE ");
    scope_sql::in_context(scope, "d", Context::FULL, &mut sql);
    sql.push(
        "), (SELECT COUNT(*) FROM finance_items f WHERE NOT f.paid AND f.kind <> 'credit' AND ",
    );
    scope_sql::in_context(scope, "f", Context::CONTRACT, &mut sql);
    sql.push(")");
    let row: (i64, i64, i64, i64, i64, i64, i64) = db.fetch_one(sql).await?;
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
