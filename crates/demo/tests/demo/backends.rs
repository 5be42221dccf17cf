//! Fresh databases and blob stores for the tests.

use kp_documents::BlobStore;
use kp_storage::{Db, Sql, migrate};

pub struct Fresh {
    pub db: Db,
    pub blobs: BlobStore,
    cleanup: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

impl Fresh {
    pub async fn drop_db(self) {
        self.db.close().await;
        let Some((admin_url, name)) = self.cleanup else {
            return;
        };
        if let Ok(admin) = Db::connect(&admin_url).await {
            let _ = admin
                .execute(Sql::new(format!(
                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                )))
                .await;
            admin.close().await;
        }
    }
}

pub async fn sqlite() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open_sqlite_file(&dir.path().join("demo.db"))
        .await
        .unwrap();
    migrate::run(&db).await.unwrap();
    let blobs = BlobStore::local(dir.path().join("documents"));
    Fresh {
        db,
        blobs,
        cleanup: None,
        _dir: dir,
    }
}

/// A fresh PostgreSQL database `kp_demo_test_<pid>_<n>` on the server of
/// `KUNDENPORTAL_TEST_POSTGRES_URL`, or `None` (with the reason printed).
pub async fn postgres() -> Option<Fresh> {
    let Some(url) = std::env::var("KUNDENPORTAL_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("skipping PostgreSQL: KUNDENPORTAL_TEST_POSTGRES_URL is not set");
        return None;
    };
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("kp_demo_test_{}_{n}", std::process::id());
    let admin = Db::connect(&url).await.unwrap();
    admin
        .execute(Sql::new(format!("DROP DATABASE IF EXISTS \"{name}\"")))
        .await
        .unwrap();
    admin
        .execute(Sql::new(format!("CREATE DATABASE \"{name}\"")))
        .await
        .unwrap();
    admin.close().await;
    let db = Db::connect(&replace_database(&url, &name)).await.unwrap();
    migrate::run(&db).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let blobs = BlobStore::local(dir.path().join("documents"));
    Some(Fresh {
        db,
        blobs,
        cleanup: Some((url, name)),
        _dir: dir,
    })
}

/// `postgres://u@h:5432/test?x` with the database part replaced.
fn replace_database(url: &str, name: &str) -> String {
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
