//! Webhooks to addresses that are not public are refused (SSRF): at
//! registration on `/settings/webhooks`, and at delivery, where the name
//! is resolved again and a private answer means nothing is sent.

use axum::http::StatusCode;
use kp_app::webhooks::client::WebhookClient;
use kp_app::webhooks::delivery;
use kp_storage::Sql;

use crate::api_support::{ALL, customer, put, token};
use crate::harness::{TestApp, spawn_app, spawn_app_on_postgres};
use crate::webhook_support::*;

/// One URL per refused range, as an administrator might type it.
const PRIVATE: &[&str] = &[
    "https://127.0.0.1/hook",
    "https://localhost/hook",
    "https://[::1]/hook",
    "https://10.1.2.3/hook",
    "https://172.20.0.1/hook",
    "https://192.168.178.1/hook",
    "https://[fd00::1]/hook",
    "https://169.254.169.254/latest/meta-data/",
    "https://[fe80::1]/hook",
    "https://100.64.0.1/hook",
    "https://0.0.0.0/hook",
    "https://[::]/hook",
    "https://224.0.0.1/hook",
    "https://255.255.255.255/hook",
    "https://192.0.2.10/hook",
    "https://198.51.100.10/hook",
    "https://203.0.113.10/hook",
    "https://[2001:db8::1]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://[::ffff:10.0.0.1]/hook",
];

async fn private_urls_are_refused_on_the_page(app: TestApp) {
    let mut petra = signed_in(&app, "portal administrator").await;
    let csrf = petra.get("/settings/webhooks").await.hidden("_csrf");
    for url in PRIVATE {
        let r = petra
            .post(
                "/settings/webhooks",
                &[
                    ("_csrf", csrf.as_str()),
                    ("tenant", "hamburg"),
                    ("url", url),
                    ("events", "all"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        assert!(r.body.contains("id=\"url-error\""), "{url}");
        // The message of webhook_targets.ftl (it names localhost in every
        // language), not the general one about the URL's form.
        assert!(r.body.contains("localhost"), "{url}");
        assert!(!r.body.contains("webhook-targets-error"), "{url}");
        assert!(!r.body.contains("webhook-secret"), "{url}");
    }
    // Plain http is refused too, while a public https address is taken.
    let r = petra
        .post(
            "/settings/webhooks",
            &[
                ("_csrf", csrf.as_str()),
                ("tenant", "hamburg"),
                ("url", "http://93.184.215.14/hook"),
                ("events", "all"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (id, _) = create_endpoint(&mut petra, "hamburg", "https://93.184.215.14/hook", &[]).await;
    assert!(id > 0);
    let endpoints = count(&app, Sql::new("SELECT COUNT(*) FROM webhook_endpoints")).await;
    assert_eq!(endpoints, 1);
}

#[tokio::test]
async fn private_webhook_addresses_are_refused_at_registration() {
    private_urls_are_refused_on_the_page(spawn_app().await).await;
    if let Some((app, pg)) = spawn_app_on_postgres().await {
        private_urls_are_refused_on_the_page(app).await;
        pg.drop_db().await;
    }
}

/// An endpoint registered while private targets were allowed (as if its
/// name had resolved to a public address then) whose name resolves to
/// 127.0.0.1 at delivery: with the switch off nothing reaches it.
async fn delivery_checks_the_address_again(app: TestApp) {
    let hook = Receiver::start().await;
    let url = hook.url.replace("127.0.0.1", "localhost");
    let mut petra = signed_in(&app, "portal administrator").await;
    let (id, _) = create_endpoint(&mut petra, "hamburg", &url, &[]).await;
    let t = token(&app, "hamburg", ALL).await;
    let r = put(&app, "/api/v1/customers/SSRF-1", &t, &customer("Sara")).await;
    assert_eq!(r.status, 201);

    let mut strict = app.app.clone();
    strict.policy.webhooks_allow_private_targets = false;
    let client = WebhookClient::new(std::time::Duration::from_secs(5)).unwrap();
    let report = delivery::deliver_due(&strict, &client, 50).await.unwrap();
    assert_eq!((report.claimed, report.delivered), (1, 0), "{report:?}");
    assert!(hook.received().is_empty(), "nothing may reach the receiver");
    let (error,): (String,) = app
        .db
        .fetch_one(
            Sql::new("SELECT last_error FROM webhook_deliveries WHERE endpoint_id = $1").arg(id),
        )
        .await
        .unwrap();
    assert!(error.contains("not a public address"), "{error}");

    // The same endpoint with the switch on (tests, demo) is delivered to.
    app.clock.advance(chrono::Duration::minutes(2));
    assert_eq!(deliver(&app).await.delivered, 1);
    assert_eq!(hook.received().len(), 1);
}

#[tokio::test]
async fn a_name_resolving_to_loopback_is_not_delivered_to_when_the_switch_is_off() {
    on_both(delivery_checks_the_address_again).await;
}

#[tokio::test]
async fn the_client_refuses_private_addresses_and_plain_http_without_the_switch() {
    let hook = Receiver::start().await;
    let client = WebhookClient::new(std::time::Duration::from_secs(5)).unwrap();
    for url in [
        hook.url.clone(),
        hook.url.replace("127.0.0.1", "localhost"),
        hook.url.replace("127.0.0.1", "[::ffff:127.0.0.1]"),
    ] {
        let outcome = client.post(&url, false, &[], b"{}".to_vec()).await;
        assert_eq!(outcome.status, None, "{url}");
        assert!(
            outcome.error.contains("not a public address"),
            "{url}: {}",
            outcome.error
        );
    }
    assert!(hook.received().is_empty());
    let outcome = client.post(&hook.url, true, &[], b"{}".to_vec()).await;
    assert!(outcome.delivered(), "{}", outcome.error);
}
