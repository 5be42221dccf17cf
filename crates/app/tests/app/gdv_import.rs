//! The GDV import of every sample file in `../shared/data/gdv` (skipped
//! with a message where the folder is absent), on SQLite and, when
//! configured, PostgreSQL: counts and premium sums against the reader's
//! report, a second import that changes nothing, rejected files that write
//! nothing, and tenant separation of what was imported.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use kp_app::gdv_import::{self, Actor, ImportReport, Status};
use kp_app::{App, Policy, SystemClock};
use kp_domain::{Language, Permissions, Principal, StaffRole, StaffUserId, TenantId};
use kp_storage::Sql;
use kp_testkit::db::TestDb;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/gdv");

fn samples() -> Option<Vec<PathBuf>> {
    let dir = Path::new(SAMPLES);
    if !dir.is_dir() {
        eprintln!("skipping: GDV samples not found at {SAMPLES}");
        return None;
    }
    let mut files = Vec::new();
    for sub in ["oboehm-gdv.xport", "vendis-opengdv"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n != "LICENSE.txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    Some(files)
}

fn sample(name: &str) -> Option<PathBuf> {
    samples()?
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n == name))
}

fn app(db: &TestDb) -> App {
    App::new(
        db.db.clone(),
        db.blobs.clone(),
        Arc::new(SystemClock),
        Policy::default(),
    )
}

fn cli() -> Actor {
    Actor::CommandLine {
        user: "test".to_owned(),
    }
}

async fn import_bytes(app: &App, tenant: TenantId, bytes: &[u8], name: &str) -> ImportReport {
    gdv_import::import(app, tenant, bytes, name, &cli())
        .await
        .unwrap()
}

async fn count(db: &TestDb, table: &str, tenant: TenantId) -> i64 {
    let (n,): (i64,) = db
        .db
        .fetch_one(
            Sql::new(format!(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM {table} WHERE tenant_id = $1"
            ))
            .arg(tenant),
        )
        .await
        .unwrap();
    n
}

fn staff(tenants: &[TenantId]) -> Principal {
    Principal {
        actor: kp_domain::Actor::Staff {
            id: StaffUserId(1),
            role: StaffRole::Clerk,
            tenants: tenants.to_vec(),
        },
        impersonated_by: None,
        name: "Clerk".to_owned(),
        email: "clerk@makler.test".to_owned(),
        language: Language::De,
        scope: Principal::staff_scope(StaffRole::Clerk, tenants),
        permissions: Permissions::all(),
    }
}

#[tokio::test]
async fn every_sample_imports_as_the_reader_reports_and_twice_changes_nothing() {
    let Some(files) = samples() else { return };
    for db in kp_testkit::db::all().await {
        let app = app(&db);
        for (i, path) in files.iter().enumerate() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(path).unwrap();
            let tenant = kp_app::tenants::create(&app, &format!("f{i}"), &name)
                .await
                .unwrap();
            let checked = gdv::read_report(&bytes[..], gdv::Options::default());
            let first = import_bytes(&app, tenant, &bytes, &name).await;
            let label = format!("{} {name}", db.label);
            let rejected = match &checked {
                Err(_) => true,
                Ok(r) => r.problem_counts.contains_key("missing_nachsatz"),
            };
            if rejected {
                assert_eq!(first.status(), Status::Rejected, "{label}: {first:?}");
                assert!(!first.errors.is_empty(), "{label}");
                for table in ["customers", "contracts", "gdv_raw_records"] {
                    assert_eq!(count(&db, table, tenant).await, 0, "{label} {table}");
                }
                continue;
            }
            let checked = checked.unwrap();
            assert!(
                matches!(
                    first.status(),
                    Status::Imported | Status::ImportedWithErrors
                ),
                "{label}: {:?} {:?}",
                first.status,
                first.errors
            );
            // Contracts: one per 0200 (a repeated delivery is one contract).
            let delivered = checked
                .totals
                .by_record_type
                .get("0200")
                .copied()
                .unwrap_or(0);
            let repeated = first
                .warnings
                .iter()
                .filter(|w| w.kind == "contract_repeated")
                .count() as u64;
            let not_imported = first
                .errors
                .iter()
                .filter(|e| e.kind == "not_imported")
                .count() as u64;
            assert_eq!(
                first.written.contracts.created + repeated + not_imported,
                delivered,
                "{label}: {:?}",
                first.written
            );
            assert_eq!(
                count(&db, "contracts", tenant).await,
                first.written.contracts.created as i64,
                "{label}"
            );
            // The premium sum is the reader's Σ 0200 Gesamtbeitrag netto.
            let summed: i64 = checked
                .packages
                .iter()
                .filter_map(|p| p.nachsatz.as_ref())
                .map(|n| n.summed_premium.cents)
                .sum();
            if not_imported == 0 {
                assert_eq!(first.contract_premium_net_minor, summed, "{label}");
            }
            let premiums: (i64,) = db
                .db
                .fetch_one(
                    Sql::new(
                        "SELECT CAST(COALESCE(SUM(premium_net_minor), 0) AS BIGINT) FROM contracts WHERE tenant_id = $1",
                    )
                    .arg(tenant),
                )
                .await
                .unwrap();
            if repeated == 0 && not_imported == 0 {
                assert_eq!(premiums.0, summed, "{label}");
            }
            // Customers: every contract has one, none without a contract.
            let customers = count(&db, "customers", tenant).await;
            assert_eq!(customers, first.written.customers.created as i64, "{label}");
            assert!(
                (delivered == 0 && customers == 0)
                    || (customers >= 1 && customers <= delivered as i64),
                "{label}: {customers} customers for {delivered} contracts"
            );
            assert_eq!(first.packages as usize, checked.packages.len(), "{label}");
            assert_eq!(first.records, checked.totals.records, "{label}");

            let second = import_bytes(&app, tenant, &bytes, &name).await;
            assert!(
                second.written.is_unchanged(),
                "{label}: {:?}",
                second.written
            );
            assert_eq!(
                second.written.contracts.unchanged,
                first.written.contracts.total(),
                "{label}"
            );
            assert_eq!(
                second.written.objects.unchanged,
                first.written.objects.total()
            );
            assert_eq!(
                second.written.claims.unchanged,
                first.written.claims.total()
            );
            assert_eq!(
                second.written.finance_items.unchanged,
                first.written.finance_items.total()
            );
            assert_eq!(second.sha256, first.sha256);
        }
        db.drop_db().await;
    }
}

