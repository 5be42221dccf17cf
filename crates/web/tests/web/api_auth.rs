//! Bearer tokens, scopes and problem documents of the sync API.

use axum::http::{Method, header};
use serde_json::json;

use crate::api_support::*;
use crate::harness::{TestApp, spawn_app, spawn_app_with_settings};

async fn tokens(app: TestApp) {
    let t = token(&app, "hamburg", &["read:customers"]).await;
    assert_eq!(get(&app, "/api/v1/customers", &t).await.status, 200);
    // No cookie, whatever happens.
    let r = get(&app, "/api/v1/customers", &t).await;
    assert!(r.headers.get(header::SET_COOKIE).is_none());
    assert_eq!(r.headers[header::CACHE_CONTROL], "no-store");

    // Missing scope: 403 naming it.
    let p = problem(
        &put(&app, "/api/v1/customers/K", &t, &customer("A")).await,
        403,
    );
    assert!(
        p["detail"].as_str().unwrap().contains("write:customers"),
        "{p}"
    );
    let p = problem(&get(&app, "/api/v1/events", &t).await, 403);
    assert!(p["detail"].as_str().unwrap().contains("events"));

    // No token, a wrong one, a token in the query string.
    problem(
        &call(&app, Method::GET, "/api/v1/customers", None, None, &[]).await,
        401,
    );
    let forged = format!("kp_{}", "0".repeat(64));
    problem(&get(&app, "/api/v1/customers", &forged).await, 401);
    let p = problem(
        &call(
            &app,
            Method::GET,
            &format!("/api/v1/customers?access_token={t}"),
            None,
            None,
            &[],
        )
        .await,
        401,
    );
    assert!(p["detail"].as_str().unwrap().contains("Authorization"));
    problem(
        &get(&app, &format!("/api/v1/customers?x={t}"), &t).await,
        401,
    );
    let basic = call(
        &app,
        Method::GET,
        "/api/v1/customers",
        None,
        None,
        &[("authorization", "Basic dXNlcjpwYXNz")],
    )
    .await;
    problem(&basic, 401);

    // Expired and revoked tokens.
    let short = token(&app, "hamburg", &["read:customers"]).await;
    app.clock.advance(chrono::Duration::days(31));
    problem(&get(&app, "/api/v1/customers", &short).await, 401);
    let fresh = token(&app, "hamburg", &["read:customers"]).await;
    assert_eq!(get(&app, "/api/v1/customers", &fresh).await.status, 200);
    app.db
        .execute(kp_storage::Sql::new(
            "UPDATE api_tokens SET revoked_at = created_at",
        ))
        .await
        .unwrap();
    problem(&get(&app, "/api/v1/customers", &fresh).await, 401);
}

#[tokio::test]
async fn only_valid_bearer_tokens_with_the_scope_get_in() {
    on_both(tokens).await;
}

#[tokio::test]
async fn last_use_is_recorded_at_most_once_a_minute() {
    let app = spawn_app().await;
    let t = token(&app, "hamburg", &["read:customers"]).await;
    let last = || async {
        let (at,): (Option<chrono::DateTime<chrono::Utc>>,) = app
            .db
            .fetch_one(kp_storage::Sql::new("SELECT last_used_at FROM api_tokens"))
            .await
            .unwrap();
        at
    };
    assert_eq!(last().await, None);
    get(&app, "/api/v1/customers", &t).await;
    let first = last().await.unwrap();
    app.clock.advance(chrono::Duration::seconds(20));
    get(&app, "/api/v1/customers", &t).await;
    assert_eq!(last().await, Some(first));
    app.clock.advance(chrono::Duration::seconds(50));
    get(&app, "/api/v1/customers", &t).await;
    assert!(last().await.unwrap() > first);
}

#[tokio::test]
async fn every_error_under_the_api_is_a_problem_document() {
    let app = spawn_app_with_settings(|_, web| web.api_body_limit_bytes = 2048).await;
    let t = token(&app, "hamburg", ALL).await;
    let p = problem(&get(&app, "/api/v1/nothing-here", &t).await, 404);
    assert_eq!(p["type"], "/api/problems/not-found");
    problem(
        &call(&app, Method::GET, "/api/elsewhere", None, None, &[]).await,
        404,
    );
    let r = call(
        &app,
        Method::POST,
        "/api/v1/customers/K",
        Some(&t),
        Some(&json!({})),
        &[],
    )
    .await;
    problem(&r, 405);
    let mut big = customer("A");
    big["city"] = json!("x".repeat(4096));
    problem(&put(&app, "/api/v1/customers/K", &t, &big).await, 413);
    let p = problem(
        &put(&app, "/api/v1/customers/K", &t, &json!({"kind": "alien"})).await,
        422,
    );
    assert_eq!(p["type"], "/api/problems/validation");
    assert!(!fields(&p).is_empty());
    // The pages keep their HTML error page.
    let page = crate::harness::Client::new(&app).get("/nothing-here").await;
    assert!(
        page.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
}
