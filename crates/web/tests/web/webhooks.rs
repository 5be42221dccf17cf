//! Webhooks (issue 11, E2): endpoints on `/settings/webhooks`, signed
//! deliveries to a real HTTP server on 127.0.0.1, retries driven by the
//! app's clock, redelivery, the admin rules, on SQLite and PostgreSQL.

use axum::http::StatusCode;
use hmac::{Hmac, Mac};
use kp_storage::Sql;
use serde_json::Value;
use sha2::Sha256;

use crate::api_support::{ALL, customer, put, token};
use crate::harness::TestApp;
use crate::webhook_support::*;

/// The receiver's check, written as a back office would: HMAC-SHA256 of
/// "<timestamp>.<body>" under the secret, compared with the header.
fn signature_ok(secret: &str, got: &Received) -> bool {
    let timestamp = got.header("kundenportal-webhook-timestamp");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(&got.body);
    let expected = format!("v1={}", hex::encode(mac.finalize().into_bytes()));
    got.header("kundenportal-webhook-signature") == expected
}

async fn delivery_statuses(app: &TestApp, endpoint: i64) -> Vec<(String, i64)> {
    app.db
        .fetch_all(
            Sql::new(
                "SELECT status, CAST(attempts AS BIGINT) FROM webhook_deliveries \
                 WHERE endpoint_id = $1 ORDER BY id",
            )
            .arg(endpoint),
        )
        .await
        .unwrap()
}

