//! The large set, scaled down to a hundredth so that it runs in the test
//! suite; the full set is timed by `examples/large.rs` and the ignored test
//! below.

use kp_demo::{LargeOptions, LargeSizes, NoProgress};
use kp_domain::{CustomerKind, TenantId};
use kp_storage::write::customers::{self, NewCustomer};
use kp_storage::{Db, Sql};

use crate::backends::{self, count, counts};

async fn group_contracts(db: &Db) -> i64 {
    let (n,): (i64,) = db
        .fetch_one(Sql::new(
            // The group's: the demo household (issue 9) is an organization too.
            "SELECT COUNT(*) FROM contracts k JOIN customers c ON c.id = k.customer_id \
             JOIN organizations o ON o.id = c.organization_id WHERE o.kind <> 'household'",
        ))
        .await
        .unwrap();
    n
}

/// After the bulk load with explicit ids, ordinary inserts still get fresh
/// ids (on PostgreSQL only if the identity sequences were moved).
async fn insert_after_bulk(db: &Db) {
    let mut tx = db.begin().await.unwrap();
    let mut new = NewCustomer::new(
        TenantId(1),
        "AFTER-BULK",
        CustomerKind::Person,
        "Nach Bulk",
        chrono::Utc::now(),
    );
    new.first_name = "Nach".into();
    new.last_name = "Bulk".into();
    let id = customers::insert(&mut tx, &new).await.unwrap();
    tx.commit().await.unwrap();
    let (max,): (i64,) = db
        .fetch_one(Sql::new("SELECT MAX(id) FROM customers"))
        .await
        .unwrap();
    assert_eq!(id.0, max);
}

async fn smoke(f: &backends::Fresh) {
    let sizes = LargeSizes::scaled(100);
    let summary = kp_demo::seed_large_with(
        &f.db,
        &f.blobs,
        &LargeOptions { seed: 7 },
        &sizes,
        &NoProgress,
    )
    .await
    .unwrap();
    assert_eq!(summary.contracts, 1_000);
    assert_eq!(summary.objects, 3_000);
    assert_eq!(summary.claims, 300);
    // A policy per contract, a paper per finance item, a letter and a
    // photo per claim, and the group's complete policy wording.
    assert_eq!(summary.documents, 2_301);
    assert_eq!(summary.group_contracts, 50);
    // The audit page's log: the asked number of entries, within the
    // default retention of the demo's "today".
    assert_eq!(summary.audit_entries, 2_000);
    assert!(count(&f.db, "audit_entries").await >= 2_000);
    let limit = kp_demo_anchor_minus(400)
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let (older,): (i64,) = f
        .db
        .fetch_one(Sql::new("SELECT COUNT(*) FROM audit_entries WHERE created_at < $1").arg(limit))
        .await
        .unwrap();
    assert_eq!(older, 0, "every entry within the year before the anchor");
    // The download benchmark's file: one PDF of at least the asked size.
    let (size,): (i64,) =
        f.db.fetch_one(Sql::new(
            "SELECT size_bytes FROM documents WHERE title LIKE 'Versicherungsbedingungen %'",
        ))
        .await
        .unwrap();
    let wanted = sizes.big_document_bytes as i64;
    assert!(size >= wanted && size < wanted + wanted / 10, "{size}");
    assert_eq!(group_contracts(&f.db).await, 50);
    assert!(count(&f.db, "contracts").await >= 1_140);
    insert_after_bulk(&f.db).await;
}

#[tokio::test]
async fn scaled_large_set_loads_deterministically() {
    let a = backends::sqlite().await;
    let b = backends::sqlite().await;
    smoke(&a).await;
    smoke(&b).await;
    assert_eq!(counts(&a.db).await, counts(&b.db).await);
    let sums = |db: Db| async move {
        let row: (i64, i64, i64) = db
            .fetch_one(Sql::new("SELECT SUM(premium_gross_minor), (SELECT SUM(paid_minor) FROM claims), (SELECT COUNT(DISTINCT storage_key) FROM documents) FROM contracts"))
            .await
            .unwrap();
        row
    };
    assert_eq!(sums(a.db.clone()).await, sums(b.db.clone()).await);
}

#[tokio::test]
async fn scaled_large_set_loads_on_postgres() {
    let Some(pg) = backends::postgres().await else {
        return;
    };
    smoke(&pg).await;
    pg.drop_db().await;
}

/// The full set; run in a release build:
/// `cargo test --release -p kp-demo --test demo -- --ignored`.
#[tokio::test]
#[ignore = "loads 100,000 contracts; timed by examples/large.rs"]
async fn full_large_set_loads_in_under_three_minutes() {
    let f = backends::sqlite().await;
    let start = std::time::Instant::now();
    let summary = kp_demo::seed_large(&f.db, &f.blobs, &LargeOptions { seed: 2026 }, &NoProgress)
        .await
        .unwrap();
    let elapsed = start.elapsed();
    eprintln!("large set: {summary:?} in {elapsed:?}");
    assert!(summary.contracts >= 100_000 && summary.objects >= 300_000 && summary.claims >= 30_000);
    assert!(summary.documents >= 200_000 && summary.group_contracts == 5_000);
    assert!(summary.audit_entries >= 200_000);
    assert!(elapsed.as_secs() < 180, "took {elapsed:?}");
}

/// The demo's "today" (2026-10-01) less `days`.
fn kp_demo_anchor_minus(days: u64) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap() - chrono::Days::new(days)
}
