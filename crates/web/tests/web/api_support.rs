//! Helpers of the API tests: tokens from the real use case, requests with
//! a bearer token, and the sample records.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, header};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::harness::{Response, TestApp, collect, spawn_app, spawn_app_on_postgres};

/// Every scope of the sync API.
pub const ALL: &[&str] = &[
    "read:customers",
    "write:customers",
    "read:contracts",
    "write:contracts",
    "read:objects",
    "write:objects",
    "read:claims",
    "write:claims",
    "read:finance",
    "write:finance",
    "events",
];

/// A new token of the demo tenant `tenant` (`hamburg`, `muenchen`).
pub async fn token(app: &TestApp, tenant: &str, scopes: &[&str]) -> String {
    let scopes: Vec<String> = scopes.iter().map(|s| (*s).to_owned()).collect();
    kp_app::api_tokens::create(&app.app, tenant, "test", &scopes, 30)
        .await
        .unwrap()
        .token
}

/// Sends a request with `token` as bearer (if any) and a JSON body.
pub async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
    headers: &[(&str, &str)],
) -> Response {
    let mut builder = Request::builder()
        .method(method)
        .uri(path)
        .extension(ConnectInfo(std::net::SocketAddr::from((
            [127, 0, 0, 1],
            40001,
        ))));
    if let Some(t) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    let body = match body {
        Some(b) => {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
            Body::from(serde_json::to_vec(b).unwrap())
        }
        None => Body::empty(),
    };
    collect(
        app.router
            .clone()
            .oneshot(builder.body(body).unwrap())
            .await
            .unwrap(),
    )
    .await
}

pub async fn get(app: &TestApp, path: &str, token: &str) -> Response {
    call(app, Method::GET, path, Some(token), None, &[]).await
}

pub async fn put(app: &TestApp, path: &str, token: &str, body: &Value) -> Response {
    call(app, Method::PUT, path, Some(token), Some(body), &[]).await
}

pub async fn delete(app: &TestApp, path: &str, token: &str) -> Response {
    call(app, Method::DELETE, path, Some(token), None, &[]).await
}

pub fn json_of(response: &Response) -> Value {
    serde_json::from_str(&response.body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", response.body))
}

/// Asserts an RFC 9457 problem document of `status` and returns it.
pub fn problem(response: &Response, status: u16) -> Value {
    assert_eq!(response.status.as_u16(), status, "{}", response.body);
    assert_eq!(
        response.headers[header::CONTENT_TYPE],
        "application/problem+json",
        "{}",
        response.body
    );
    let p = json_of(response);
    assert_eq!(p["status"], status);
    for key in ["type", "title", "detail"] {
        assert!(p[key].is_string(), "{key} missing: {p}");
    }
    p
}

/// The fields named by a 422 problem.
pub fn fields(p: &Value) -> Vec<String> {
    p["errors"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

pub fn customer(name: &str) -> Value {
    json!({ "kind": "person", "first_name": name, "last_name": "Test", "display_name": format!("{name} Test"), "city": "Hamburg" })
}

pub fn contract(customer: &str, policy: &str) -> Value {
    json!({
        "customer": customer,
        "policy_number": policy,
        "line_of_business": "motor",
        "contract_type": "individual",
        "status": "active",
        "start_date": "2024-01-01",
        "payment_frequency": "yearly",
        "premium_gross_minor": 45000,
        "currency": "EUR"
    })
}

pub fn object(contract: &str) -> Value {
    json!({ "contract": contract, "kind": "vehicle", "description": "VW Golf", "plate": "HH-AB 123" })
}

pub fn claim(contract: &str, object: Option<&str>) -> Value {
    json!({
        "contract": contract,
        "object": object,
        "date_of_loss": "2025-03-01",
        "reported_on": "2025-03-02",
        "claim_type": "collision",
        "status": "in_review",
        "status_history": [
            { "status": "reported", "changed_at": "2025-03-02T09:00:00Z" },
            { "status": "in_review", "note": "Gutachter beauftragt", "changed_at": "2025-03-05T10:30:00Z" }
        ]
    })
}

/// Runs `check` on SQLite, then on PostgreSQL when one is configured.
pub async fn on_both<F, Fut>(check: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    check(spawn_app().await).await;
    if let Some((app, pg)) = spawn_app_on_postgres().await {
        check(app).await;
        pg.drop_db().await;
    }
}

/// The types of the tenant's events on `link`, read until `n` came. On
/// PostgreSQL the feed holds back events behind any transaction still
/// running on the server (other tests' too), so it may need a few polls;
/// the bound only keeps a broken feed from hanging the suite.
pub async fn event_types(app: &TestApp, token: &str, link: &str, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut path = "/api/v1/events?limit=1000".to_owned();
    for _ in 0..1200 {
        let page = json_of(&get(app, &path, token).await);
        let items = page["items"].as_array().unwrap();
        out.extend(
            items
                .iter()
                .filter(|e| e["resource_link"] == link)
                .map(|e| e["type"].as_str().unwrap().to_owned()),
        );
        path = format!(
            "/api/v1/events?limit=1000&after={}",
            page["next_cursor"].as_str().unwrap()
        );
        if out.len() >= n {
            return out;
        }
        if items.is_empty() {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    panic!("the feed never caught up: {out:?}");
}
