//! Bulk NDJSON and Idempotency-Key.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, header};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::api_support::*;
use crate::harness::{TestApp, collect, spawn_app_with_settings};

pub(crate) async fn bulk(app: &TestApp, token: &str, body: String) -> Vec<Value> {
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/bulk")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/x-ndjson")
        .extension(ConnectInfo(std::net::SocketAddr::from((
            [127, 0, 0, 1],
            40002,
        ))))
        .body(Body::from(body))
        .unwrap();
    let r = collect(app.router.clone().oneshot(request).await.unwrap()).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/x-ndjson");
    let mut lines: Vec<Value> = r
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    lines.sort_by_key(|l| l["line"].as_u64());
    lines
}

pub(crate) fn line(kind: &str, ext: &str, data: Value) -> String {
    json!({ "type": kind, "external_id": ext, "data": data }).to_string()
}

async fn mixed(app: TestApp) {
    let t = token(&app, "hamburg", ALL).await;
    let body = [
        // A contract before its customer: applied once the customer exists.
        line("contract", "B-V1", contract("B-K1", "P-B1")),
        line("customer", "B-K1", customer("Bulk")),
        "{ this is not json".to_owned(),
        line("contract", "B-V2", contract("NEVER", "P-B2")),
        line(
            "customer",
            "B-K2",
            json!({ "kind": "person", "display_name": "X", "shoe_size": 44 }),
        ),
        String::new(),
        line("object", "B-O1", object("B-V1")),
        line("planet", "B-P", json!({})),
        json!({ "type": "customer", "external_id": "B-K3", "op": "delete" }).to_string(),
        line("customer", "B-K1", customer("Bulk")),
    ]
    .join("\n");
    let results = bulk(&app, &t, body).await;
    let by_line = |n: u64| {
        results
            .iter()
            .find(|r| r["line"] == n)
            .unwrap_or_else(|| panic!("no result for line {n}: {results:?}"))
    };
    assert_eq!(
        results.len(),
        9,
        "one result per non-blank line: {results:?}"
    );
    assert_eq!(by_line(1)["result"], "created", "{results:?}");
    assert_eq!(by_line(2)["result"], "created");
    assert_eq!(by_line(3)["result"], "error");
    assert_eq!(by_line(4)["error"]["field"], "data.customer");
    assert!(
        by_line(4)["error"]["reason"]
            .as_str()
            .unwrap()
            .contains("NEVER")
    );
    assert_eq!(by_line(5)["result"], "error");
    assert!(
        by_line(5)["error"]["reason"]
            .as_str()
            .unwrap()
            .contains("shoe_size"),
        "{results:?}"
    );
    assert_eq!(by_line(7)["result"], "created");
    assert_eq!(by_line(8)["error"]["field"], "type");
    assert_eq!(by_line(9)["error"]["status"], 404);
    assert_eq!(by_line(10)["result"], "unchanged");
    // The good lines were kept.
    assert_eq!(get(&app, "/api/v1/contracts/B-V1", &t).await.status, 200);
    assert_eq!(get(&app, "/api/v1/objects/B-O1", &t).await.status, 200);
    assert_eq!(get(&app, "/api/v1/contracts/B-V2", &t).await.status, 404);

    // A token without the write scope of a line's type.
    let reader = token(&app, "hamburg", &["write:customers"]).await;
    let results = bulk(
        &app,
        &reader,
        line("contract", "B-V3", contract("B-K1", "P")),
    )
    .await;
    assert_eq!(results[0]["error"]["status"], 403);
}

#[tokio::test]
async fn bulk_keeps_good_lines_reports_bad_ones_and_resolves_forward_references() {
    on_both(mixed).await;
}

#[tokio::test]
async fn bulk_spans_batches_and_refuses_overlong_lines() {
    let app = spawn_app_with_settings(|_, web| {
        web.api_bulk_batch_size = 3;
        web.api_body_limit_bytes = 1024;
    })
    .await;
    let t = token(&app, "hamburg", ALL).await;
    let mut lines = Vec::new();
    // The contracts come in the first batches, their customers later.
    for i in 0..8 {
        lines.push(line(
            "contract",
            &format!("S-V{i}"),
            contract(&format!("S-K{i}"), "P"),
        ));
    }
    for i in 0..8 {
        lines.push(line("customer", &format!("S-K{i}"), customer("S")));
    }
    let mut long = customer("L");
    long["city"] = json!("y".repeat(2000));
    lines.push(line("customer", "S-LONG", long));
    let results = bulk(&app, &t, lines.join("\n") + "\n").await;
    assert_eq!(results.len(), 17);
    assert!(
        results[..16].iter().all(|r| r["result"] == "created"),
        "{results:?}"
    );
    assert_eq!(results[16]["error"]["status"], 413);
}

