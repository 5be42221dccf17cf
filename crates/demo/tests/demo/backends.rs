//! Fresh databases and blob stores for the tests.

use kp_storage::{Db, Sql};

pub use kp_testkit::db::{TestDb as Fresh, postgres, sqlite};

/// The tables the demo data fills: those its bulk path may write.
pub use kp_storage::write::bulk::TABLES;

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
