//! Consent and legal links (D5): the gate leads a portal user who has not
//! accepted the current terms and privacy notice to `/consent` on every
//! page until they do; a new version asks again; staff are never asked;
//! the legal settings are for administrators only.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::account_passwords::signed_in;
use crate::harness::{Client, TestApp, spawn_app, spawn_app_on_postgres};

async fn jonas(app: &TestApp) -> Client<'_> {
    let login = kp_demo::consent_login();
    let mut client = Client::new(app);
    let r = client.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    client
}

async fn events(app: &TestApp) -> i64 {
    let (n,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT COUNT(*) FROM events WHERE event_type = 'consent.given'",
        ))
        .await
        .unwrap();
    n
}

async fn publish(petra: &mut Client<'_>, tenant: &str, document: &str) {
    let token = petra.get("/settings/legal").await.hidden("_csrf");
    let r = petra
        .post(
            "/settings/legal/publish",
            &[
                ("_csrf", &token),
                ("tenant", tenant),
                ("document", document),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

async fn check_the_consent_gate(app: &TestApp) {
    // The demo users have accepted version 1: not blocked.
    let mut martina = signed_in(app, "martina").await;
    assert_eq!(martina.get("/home").await.status, StatusCode::OK);

    // Jonas has not: every page leads to /consent, also right after login.
    let mut jonas = jonas(app).await;
    for path in ["/home", "/contracts", "/account", "/documents", "/contact"] {
        let r = jonas.get(path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(r.location(), "/consent", "{path}");
    }
    // What he may still open: the consent page, the documents themselves.
    let page = jonas.get("/consent").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("name=\"terms\" value=\"1\""));
    assert!(page.body.contains("name=\"privacy\" value=\"1\""));
    assert_eq!(jonas.get("/legal/terms").await.status, StatusCode::OK);
    let token = page.hidden("_csrf");
    // Writes are blocked too.
    let r = jonas
        .post("/account/language", &[("_csrf", &token), ("lang", "en")])
        .await;
    assert_eq!(r.location(), "/consent");

    // One box is not enough: 422 at the missing one, nothing stored.
    let r = jonas
        .post("/consent", &[("_csrf", &token), ("terms", "1")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"privacy-error\""));
    assert!(!r.body.contains("id=\"terms-error\""));
    // An old or made-up version is not the current one.
    let r = jonas
        .post(
            "/consent",
            &[("_csrf", &token), ("terms", "1"), ("privacy", "0")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(events(app).await, 0);
    assert_eq!(jonas.get("/home").await.location(), "/consent");

    let r = jonas
        .post(
            "/consent",
            &[("_csrf", &token), ("terms", "1"), ("privacy", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/home");
    assert_eq!(jonas.get("/home").await.status, StatusCode::OK);
    assert_eq!(events(app).await, 1);
    let account = jonas.get("/account").await;
    assert!(
        account
            .body
            .contains("Nutzungsvereinbarung, Version 1, zugestimmt am")
    );
    assert_eq!(jonas.get("/consent").await.location(), "/home");

    // A new version of the terms of Martina's tenant: both are asked again
    // on their next page, at once; staff never.
    let mut petra = signed_in(app, "petra").await;
    let (tenant,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT c.tenant_id FROM customers c JOIN portal_users p ON p.customer_id = c.id \
             WHERE p.email = 'jonas.keller@example.de'",
        ))
        .await
        .unwrap();
    publish(&mut petra, &tenant.to_string(), "terms").await;
    assert_eq!(jonas.get("/home").await.location(), "/consent");
    assert_eq!(martina.get("/home").await.location(), "/consent");
    let page = martina.get("/consent").await;
    assert!(page.body.contains("name=\"terms\" value=\"2\""));
    assert!(
        !page.body.contains("name=\"privacy\""),
        "privacy is still accepted"
    );
    assert_eq!(petra.get("/home").await.status, StatusCode::OK);
    let mut sabine = signed_in(app, "sabine").await;
    assert_eq!(sabine.get("/home").await.status, StatusCode::OK);
    let token = page.hidden("_csrf");
    let r = martina
        .post("/consent", &[("_csrf", &token), ("terms", "2")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(martina.get("/home").await.status, StatusCode::OK);
    // A fresh sign-in is checked again and let through.
    let mut again = signed_in(app, "martina").await;
    assert_eq!(again.get("/home").await.status, StatusCode::OK);
    let (flagged,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT COUNT(*) FROM sessions WHERE consent_check = TRUE AND portal_user_id IS NOT NULL \
             AND portal_user_id = (SELECT id FROM portal_users WHERE email = 'martina.keller@example.de')",
        ))
        .await
        .unwrap();
    assert_eq!(flagged, 0, "checked once, then free");
}

#[tokio::test]
async fn the_consent_gate() {
    let app = spawn_app().await;
    check_the_consent_gate(&app).await;
}

#[tokio::test]
async fn the_consent_gate_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_the_consent_gate(&app).await;
    drop(app);
    pg.drop_db().await;
}

async fn check_the_legal_settings(app: &TestApp) {
    let mut petra = signed_in(app, "petra").await;
    let page = petra.get("/settings/legal").await;
    assert_eq!(page.status, StatusCode::OK);
    let tenant = page.hidden("tenant");
    let token = page.hidden("_csrf");
    // A bad link: 422 at the field, what was typed kept, nothing stored.
    let form = |url: &'static str, text: &'static str| {
        vec![
            ("tenant", tenant.clone()),
            ("lang", "de".to_owned()),
            ("_csrf", token.clone()),
            ("terms_url", url.to_owned()),
            ("privacy_text", text.to_owned()),
            ("imprint_url", String::new()),
            (
                "website_url",
                "https://www.hanse-assekuranz.example.de".to_owned(),
            ),
        ]
    };
    let as_refs = |f: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { f.clone() };
    let bad = as_refs(&form("javascript:alert(1)", "Wir schützen Ihre Daten."));
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = petra.post("/settings/legal", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"terms_url-error\""));
    assert!(r.body.contains("javascript:alert(1)"), "kept");
    assert_eq!(
        Client::new(app).get("/legal/website").await.status,
        StatusCode::OK
    );

    let good = form(
        "https://www.hanse-assekuranz.example.de/agb",
        "Wir schützen Ihre Daten.\n\nZweiter Absatz.",
    );
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = petra.post("/settings/legal", &good).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Visitors get the first tenant's pages: a link redirects, a text shows.
    let mut visitor = Client::new(app);
    let first: (i64,) = app
        .db
        .fetch_one(Sql::new("SELECT MIN(id) FROM tenants"))
        .await
        .unwrap();
    if first.0.to_string() == tenant {
        let r = visitor.get("/legal/terms").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), "https://www.hanse-assekuranz.example.de/agb");
        let r = visitor.get("/legal/privacy").await;
        assert!(r.body.contains("<p>Wir schützen Ihre Daten.</p>"));
        assert!(r.body.contains("<p>Zweiter Absatz.</p>"));
        assert!(r.body.contains("Version 1"));
    }
    assert_eq!(
        visitor.get("/legal/unknown").await.status,
        StatusCode::NOT_FOUND
    );

    // Not for other staff (403) or portal users (404); a tenant id that is
    // not editable is 404.
    let mut sabine = signed_in(app, "sabine").await;
    assert_eq!(
        sabine.get("/settings/legal").await.status,
        StatusCode::FORBIDDEN
    );
    let token_s = sabine.get("/home").await.hidden("_csrf");
    let r = sabine
        .post(
            "/settings/legal/publish",
            &[
                ("_csrf", &token_s),
                ("tenant", &tenant),
                ("document", "terms"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut martina = signed_in(app, "martina").await;
    assert_eq!(
        martina.get("/settings/legal").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        petra.get("/settings/legal?tenant=999999").await.status,
        StatusCode::NOT_FOUND
    );
    let r = petra
        .post(
            "/settings/legal/publish",
            &[
                ("_csrf", &token),
                ("tenant", "999999"),
                ("document", "terms"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = petra
        .post(
            "/settings/legal/publish",
            &[
                ("_csrf", &token),
                ("tenant", &tenant),
                ("document", "imprint"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Martina was not asked again by any of that.
    assert_eq!(martina.get("/home").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_legal_settings() {
    let app = spawn_app().await;
    check_the_legal_settings(&app).await;
}

#[tokio::test]
async fn the_legal_settings_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_the_legal_settings(&app).await;
    drop(app);
    pg.drop_db().await;
}
