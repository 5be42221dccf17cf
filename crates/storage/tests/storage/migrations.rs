use kp_storage::{Sql, migrate};

use crate::backends;

#[tokio::test]
async fn migrations_are_idempotent() {
    for t in backends::all().await {
        t.db.ping().await.unwrap();
        let again = migrate::run(&t.db).await.unwrap();
        assert!(again.is_empty(), "{}: migrations ran twice", t.label);
        t.drop_db().await;
    }
}

async fn sqlite_columns(db: &kp_storage::Db) -> Vec<(String, String)> {
    let tables: Vec<(String,)> = db
        .fetch_all(Sql::new(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        ))
        .await
        .unwrap();
    let mut out = Vec::new();
    for (table,) in tables {
        let cols: Vec<(String,)> = db
            .fetch_all(Sql::new(format!(
                "SELECT name FROM pragma_table_info('{table}')"
            )))
            .await
            .unwrap();
        out.extend(cols.into_iter().map(|(c,)| (table.clone(), c)));
    }
    out.sort();
    out
}

async fn postgres_columns(db: &kp_storage::Db) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = db
        .fetch_all(Sql::new(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = 'public'",
        ))
        .await
        .unwrap();
    rows.sort();
    rows
}

#[tokio::test]
async fn both_backends_have_the_same_tables_and_columns() {
    let Some(pg) = backends::postgres().await else {
        return;
    };
    let lite = backends::sqlite().await;
    let a = sqlite_columns(&lite.db).await;
    let b = postgres_columns(&pg.db).await;
    assert!(a.len() > 200, "schema looks empty: {} columns", a.len());
    let only_sqlite: Vec<_> = a.iter().filter(|c| !b.contains(c)).collect();
    let only_pg: Vec<_> = b.iter().filter(|c| !a.contains(c)).collect();
    assert!(
        only_sqlite.is_empty() && only_pg.is_empty(),
        "only SQLite: {only_sqlite:?}\nonly PostgreSQL: {only_pg:?}"
    );
    pg.drop_db().await;
}

#[tokio::test]
async fn sqlite_enforces_foreign_keys_and_uses_wal() {
    let t = backends::sqlite().await;
    let (mode,): (String,) =
        t.db.fetch_one(Sql::new("PRAGMA journal_mode"))
            .await
            .unwrap();
    assert_eq!(mode, "wal");
    let err = t
        .db
        .execute(Sql::new(
            "INSERT INTO customers (tenant_id, external_id, kind, display_name, created_at, updated_at) \
             VALUES (999, 'x', 'person', 'X', '2026-01-01', '2026-01-01')",
        ))
        .await
        .unwrap_err();
    assert!(
        matches!(err, kp_storage::StorageError::ForeignKeyViolation),
        "{err:?}"
    );
}

#[tokio::test]
async fn unknown_url_schemes_are_refused_without_creating_anything() {
    let err = kp_storage::Db::connect("sqlit:///tmp/x.db")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("unknown scheme"), "{err}");
    let err = kp_storage::Db::connect("sqlite:///nonexistent-dir-kp/x.db")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
}

/// The columns the scope predicate and the list pages filter by have an
/// index on both databases (migration 2).
#[tokio::test]
async fn filter_columns_are_indexed() {
    let expected = [
        "conversations_contract",
        "conversations_object",
        "conversations_claim",
        "tasks_customer",
        "tasks_contract",
        "tasks_object",
        "tasks_claim",
        "appointment_requests_customer",
        "appointment_requests_contract",
        "appointment_requests_object",
        "appointment_requests_claim",
        "claim_reports_customer",
        "claim_reports_object",
        "claim_reports_claim",
        "events_customer",
        "sessions_staff_user",
        "sessions_portal_user",
        "portal_users_organization",
        "portal_users_customer",
        "documents_message",
        "documents_certificate",
        "portal_user_scope_customers_customer",
        "portal_user_scope_objects_object",
        "portal_user_scope_claims_claim",
    ];
    for t in backends::all().await {
        let sql = match t.db.backend() {
            kp_storage::Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'index'",
            kp_storage::Backend::Postgres => {
                "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public'"
            }
        };
        let rows: Vec<(String,)> = t.db.fetch_all(Sql::new(sql)).await.unwrap();
        let names: Vec<String> = rows.into_iter().map(|(n,)| n).collect();
        let missing: Vec<_> = expected
            .iter()
            .filter(|e| !names.iter().any(|n| n == *e))
            .collect();
        assert!(missing.is_empty(), "{}: missing {missing:?}", t.label);
        t.drop_db().await;
    }
}
