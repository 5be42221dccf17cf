//! Fresh, migrated databases: SQLite in a temporary directory always, and
//! PostgreSQL when `KUNDENPORTAL_TEST_POSTGRES_URL` names a server (each a
//! new database, dropped by [`TestDb::drop_db`] or, failing that, when the
//! `TestDb` is dropped).

use std::sync::atomic::{AtomicU32, Ordering};

use kp_documents::BlobStore;
use kp_storage::{Db, Sql, migrate};

pub const POSTGRES_ENV: &str = "KUNDENPORTAL_TEST_POSTGRES_URL";

pub struct TestDb {
    pub db: Db,
    /// A blob store in the test's own temporary directory.
    pub blobs: BlobStore,
    pub label: &'static str,
    pub dir: tempfile::TempDir,
    cleanup: Option<(String, String)>,
}

impl TestDb {
    /// Closes the pools and drops the PostgreSQL database, if any.
    pub async fn drop_db(mut self) {
        self.db.close().await;
        if let Some((admin_url, name)) = self.cleanup.take() {
            drop_database(&admin_url, &name).await;
        }
    }
}

/// A test that ends without [`TestDb::drop_db`] (an early return, a helper
/// that keeps its own) still drops its PostgreSQL database, on a thread
/// of its own: `Drop` cannot wait on the test's runtime.
impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.cleanup.take() else {
            return;
        };
        let dropped = std::thread::spawn(move || {
            if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                rt.block_on(drop_database(&admin_url, &name));
            }
        });
        let _ = dropped.join();
    }
}

async fn drop_database(admin_url: &str, name: &str) {
    if let Ok(admin) = Db::connect(admin_url).await {
        let drop = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        let _ = admin.execute(Sql::new(drop)).await;
        admin.close().await;
    }
}

pub fn postgres_url() -> Option<String> {
    std::env::var(POSTGRES_ENV).ok().filter(|u| !u.is_empty())
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open_sqlite_file(&dir.path().join("test.db"))
        .await
        .unwrap();
    migrate::run(&db).await.unwrap();
    let blobs = BlobStore::local(dir.path().join("documents"));
    TestDb {
        db,
        blobs,
        label: "sqlite",
        dir,
        cleanup: None,
    }
}

/// A fresh PostgreSQL database, or `None` with the reason printed.
pub async fn postgres() -> Option<TestDb> {
    let Some(url) = postgres_url() else {
        eprintln!("skipping PostgreSQL: {POSTGRES_ENV} is not set");
        return None;
    };
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "kp_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    );
    let admin = Db::connect(&url).await.unwrap();
    admin
        .execute(Sql::new(format!("CREATE DATABASE \"{name}\"")))
        .await
        .unwrap();
    admin.close().await;
    let db = Db::connect(&replace_database(&url, &name)).await.unwrap();
    migrate::run(&db).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let blobs = BlobStore::local(dir.path().join("documents"));
    Some(TestDb {
        db,
        blobs,
        label: "postgres",
        dir,
        cleanup: Some((url, name)),
    })
}

/// SQLite always, PostgreSQL when configured.
pub async fn all() -> Vec<TestDb> {
    let mut out = vec![sqlite().await];
    if let Some(pg) = postgres().await {
        out.push(pg);
    }
    out
}

/// `postgres://u@h:5432/test?x` with the database part replaced.
pub fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[after_scheme..].find('/') {
        Some(slash) => &base[..after_scheme + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_are_replaced_keeping_the_query() {
        assert_eq!(
            replace_database("postgres://u@h:5432/test?ssl=off", "x"),
            "postgres://u@h:5432/x?ssl=off"
        );
        assert_eq!(replace_database("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
