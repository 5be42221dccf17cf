//! "Outgoing mail": administrators only, newest first, a mail's HTML in a
//! sandboxed frame with its own policy, and a tenant administrator sees
//! their tenant's mails only.

use axum::http::StatusCode;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

async fn queue_reset(t: &TestApp, email: &str) {
    let mut c = Client::new(t);
    let csrf = c.get("/password/forgot").await.hidden("_csrf");
    c.post("/password/forgot", &[("email", email), ("_csrf", &csrf)])
        .await;
}

async fn outbox_pages(t: &TestApp) {
    let martina = demo_login("Martina");
    queue_reset(t, martina.email).await;
    let petra = demo_login("administrator");
    let mut admin = Client::new(t);
    admin.login(petra.email, petra.password).await;
    let list = admin.get("/settings/outbox").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(martina.email), "{}", list.body);
    assert!(list.body.contains("Passwort zurücksetzen"));
    let (id,): (i64,) =
        t.db.fetch_one(kp_storage::Sql::new("SELECT MAX(id) FROM outbox_mails"))
            .await
            .unwrap();
    let detail = admin.get(&format!("/settings/outbox/{id}")).await;
    assert_eq!(detail.status, StatusCode::OK);
    // The link can be followed from the page (the demo has no SMTP).
    assert!(
        detail
            .body
            .contains("<a href=\"http:&#x2f;&#x2f;127.0.0.1:8080&#x2f;password&#x2f;reset&#x2f;"),
        "{}",
        detail.body
    );
    assert!(detail.body.contains("sandbox"));
    assert!(detail.body.contains("&lt;!DOCTYPE html&gt;"));
    let html = admin.get(&format!("/settings/outbox/{id}/html")).await;
    assert_eq!(html.status, StatusCode::OK);
    let csp = html
        .headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        csp.starts_with("sandbox;") && csp.contains("default-src 'none'"),
        "{csp}"
    );
    assert!(html.body.starts_with("<!DOCTYPE html>"));

    // Other staff 403, portal users 404, unknown ids 404.
    let sabine = demo_login("Sabine");
    let mut clerk = Client::new(t);
    clerk.login(sabine.email, sabine.password).await;
    for path in [
        "/settings/outbox".to_owned(),
        format!("/settings/outbox/{id}"),
        format!("/settings/outbox/{id}/html"),
    ] {
        assert_eq!(
            clerk.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let mut customer = Client::new(t);
    customer.login(martina.email, martina.password).await;
    assert_eq!(
        customer.get("/settings/outbox").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin.get("/settings/outbox/999999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin.get("/settings/outbox/abc").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn administrators_read_queued_mails_and_follow_their_links() {
    outbox_pages(&spawn_app().await).await;
}

#[tokio::test]
async fn the_outgoing_mail_pages_work_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    outbox_pages(&t).await;
}

#[tokio::test]
async fn a_tenant_administrator_sees_only_their_tenants_mails() {
    let t = spawn_app().await;
    let martina = demo_login("Martina");
    queue_reset(&t, martina.email).await;
    let (id, tenant): (i64, i64) =
        t.db.fetch_one(kp_storage::Sql::new(
            "SELECT id, tenant_id FROM outbox_mails ORDER BY id DESC LIMIT 1",
        ))
        .await
        .unwrap();
    // An administrator of the other tenant only.
    let (other,): (i64,) = t
        .db
        .fetch_one(kp_storage::Sql::new("SELECT MIN(id) FROM tenants WHERE id <> $1").arg(tenant))
        .await
        .unwrap();
    let mut tx = t.db.begin().await.unwrap();
    kp_storage::users::create_staff(
        &mut tx,
        "admin.andere@makler.test",
        "Anna Andere",
        kp_domain::StaffRole::Admin,
        &kp_app::passwords::hash("Annas langes Passwort").unwrap(),
        &[kp_domain::TenantId(other)],
        t.app.clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut anna = Client::new(&t);
    anna.login("admin.andere@makler.test", "Annas langes Passwort")
        .await;
    let list = anna.get("/settings/outbox").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(!list.body.contains(martina.email));
    assert_eq!(
        anna.get(&format!("/settings/outbox/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}