async fn idempotency(app: TestApp) {
    let t = token(&app, "hamburg", ALL).await;
    let key = [("idempotency-key", "order-4711")];
    let send = |body: Value| {
        let app = &app;
        let t = t.clone();
        async move {
            call(
                app,
                Method::PUT,
                "/api/v1/customers/I-1",
                Some(&t),
                Some(&body),
                &key,
            )
            .await
        }
    };
    let first = send(customer("Ida")).await;
    assert_eq!(first.status, 201);
    // The replay is the first answer again, not "unchanged".
    let replay = send(customer("Ida")).await;
    assert_eq!(replay.status, 201);
    assert_eq!(replay.body, first.body);
    assert_eq!(replay.headers["idempotent-replayed"], "true");
    // The same key with another body.
    let p = problem(&send(customer("Other")).await, 422);
    assert!(p["detail"].as_str().unwrap().contains("Idempotency-Key"));
    assert_eq!(
        json_of(&get(&app, "/api/v1/customers/I-1", &t).await)["first_name"],
        "Ida"
    );
    // Another token has its own keys.
    let other = token(&app, "hamburg", ALL).await;
    let r = call(
        &app,
        Method::PUT,
        "/api/v1/customers/I-1",
        Some(&other),
        Some(&customer("Ida")),
        &key,
    )
    .await;
    assert_eq!(json_of(&r)["result"], "unchanged");
    // A duplicate while the first still runs: its key is held, no answer yet.
    app.db
        .execute(
            kp_storage::Sql::new(
                "UPDATE api_idempotency SET status_code = NULL, response_body = NULL WHERE idem_key = $1",
            )
            .arg("order-4711"),
        )
        .await
        .unwrap();
    problem(&send(customer("Ida")).await, 409);
    // A first request that never finished (its process died) frees the
    // key after 15 minutes; the retry runs and its answer is kept.
    app.clock.advance(chrono::Duration::minutes(16));
    let retry = send(customer("Ida")).await;
    assert_eq!(json_of(&retry)["result"], "unchanged", "{}", retry.body);
    assert!(retry.headers.get("idempotent-replayed").is_none());
    assert_eq!(
        send(customer("Ida")).await.headers["idempotent-replayed"],
        "true"
    );
    // After 24 hours the key is free again.
    app.clock.advance(chrono::Duration::hours(25));
    let later = send(customer("Other")).await;
    assert_eq!(json_of(&later)["result"], "updated", "{}", later.body);
}

#[tokio::test]
async fn idempotency_keys_replay_refuse_other_bodies_and_concurrent_duplicates() {
    on_both(idempotency).await;
}

/// A client that asks `Expect: 100-continue` (curl for bodies over 1 MiB,
/// .NET's HttpClient) gets `100 Continue` before the answer's head: else it
/// waits its own time-out before sending the body.
#[tokio::test]
async fn bulk_answers_100_continue_before_its_results() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let app = crate::harness::spawn_app().await;
    let t = token(&app, "hamburg", ALL).await;
    let (addr, server) = app.listen().await;
    let body = format!("{}\n", line("customer", "B-100", customer("Continue")));
    let head = format!(
        "POST /api/v1/bulk HTTP/1.1\r\nHost: portal\r\nAuthorization: Bearer {t}\r\n\
         Content-Type: application/x-ndjson\r\nExpect: 100-continue\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    // Nothing of the body is sent until the server asks for it; a server
    // that never does fails here after the deadline.
    let mut first = [0u8; 64];
    let n = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut first))
        .await
        .expect("the server answers before the body is sent")
        .unwrap();
    let first = String::from_utf8_lossy(&first[..n]);
    assert!(
        first.starts_with("HTTP/1.1 100 Continue"),
        "first bytes: {first:?}"
    );
    stream.write_all(body.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&answer).contains("\"result\":\"created\"") {
        let n = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut buf))
            .await
            .expect("the results arrive")
            .unwrap();
        assert!(
            n > 0,
            "connection closed early: {}",
            String::from_utf8_lossy(&answer)
        );
        answer.extend_from_slice(&buf[..n]);
    }
    assert!(String::from_utf8_lossy(&answer).contains("200 OK"));
    server.abort();
}