async fn signed_deliveries_retries_and_redelivery(app: TestApp) {
    let hook = Receiver::start().await;
    let mut petra = signed_in(&app, "portal administrator").await;
    let (id, secret) = create_endpoint(&mut petra, "hamburg", &hook.url, &[]).await;
    assert!(secret.starts_with("kpwh_"), "{secret}");
    // Shown once: neither the list nor the endpoint's page repeat it.
    assert!(!petra.get("/settings/webhooks").await.body.contains(&secret));
    let page = petra.get(&format!("/settings/webhooks/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains(&secret));
    assert!(page.body.contains("webhook-log-none"));

    // A change through the API is an event, and the event a delivery.
    let t = token(&app, "hamburg", ALL).await;
    assert_eq!(
        put(&app, "/api/v1/customers/WH-1", &t, &customer("Wenke"))
            .await
            .status,
        201
    );
    let report = deliver(&app).await;
    assert_eq!((report.claimed, report.delivered), (1, 1), "{report:?}");
    let got = hook.received();
    assert_eq!(got.len(), 1);
    assert!(signature_ok(&secret, &got[0]), "{:?}", got[0].headers);
    assert!(!signature_ok("kpwh_other", &got[0]));
    let doc: Value = serde_json::from_slice(&got[0].body).unwrap();
    assert_eq!(doc["type"], "customer.created");
    assert_eq!(doc["resource"]["kind"], "customer");
    assert_eq!(doc["resource"]["link"], "/api/v1/customers/WH-1");
    assert_eq!(doc["data"]["external_id"], "WH-1");
    assert_eq!(
        got[0].header("kundenportal-webhook-id"),
        doc["id"].to_string()
    );
    assert_eq!(got[0].header("content-type"), "application/json");
    assert!(doc["occurred_at"].is_string());
    // Nothing left to send.
    assert_eq!(deliver(&app).await.claimed, 0);

    // A failing receiver: retried after the pause, not before.
    hook.answer(500);
    let mut changed = customer("Wenke");
    changed["city"] = "Lübeck".into();
    assert_eq!(
        put(&app, "/api/v1/customers/WH-1", &t, &changed)
            .await
            .status,
        200
    );
    let report = deliver(&app).await;
    assert_eq!((report.claimed, report.retried), (1, 1), "{report:?}");
    assert_eq!(deliver(&app).await.claimed, 0, "retried before its pause");
    let log = petra.get(&format!("/settings/webhooks/{id}")).await.body;
    assert!(log.contains("500"), "{log}");
    app.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(deliver(&app).await.retried, 1);
    app.clock.advance(chrono::Duration::minutes(4));
    assert_eq!(
        deliver(&app).await.claimed,
        0,
        "the second pause is 5 minutes"
    );
    hook.answer(204);
    app.clock.advance(chrono::Duration::minutes(2));
    assert_eq!(deliver(&app).await.delivered, 1);
    assert_eq!(
        delivery_statuses(&app, id).await,
        [("delivered".to_owned(), 1), ("delivered".to_owned(), 3)]
    );
    assert_eq!(hook.received().len(), 4);

    // Redeliver the first event: a new delivery with the same event id.
    let (first,): (i64,) = app
        .db
        .fetch_one(
            Sql::new("SELECT MIN(id) FROM webhook_deliveries WHERE endpoint_id = $1").arg(id),
        )
        .await
        .unwrap();
    let csrf = petra.get("/settings/webhooks").await.hidden("_csrf");
    let path = format!("/settings/webhooks/{id}/redeliver");
    let r = petra
        .post(&path, &[("_csrf", &csrf), ("delivery", &first.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = petra
        .post(&path, &[("_csrf", &csrf), ("delivery", "99999999")])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(deliver(&app).await.delivered, 1);
    let got = hook.received();
    assert_eq!(
        got[4].header("kundenportal-webhook-id"),
        got[0].header("kundenportal-webhook-id")
    );
    assert_eq!(got[4].body, got[0].body);
    assert!(signature_ok(&secret, &got[4]));

    // A rotated secret signs from now on; the old one no longer does.
    let r = petra
        .post(
            &format!("/settings/webhooks/{id}/secret"),
            &[("_csrf", &csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let rotated = text_of(&r.body, "webhook-secret");
    assert_ne!(rotated, secret);
    assert_eq!(
        put(&app, "/api/v1/customers/WH-2", &t, &customer("Jan"))
            .await
            .status,
        201
    );
    assert_eq!(deliver(&app).await.delivered, 1);
    let last = hook.received().pop().unwrap();
    assert!(signature_ok(&rotated, &last));
    assert!(!signature_ok(&secret, &last));

    // Every change of the endpoint is audited.
    let audited = count(
        &app,
        Sql::new("SELECT COUNT(*) FROM audit_entries WHERE target_kind = 'webhook_endpoint' AND target_id = $1")
            .arg(id),
    )
    .await;
    assert_eq!(audited, 2, "created and secret rotated");
}

#[tokio::test]
async fn deliveries_are_signed_retried_and_redelivered() {
    on_both(signed_deliveries_retries_and_redelivery).await;
}

async fn event_types_and_switch(app: TestApp) {
    let hook = Receiver::start().await;
    let mut petra = signed_in(&app, "portal administrator").await;
    let (id, _) = create_endpoint(&mut petra, "hamburg", &hook.url, &["contract.created"]).await;
    let (other, _) = create_endpoint(&mut petra, "muenchen", &hook.url, &[]).await;
    let t = token(&app, "hamburg", ALL).await;
    put(&app, "/api/v1/customers/WT-1", &t, &customer("Ute")).await;
    let n = |endpoint: i64| {
        Sql::new("SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = $1").arg(endpoint)
    };
    // Not a chosen type, and another tenant's endpoint sees nothing.
    assert_eq!(count(&app, n(id)).await, 0);
    assert_eq!(count(&app, n(other)).await, 0);

    // Change to every event; then switch it off: no deliveries while off.
    let csrf = petra.get("/settings/webhooks").await.hidden("_csrf");
    let path = format!("/settings/webhooks/{id}");
    let r = petra
        .post(
            &path,
            &[("_csrf", &csrf), ("url", &hook.url), ("events", "all")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    put(&app, "/api/v1/customers/WT-2", &t, &customer("Ole")).await;
    assert_eq!(count(&app, n(id)).await, 1);
    let r = petra
        .post(
            &format!("{path}/active"),
            &[("_csrf", &csrf), ("active", "off")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    put(&app, "/api/v1/customers/WT-3", &t, &customer("Pia")).await;
    assert_eq!(count(&app, n(id)).await, 1);
    // The delivery made before it went off waits until it is on again.
    assert_eq!(deliver(&app).await.claimed, 0);
    petra
        .post(
            &format!("{path}/active"),
            &[("_csrf", &csrf), ("active", "on")],
        )
        .await;
    assert_eq!(deliver(&app).await.delivered, 1);

    // Bad input: named at its field, typed text kept, nothing changed.
    let r = petra
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("url", "ftp://erp.example.com/hook"),
                ("events", "chosen"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"url-error\""));
    assert!(r.body.contains("id=\"events-error\""));
    // (minijinja escapes the slashes in attribute values)
    assert!(r.body.contains("erp.example.com"), "the typed URL is kept");
    let r = petra
        .post(
            "/settings/webhooks",
            &[
                ("_csrf", &csrf),
                ("tenant", "nowhere"),
                ("url", "ftp://x"),
                ("events", "all"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"tenant-error\""));
    assert!(r.body.contains("id=\"url-error\""));
    assert!(!r.body.contains("webhook-secret"));
    let endpoints = count(&app, Sql::new("SELECT COUNT(*) FROM webhook_endpoints")).await;
    assert_eq!(endpoints, 2);

    // Deleting takes the log with it.
    let r = petra
        .post(&format!("{path}/delete"), &[("_csrf", &csrf)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(petra.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(count(&app, n(id)).await, 0);
}

#[tokio::test]
async fn event_types_and_the_switch_decide_what_is_sent() {
    on_both(event_types_and_switch).await;
}