#[tokio::test]
async fn bad_files_are_rejected_with_nothing_written() {
    let Some(good) = sample("musterdatei_041222.txt") else {
        return;
    };
    let good = std::fs::read(good).unwrap();
    for db in kp_testkit::db::all().await {
        let app = app(&db);
        let tenant = kp_app::tenants::create(&app, "hh", "Hamburg")
            .await
            .unwrap();
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(good.iter().take(2000).flat_map(|b| [*b, 0]));
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty.gdv", Vec::new()),
            ("letter.txt", b"Sehr geehrte Damen und Herren,\n".to_vec()),
            ("png.gdv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
            // Cut in the middle of the file (and of a line): no Nachsatz.
            ("truncated.gdv", good[..good.len() / 2 + 17].to_vec()),
            ("utf16.gdv", utf16),
        ];
        for (name, bytes) in cases {
            let report = import_bytes(&app, tenant, &bytes, name).await;
            assert_eq!(report.status(), Status::Rejected, "{name}: {report:?}");
            let error = &report.errors[0];
            assert!(!error.message.is_empty(), "{name}");
            for table in [
                "customers",
                "contracts",
                "insured_objects",
                "gdv_raw_records",
            ] {
                assert_eq!(count(&db, table, tenant).await, 0, "{name} {table}");
            }
        }
        let truncated = import_bytes(&app, tenant, &good[..good.len() / 2 + 17], "t.gdv").await;
        assert!(
            truncated
                .errors
                .iter()
                .any(|e| e.kind == "missing_nachsatz" && e.line > 0),
            "{:?}",
            truncated.errors
        );
        // Every attempt is in the log, with its status.
        let rows = kp_storage::gdv_import::imports::list(&db.db, Some(&[tenant]), 100)
            .await
            .unwrap();
        assert_eq!(rows.len(), 6);
        assert!(rows.iter().all(|r| r.status == "rejected"));
        db.drop_db().await;
    }
}

#[tokio::test]
async fn imported_contracts_are_seen_by_their_tenants_staff_only() {
    let Some(file) = sample("musterdatei_041222.txt") else {
        return;
    };
    let bytes = std::fs::read(file).unwrap();
    for db in kp_testkit::db::all().await {
        let app = app(&db);
        let hh = kp_app::tenants::create(&app, "hh", "Hamburg")
            .await
            .unwrap();
        let muc = kp_app::tenants::create(&app, "muc", "München")
            .await
            .unwrap();
        let report = import_bytes(&app, hh, &bytes, "muster.gdv").await;
        assert!(report.written.contracts.created > 0);
        let query = Default::default();
        let own = kp_app::lists::contracts(&app, &staff(&[hh]), &query, 1)
            .await
            .unwrap();
        assert_eq!(own.total as u64, report.written.contracts.created);
        let other = kp_app::lists::contracts(&app, &staff(&[muc]), &query, 1)
            .await
            .unwrap();
        assert_eq!(other.total, 0);
        let objects = kp_app::lists::objects(&app, &staff(&[muc]), &Default::default(), 1)
            .await
            .unwrap();
        assert_eq!(objects.total, 0);
        // Another tenant importing the same file gets its own records.
        let again = import_bytes(&app, muc, &bytes, "muster.gdv").await;
        assert_eq!(
            again.written.contracts.created,
            report.written.contracts.created
        );
        db.drop_db().await;
    }
}
