//! Fresh databases for tests, on every backend this machine offers.

use kp_storage::{Db, migrate};

pub struct TestDb {
    pub db: Db,
    pub label: &'static str,
    cleanup: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn drop_db(self) {
        self.db.close().await;
        if let Some((admin_url, name)) = self.cleanup {
            if let Ok(admin) = Db::connect(&admin_url).await {
                let _ = admin
                    .execute(kp_storage::Sql::new(format!(
                        "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                    )))
                    .await;
                admin.close().await;
            }
        }
    }
}

pub fn postgres_url() -> Option<String> {
    std::env::var("KUNDENPORTAL_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open_sqlite_file(&dir.path().join("test.db"))
        .await
        .unwrap();
    migrate::run(&db).await.unwrap();
    TestDb {
        db,
        label: "sqlite",
        cleanup: None,
        _dir: Some(dir),
    }
}

pub async fn postgres() -> Option<TestDb> {
    let Some(url) = postgres_url() else {
        eprintln!("skipping PostgreSQL: KUNDENPORTAL_TEST_POSTGRES_URL is not set");
        return None;
    };
    let admin = Db::connect(&url).await.unwrap();
    let name = format!("kp_test_{}_{}", std::process::id(), rand_suffix());
    admin
        .execute(kp_storage::Sql::new(format!("CREATE DATABASE \"{name}\"")))
        .await
        .unwrap();
    admin.close().await;
    let db_url = replace_database(&url, &name);
    let db = Db::connect(&db_url).await.unwrap();
    migrate::run(&db).await.unwrap();
    Some(TestDb {
        db,
        label: "postgres",
        cleanup: Some((url, name)),
        _dir: None,
    })
}

/// Every backend available: SQLite always, PostgreSQL when configured.
pub async fn all() -> Vec<TestDb> {
    let mut out = vec![sqlite().await];
    if let Some(pg) = postgres().await {
        out.push(pg);
    }
    out
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or(0);
    nanos * 1000 + COUNTER.fetch_add(1, Ordering::Relaxed)
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
