//! Fresh databases and blob stores for the tests.

use kp_storage::{Db, Sql};

pub use kp_testkit::db::{TestDb as Fresh, postgres, sqlite};

use kp_storage::write::bulk::TABLES;

/// The users and their login identities, written one by one.
const USER_TABLES: [&str; 3] = ["staff_users", "portal_users", "login_identities"];

pub async fn count(db: &Db, table: &str) -> i64 {
    let (n,): (i64,) = db
        .fetch_one(Sql::new(format!("SELECT COUNT(*) FROM {table}")))
        .await
        .unwrap();
    n
}

pub async fn counts(db: &Db) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    // The tables the demo data fills: those its bulk path may write, and
    // the users.
    for table in TABLES.iter().chain(USER_TABLES.iter()) {
        out.push((*table, count(db, table).await));
    }
    out
}
