//! Fresh databases and blob stores for the tests.

use kp_storage::{Db, Sql};

pub use kp_testkit::db::{TestDb as Fresh, postgres, sqlite};

pub const TABLES: &[&str] = &[
    "tenants",
    "staff_users",
    "staff_user_tenants",
    "organizations",
    "customers",
    "permission_profiles",
    "portal_users",
    "insurers",
    "contracts",
    "contract_co_insured",
    "insured_objects",
    "portal_user_scope_customers",
    "portal_user_scope_objects",
    "claims",
    "claim_status_history",
    "finance_items",
    "transport_certificates",
    "conversations",
    "messages",
    "documents",
    "exchange_rates",
];

pub async fn count(db: &Db, table: &str) -> i64 {
    let (n,): (i64,) = db
        .fetch_one(Sql::new(format!("SELECT COUNT(*) FROM {table}")))
        .await
        .unwrap();
    n
}

pub async fn counts(db: &Db) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for table in TABLES {
        out.push((*table, count(db, table).await));
    }
    out
}
