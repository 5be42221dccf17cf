//! The audit log over HTTP: sign-ins (success and failure) and user
//! administration are written; administrators filter the list, page it
//! newest first and export it as CSV (formula starts neutralised); an
//! administrator with tenants sees only entries about those tenants'
//! users; clerks get 403, portal users 404; the retention setting is
//! checked and its purge removes only older entries.

use axum::http::StatusCode;
use chrono::Duration;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

async fn count(t: &TestApp, action: &str) -> i64 {
    let (n,): (i64,) = t
        .db
        .fetch_one(Sql::new("SELECT COUNT(*) FROM audit_entries WHERE action = $1").arg(action))
        .await
        .unwrap();
    n
}

async fn sign_ins_are_written(t: &TestApp) {
    let martina = demo_login("Martina");
    let before = count(t, "sign_in.succeeded").await;
    let failed = count(t, "sign_in.failed").await;
    let mut c = Client::new(t);
    assert_eq!(
        c.login(martina.email, "nicht ihr Passwort").await.status,
        StatusCode::UNAUTHORIZED
    );
    c.login("niemand@example.de", "egal-was-1234").await;
    assert_eq!(
        c.login(martina.email, martina.password).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(count(t, "sign_in.failed").await, failed + 2);
    assert_eq!(count(t, "sign_in.succeeded").await, before + 1);
}

async fn page_filters_and_access(t: &TestApp) {
    let petra = demo_login("Petra");
    let mut admin = Client::new(t);
    admin.login(petra.email, petra.password).await;
    let all = admin.get("/staff/audit").await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.body.contains("sign_in.failed"), "{}", all.body);
    let martina = demo_login("Martina");
    let by_person = admin.get("/staff/audit?person=martina.keller").await;
    assert!(by_person.body.contains("sign_in.succeeded"));
    assert!(
        !by_person.body.contains("petra.schulz"),
        "only Martina's entries"
    );
    let by_action = admin.get("/staff/audit?action=sign_in.failed").await;
    assert!(!by_action.body.contains("<code>sign_in.succeeded</code>"));
    let (id,): (i64,) =
        t.db.fetch_one(Sql::new("SELECT id FROM portal_users WHERE email = $1").arg(martina.email))
            .await
            .unwrap();
    let by_record = admin
        .get(&format!(
            "/staff/audit?target_kind=portal_user&target_id={id}"
        ))
        .await;
    assert!(by_record.body.contains("<code>sign_in.succeeded</code>"));
    let past = admin.get("/staff/audit?period_to=2001-01-01").await;
    assert!(!past.body.contains("<code>sign_in"), "nothing that old");
    let bad = admin
        .get("/staff/audit?period_from=morgen&target_id=x")
        .await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("aria-invalid"));

    let sabine = demo_login("Sabine");
    let mut clerk = Client::new(t);
    clerk.login(sabine.email, sabine.password).await;
    assert_eq!(
        clerk.get("/staff/audit").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        clerk.get("/staff/audit.csv").await.status,
        StatusCode::FORBIDDEN
    );
    let mut customer = Client::new(t);
    customer.login(martina.email, martina.password).await;
    assert_eq!(
        customer.get("/staff/audit").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn csv_export(t: &TestApp) {
    // A name a spreadsheet would run as a formula.
    let martina = demo_login("Martina");
    t.db.execute(
        Sql::new("UPDATE portal_users SET name = '=HYPERLINK(\"x\")' WHERE email = $1")
            .arg(martina.email),
    )
    .await
    .unwrap();
    let petra = demo_login("Petra");
    let mut admin = Client::new(t);
    admin.login(petra.email, petra.password).await;
    let csv = admin.get("/staff/audit.csv?action=sign_in.succeeded").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(csv.body.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(lines[0].contains("Zeitpunkt;Aktion"), "{}", lines[0]);
    assert!(lines[1..].iter().all(|l| l.contains("sign_in.succeeded")));
    assert!(csv.body.contains("'=HYPERLINK"), "{}", csv.body);
    assert!(!csv.body.contains(";=HYPERLINK"));
}

async fn tenant_admin_sees_own_tenants(t: &TestApp) {
    // Petra works for München only now; Martina is a Hamburg customer.
    let petra = demo_login("Petra");
    t.db.execute(
        Sql::new(
            "DELETE FROM staff_user_tenants WHERE staff_user_id = (SELECT id FROM staff_users \
             WHERE email = $1) AND tenant_id = (SELECT id FROM tenants WHERE tenant_key = 'hamburg')",
        )
        .arg(petra.email),
    )
    .await
    .unwrap();
    let mut admin = Client::new(t);
    admin.login(petra.email, petra.password).await;
    let page = admin.get("/staff/audit?person=martina.keller").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("<code>sign_in"),
        "Hamburg's user is not hers"
    );
    let andreas = demo_login("Andreas");
    Client::new(t).login(andreas.email, andreas.password).await;
    let own = admin.get("/staff/audit?person=andreas.huber").await;
    assert!(
        own.body.contains("<code>sign_in.succeeded</code>"),
        "München's staff is"
    );
    let csv = admin.get("/staff/audit.csv?person=martina.keller").await;
    assert_eq!(csv.body.lines().count(), 1, "only the header");
    // Without tenants she sees everything, also unknown e-mails.
    t.db.execute(
        Sql::new(
            "DELETE FROM staff_user_tenants WHERE staff_user_id = (SELECT id FROM staff_users \
             WHERE email = $1)",
        )
        .arg(petra.email),
    )
    .await
    .unwrap();
    let mut global = Client::new(t);
    global.login(petra.email, petra.password).await;
    let everything = global.get("/staff/audit?action=sign_in.failed").await;
    assert!(
        everything.body.contains("niemand@example.de"),
        "{}",
        everything.body
    );
}

async fn retention(t: &TestApp) {
    let petra = demo_login("Petra");
    let mut admin = Client::new(t);
    admin.login(petra.email, petra.password).await;
    let page = admin.get("/staff/audit").await;
    assert!(page.body.contains("value=\"730\""), "the default");
    let csrf = page.hidden("_csrf");
    let bad = admin
        .post(
            "/staff/audit/retention",
            &[("_csrf", &csrf), ("retention_days", "7")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("value=\"7\""), "what was typed stays");
    let ok = admin
        .post(
            "/staff/audit/retention",
            &[("_csrf", &csrf), ("retention_days", "30")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(count(t, "audit.retention_changed").await, 1);
    let before = count(t, "sign_in.succeeded").await;
    assert!(before > 0);
    t.clock.advance(Duration::days(31));
    Client::new(t).login(petra.email, petra.password).await;
    kp_app::audit_log::purge(&t.app).await.unwrap();
    assert_eq!(
        count(t, "sign_in.succeeded").await,
        1,
        "only the new sign-in is left"
    );
}

async fn all(t: &TestApp) {
    sign_ins_are_written(t).await;
    page_filters_and_access(t).await;
    csv_export(t).await;
    tenant_admin_sees_own_tenants(t).await;
    retention(t).await;
}

#[tokio::test]
async fn audit_log() {
    all(&spawn_app().await).await;
}

#[tokio::test]
async fn audit_log_on_postgres() {
    let Some((t, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    all(&t).await;
    pg.drop_db().await;
}
