//! Webhooks: who may manage which endpoint, and an endpoint that keeps
//! failing for days is disabled with a mail to the tenant's
//! administrators. SQLite and PostgreSQL.

use axum::http::StatusCode;
use kp_app::webhooks::delivery::MAX_ATTEMPTS;
use kp_storage::Sql;

use crate::api_support::{ALL, customer, put, token};
use crate::harness::{TestApp, demo_login};
use crate::webhook_support::*;

async fn access_rules(app: TestApp) {
    let hook = Receiver::start().await;
    let mut petra = signed_in(&app, "portal administrator").await;
    let (munich, _) = create_endpoint(&mut petra, "muenchen", &hook.url, &[]).await;
    let page = format!("/settings/webhooks/{munich}");
    assert_eq!(petra.get(&page).await.status, StatusCode::OK);

    // Petra now works for Hamburg only: München's endpoint is the 404 of
    // one that does not exist, for reading and for every change.
    app.db
        .execute(
            Sql::new(
                "DELETE FROM staff_user_tenants WHERE tenant_id = \
                 (SELECT id FROM tenants WHERE tenant_key = 'muenchen') AND staff_user_id = \
                 (SELECT id FROM staff_users WHERE email = $1)",
            )
            .arg(demo_login("portal administrator").email),
        )
        .await
        .unwrap();
    let csrf = petra.get("/settings/webhooks").await.hidden("_csrf");
    let missing = petra.get("/settings/webhooks/99999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let foreign = petra.get(&page).await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert!(!foreign.body.contains("127.0.0.1"), "nothing of it shows");
    for (action, extra) in [
        ("", ("url", hook.url.as_str())),
        ("/secret", ("x", "")),
        ("/active", ("active", "off")),
        ("/delete", ("x", "")),
        ("/redeliver", ("delivery", "1")),
    ] {
        let r = petra
            .post(
                &format!("{page}{action}"),
                &[("_csrf", &csrf), ("events", "all"), extra],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{action}");
    }
    assert!(
        !petra
            .get("/settings/webhooks")
            .await
            .body
            .contains(&hook.url)
    );
    let r = petra
        .post(
            "/settings/webhooks",
            &[
                ("_csrf", &csrf),
                ("tenant", "muenchen"),
                ("url", &hook.url),
                ("events", "all"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"tenant-error\""));
    let active: (bool,) = app
        .db
        .fetch_one(Sql::new("SELECT active FROM webhook_endpoints WHERE id = $1").arg(munich))
        .await
        .unwrap();
    assert!(active.0, "a refused change changed nothing");

    // Other staff: 403; portal users: the 404 of an unknown page.
    let mut sabine = signed_in(&app, "claims clerk").await;
    assert_eq!(
        sabine.get("/settings/webhooks").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(sabine.get(&page).await.status, StatusCode::FORBIDDEN);
    let csrf = sabine.get("/home").await.hidden("_csrf");
    let r = sabine
        .post(&format!("{page}/delete"), &[("_csrf", &csrf)])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut stefan = signed_in(&app, "stefan").await;
    assert_eq!(
        stefan.get("/settings/webhooks").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(stefan.get(&page).await.status, StatusCode::NOT_FOUND);
    let endpoints = count(&app, Sql::new("SELECT COUNT(*) FROM webhook_endpoints")).await;
    assert_eq!(endpoints, 1);
}

#[tokio::test]
async fn only_the_tenants_administrators_manage_its_endpoints() {
    on_both(access_rules).await;
}

async fn persistent_failure(app: TestApp) {
    let hook = Receiver::start().await;
    hook.answer(503);
    let mut petra = signed_in(&app, "portal administrator").await;
    let (id, _) = create_endpoint(&mut petra, "hamburg", &hook.url, &[]).await;
    let t = token(&app, "hamburg", ALL).await;
    put(&app, "/api/v1/customers/WF-1", &t, &customer("Falk")).await;
    let mails =
        || Sql::new("SELECT COUNT(*) FROM outbox_mails WHERE template = 'webhook_disabled'");
    for attempt in 1..MAX_ATTEMPTS {
        let report = deliver(&app).await;
        assert_eq!(report.retried, 1, "attempt {attempt}: {report:?}");
        app.clock.advance(chrono::Duration::hours(25));
    }
    assert_eq!(
        count(&app, mails()).await,
        0,
        "nothing said before giving up"
    );
    let report = deliver(&app).await;
    assert_eq!((report.failed, report.disabled), (1, 1), "{report:?}");
    assert_eq!(
        hook.received().len(),
        usize::try_from(MAX_ATTEMPTS).unwrap()
    );

    // Off, with a mail to each administrator of the tenant: name and link.
    let (active, reason): (bool, String) = app
        .db
        .fetch_one(
            Sql::new("SELECT active, disabled_reason FROM webhook_endpoints WHERE id = $1").arg(id),
        )
        .await
        .unwrap();
    assert_eq!((active, reason.as_str()), (false, "failing"));
    assert_eq!(count(&app, mails()).await, 1);
    let (to, text): (String, String) = app
        .db
        .fetch_one(Sql::new(
            "SELECT recipients, body_text FROM outbox_mails WHERE template = 'webhook_disabled'",
        ))
        .await
        .unwrap();
    assert!(
        to.contains(demo_login("portal administrator").email),
        "{to}"
    );
    assert!(text.contains(&format!("/settings/webhooks/{id}")), "{text}");
    assert!(!text.contains(&hook.url), "the mail names no URL");

    // New events make no deliveries while it is off; the page says why.
    put(&app, "/api/v1/customers/WF-2", &t, &customer("Gesa")).await;
    let made = count(
        &app,
        Sql::new("SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = $1").arg(id),
    )
    .await;
    assert_eq!(made, 1);
    // Days have passed: her session has ended, she signs in again.
    let mut petra = signed_in(&app, "portal administrator").await;
    let page = petra.get(&format!("/settings/webhooks/{id}")).await.body;
    assert!(
        page.contains("nach wiederholten Fehlern abgeschaltet"),
        "{page}"
    );
    assert!(page.contains("name=\"active\" value=\"on\""));
    // A failed delivery is not retried by itself, and nothing is mailed twice.
    app.clock.advance(chrono::Duration::days(2));
    assert_eq!(deliver(&app).await.claimed, 0);
    assert_eq!(count(&app, mails()).await, 1);
}

#[tokio::test]
async fn an_endpoint_failing_for_days_is_disabled_and_the_admins_are_mailed() {
    on_both(persistent_failure).await;
}

#[tokio::test]
async fn the_client_follows_no_redirect_and_gives_up_at_its_deadline() {
    use kp_app::webhooks::client::WebhookClient;
    let hook = Receiver::start().await;
    let client = WebhookClient::new(std::time::Duration::from_secs(1)).unwrap();
    // A redirect is an answer that is not 2xx: a failure, not followed.
    hook.answer(302);
    let outcome = client.post(&hook.url, true, &[], b"{}".to_vec()).await;
    assert_eq!(outcome.status, Some(302));
    assert!(!outcome.delivered());
    assert_eq!(hook.received().len(), 1);
    hook.answer(204);
    assert!(
        client
            .post(&hook.url, true, &[], b"{}".to_vec())
            .await
            .delivered()
    );
    // https to a server speaking plain http fails in the TLS handshake.
    let https = hook.url.replace("http://", "https://");
    let outcome = client.post(&https, true, &[], b"{}".to_vec()).await;
    assert_eq!(outcome.status, None);
    assert!(outcome.error.starts_with("TLS"), "{}", outcome.error);
    // A server that accepts but never answers: cut off at the deadline.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", silent.local_addr().unwrap());
    let outcome = client.post(&url, true, &[], b"{}".to_vec()).await;
    assert_eq!(outcome.status, None);
    assert!(outcome.error.contains("within 1 s"), "{}", outcome.error);
    drop(silent);
}
