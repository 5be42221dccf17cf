//! `/settings/imports`: the import log for staff, narrowed to their
//! tenants (another tenant's import is the 404 of one that does not
//! exist), the report rendered, and imported contracts visible to the
//! tenant's staff only.

use axum::http::StatusCode;
use kp_app::gdv_import::{self, Actor, Status};
use kp_storage::Sql;

use crate::contract_sheet::signed_in;
use crate::harness::{TestApp, spawn_app};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/gdv");

/// The menu entry as the template escapes it.
const NAV_LINK: &str = "href=\"&#x2f;settings&#x2f;imports\"";

/// A GDV file with one empty package: valid, and small enough to write here.
fn empty_package() -> Vec<u8> {
    let mut file = format!("{:<256}\r\n", "00019999 Test Versicherung AG");
    file.push_str(&format!("{:<256}\r\n", "99990000000000"));
    file.into_bytes()
}

async fn import(app: &TestApp, tenant_key: &str, bytes: &[u8], name: &str) -> i64 {
    let tenant = gdv_import::tenant_by_key(&app.app, tenant_key)
        .await
        .unwrap();
    let actor = Actor::CommandLine {
        user: "ops".to_owned(),
    };
    let report = gdv_import::import(&app.app, tenant, bytes, name, &actor)
        .await
        .unwrap();
    report.import_id
}

#[tokio::test]
async fn staff_see_their_tenants_imports_and_reports() {
    let app = spawn_app().await;
    let hh = import(&app, "hamburg", &empty_package(), "hamburg.gdv").await;
    let muc = import(&app, "muenchen", &empty_package(), "muenchen.gdv").await;
    let rejected = import(
        &app,
        "muenchen",
        b"Sehr geehrte Damen und Herren",
        "brief.txt",
    )
    .await;

    let mut petra = signed_in(&app, "administrator").await;
    let list = petra.get("/settings/imports").await;
    assert_eq!(list.status, StatusCode::OK);
    for name in ["hamburg.gdv", "muenchen.gdv", "brief.txt"] {
        assert!(list.body.contains(name), "{name}");
    }
    assert!(list.body.contains(NAV_LINK), "in the menu");
    let detail = petra.get(&format!("/settings/imports/{hh}")).await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.body);
    assert!(detail.body.contains("Importiert"), "{}", detail.body);
    assert!(detail.body.contains("id=\"import-written\""));
    assert!(detail.body.contains("Kommandozeile: ops"));
    let bad = petra.get(&format!("/settings/imports/{rejected}")).await;
    assert!(bad.body.contains("Abgelehnt, nichts gespeichert"));
    assert!(bad.body.contains("Keine GDV-Datei"));
    assert!(
        bad.body.contains("four-digit Satzart"),
        "the reader's place and reason"
    );

    // A clerk of München only: München's imports; Hamburg's is not found.
    let mut andreas = signed_in(&app, "clerk (München)").await;
    let list = andreas.get("/settings/imports").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("muenchen.gdv"));
    assert!(!list.body.contains("hamburg.gdv"));
    assert_eq!(
        andreas
            .get(&format!("/settings/imports/{muc}"))
            .await
            .status,
        StatusCode::OK
    );
    let foreign = andreas.get(&format!("/settings/imports/{hh}")).await;
    let missing = andreas.get("/settings/imports/999999").await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(
        andreas.get("/settings/imports/abc").await.status,
        StatusCode::NOT_FOUND
    );

    // Portal users: the page does not exist for them.
    let mut martina = signed_in(&app, "private customer").await;
    assert_eq!(
        martina.get("/settings/imports").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        martina.get(&format!("/settings/imports/{hh}")).await.status,
        StatusCode::NOT_FOUND
    );
    let home = martina.get("/home").await;
    assert!(!home.body.contains(NAV_LINK));
}

#[tokio::test]
async fn imported_contracts_show_for_the_tenants_staff_only() {
    let path = std::path::Path::new(SAMPLES).join("oboehm-gdv.xport/musterdatei_041222.txt");
    if !path.exists() {
        eprintln!("skipping: GDV samples not found at {SAMPLES}");
        return;
    }
    let app = spawn_app().await;
    let bytes = std::fs::read(path).unwrap();
    let id = import(&app, "hamburg", &bytes, "muster.gdv").await;
    let (status,): (String,) = app
        .db
        .fetch_one(Sql::new("SELECT status FROM imports WHERE id = $1").arg(id))
        .await
        .unwrap();
    assert_eq!(status, Status::Imported.as_str());
    let (contract, policy): (i64, String) = app
        .db
        .fetch_one(Sql::new(
            "SELECT id, policy_number FROM contracts WHERE external_id LIKE 'gdv:%' ORDER BY id LIMIT 1",
        ))
        .await
        .unwrap();
    let search = format!("/contracts?q={policy}");

    let mut sabine = signed_in(&app, "claims clerk").await;
    let link = format!("href=\"/contracts/{contract}\"");
    assert!(sabine.get(&search).await.body.contains(&link));
    assert_eq!(
        sabine.get(&format!("/contracts/{contract}")).await.status,
        StatusCode::OK
    );

    let mut andreas = signed_in(&app, "clerk (München)").await;
    assert!(!andreas.get(&search).await.body.contains(&link));
    assert_eq!(
        andreas.get(&format!("/contracts/{contract}")).await.status,
        StatusCode::NOT_FOUND
    );
}
