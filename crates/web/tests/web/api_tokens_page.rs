//! `/settings/api-tokens`: administrators list, create and revoke tokens.

use axum::http::StatusCode;

use crate::api_support::{get as api_get, problem};
use crate::harness::{Client, TestApp, demo_login, spawn_app};

async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    client.login(login.email, login.password).await;
    client
}

/// The token shown once on the page.
fn shown_token(body: &str) -> String {
    let start = body
        .find("id=\"api-token-value\">")
        .expect("no token shown")
        + 21;
    body[start..start + 67].to_owned()
}

#[tokio::test]
async fn administrators_create_see_once_and_revoke_tokens() {
    let app = spawn_app().await;
    let mut petra = signed_in(&app, "portal administrator").await;
    let page = petra.get("/settings/api-tokens").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        petra
            .get("/settings")
            .await
            .body
            .contains("/settings/api-tokens")
    );
    let csrf = page.hidden("_csrf");

    // Bad input: every field named, what was typed kept, nothing stored.
    let r = petra
        .post(
            "/settings/api-tokens",
            &[
                ("_csrf", &csrf),
                ("tenant", "nowhere"),
                ("name", "ERP sync"),
                ("days", "0"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for id in ["tenant-error", "scopes-error", "days-error"] {
        assert!(r.body.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(r.body.contains("value=\"ERP sync\""));
    assert!(!r.body.contains("api-token-value"));

    let r = petra
        .post(
            "/settings/api-tokens",
            &[
                ("_csrf", &csrf),
                ("tenant", "hamburg"),
                ("name", "ERP sync"),
                ("scope", "read:customers"),
                ("scope", "events"),
                ("days", "30"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let token = shown_token(&r.body);
    assert!(token.starts_with("kp_"));
    assert_eq!(api_get(&app, "/api/v1/customers", &token).await.status, 200);
    problem(&api_get(&app, "/api/v1/contracts", &token).await, 403);

    // Shown once: the list names it, never its text.
    let page = petra.get("/settings/api-tokens").await;
    assert!(page.body.contains("ERP sync"));
    assert!(!page.body.contains(&token));

    // Revoking a token that is not there, then this one.
    let r = petra
        .post(
            "/settings/api-tokens/revoke",
            &[("_csrf", &csrf), ("token", "999999")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let (id,): (i64,) = app
        .db
        .fetch_one(kp_storage::Sql::new(
            "SELECT id FROM api_tokens WHERE name = 'ERP sync'",
        ))
        .await
        .unwrap();
    let r = petra
        .post(
            "/settings/api-tokens/revoke",
            &[("_csrf", "forged"), ("token", &id.to_string())],
        )
        .await;
    assert_ne!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(api_get(&app, "/api/v1/customers", &token).await.status, 200);
    let r = petra
        .post(
            "/settings/api-tokens/revoke",
            &[("_csrf", &csrf), ("token", &id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    problem(&api_get(&app, "/api/v1/customers", &token).await, 401);
}

#[tokio::test]
async fn only_administrators_manage_tokens() {
    let app = spawn_app().await;
    let mut sabine = signed_in(&app, "claims clerk").await;
    assert_eq!(
        sabine.get("/settings/api-tokens").await.status,
        StatusCode::FORBIDDEN
    );
    let mut stefan = signed_in(&app, "stefan").await;
    assert_eq!(
        stefan.get("/settings/api-tokens").await.status,
        StatusCode::NOT_FOUND
    );
    let csrf = stefan.get("/home").await.hidden("_csrf");
    let r = stefan
        .post(
            "/settings/api-tokens",
            &[
                ("_csrf", &csrf),
                ("tenant", "hamburg"),
                ("name", "x"),
                ("scope", "events"),
                ("days", "5"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
