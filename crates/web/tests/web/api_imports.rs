//! `POST /api/v1/imports/gdv` and `GET /api/v1/imports/{id}`: a GDV file
//! streamed as the body and answered with its report; a file that is not
//! GDV or truncated is a problem naming the place, with nothing written;
//! the size limit; the scope; another tenant's import is not found. The
//! sample files of `../shared/data/gdv` are used when present.

use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, header};
use serde_json::Value;
use tower::ServiceExt;

use crate::api_support::*;
use crate::harness::{Response, TestApp, collect, spawn_app_with_settings};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/gdv/oboehm-gdv.xport/musterdatei_041222.txt"
);

/// A GDV file with one empty package: valid, and small enough to write here.
fn empty_package() -> Vec<u8> {
    let mut file = format!("{:<256}\r\n", "00019999 Test Versicherung AG");
    file.push_str(&format!("{:<256}\r\n", "99990000000000"));
    file.into_bytes()
}

fn sample() -> Option<Vec<u8>> {
    match std::fs::read(SAMPLE) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            eprintln!("skipping the sample file: not found at {SAMPLE}");
            None
        }
    }
}

/// Posts `chunks` as a streamed body (no Content-Length).
async fn post_stream(app: &TestApp, path: &str, token: &str, chunks: Vec<Vec<u8>>) -> Response {
    let stream = futures_util::stream::iter(
        chunks
            .into_iter()
            .map(|c| Ok::<_, std::io::Error>(Bytes::from(c))),
    );
    let request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .extension(ConnectInfo(std::net::SocketAddr::from((
            [127, 0, 0, 1],
            40001,
        ))))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .body(Body::from_stream(stream))
        .unwrap();
    collect(app.router.clone().oneshot(request).await.unwrap()).await
}

async fn post(app: &TestApp, token: &str, bytes: &[u8]) -> Response {
    // In pieces of 1000 bytes, as a network would deliver them.
    let chunks = bytes.chunks(1000).map(<[u8]>::to_vec).collect();
    post_stream(app, "/api/v1/imports/gdv?file_name=test.gdv", token, chunks).await
}

/// How many contracts the tenant has, read over the API.
async fn contracts(app: &TestApp, token: &str) -> usize {
    let mut n = 0;
    let mut path = "/api/v1/contracts?limit=1000".to_owned();
    loop {
        let page = json_of(&get(app, &path, token).await);
        n += page["items"].as_array().unwrap().len();
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/contracts?limit=1000&cursor={c}"),
            None => return n,
        }
    }
}

const SCOPES: &[&str] = &["imports", "read:contracts"];

async fn imports(app: TestApp) {
    let t = token(&app, "hamburg", SCOPES).await;
    let mu = token(&app, "muenchen", SCOPES).await;
    let unscoped = token(&app, "hamburg", &["read:contracts"]).await;

    let r = post(&app, &t, &empty_package()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let report = json_of(&r);
    assert_eq!(report["status"], "imported");
    assert_eq!(report["file_name"], "test.gdv");
    assert_eq!(report["packages"], 1);
    let id = report["import_id"].as_i64().unwrap();
    assert_eq!(r.location(), format!("/api/v1/imports/{id}"));

    // Read back: the same report, with who ran it.
    let r = get(&app, &format!("/api/v1/imports/{id}"), &t).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let record = json_of(&r);
    assert_eq!(record["import_id"], id);
    assert_eq!(record["status"], "imported");
    assert_eq!(record["actor_kind"], "api_token");
    assert_eq!(record["actor_name"], "test");
    assert_eq!(record["report"], report);

    // Another tenant's import is the 404 of one that does not exist.
    let foreign = get(&app, &format!("/api/v1/imports/{id}"), &mu).await;
    let missing = get(&app, "/api/v1/imports/99999999", &t).await;
    let garbage = get(&app, "/api/v1/imports/abc", &t).await;
    for r in [&foreign, &missing, &garbage] {
        problem(r, 404);
    }
    assert_eq!(foreign.body, missing.body, "nothing tells them apart");

    // The scope.
    let p = problem(&post(&app, &unscoped, &empty_package()).await, 403);
    assert!(p["detail"].as_str().unwrap().contains("imports"), "{p}");
    problem(
        &get(&app, &format!("/api/v1/imports/{id}"), &unscoped).await,
        403,
    );
    problem(
        &call(&app, Method::POST, "/api/v1/imports/gdv", None, None, &[]).await,
        401,
    );

    // Not GDV: the place and the reason, nothing written, the import
    // recorded as rejected.
    let before = contracts(&app, &t).await;
    let r = post(
        &app,
        &t,
        b"Sehr geehrte Damen und Herren,\r\nanbei die Daten.\r\n",
    )
    .await;
    let p = problem(&r, 422);
    let reason = p["errors"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("line 1 "), "the place: {p}");
    assert!(reason.contains("Satzart"), "the reason: {p}");
    let rejected = p["import_id"].as_i64().unwrap();
    let r = get(&app, &format!("/api/v1/imports/{rejected}"), &t).await;
    assert_eq!(json_of(&r)["status"], "rejected");

    // Truncated: a package without its Nachsatz.
    let vorsatz = format!("{:<256}\r\n", "00019999 Test Versicherung AG");
    let p = problem(&post(&app, &t, vorsatz.as_bytes()).await, 422);
    assert!(!p["errors"].as_array().unwrap().is_empty(), "{p}");
    // An empty body is no GDV file either.
    problem(&post(&app, &t, b"").await, 422);
    assert_eq!(contracts(&app, &t).await, before);

    let Some(bytes) = sample() else { return };
    // The sample cut in half (at a line end): rejected, nothing written.
    let lines: Vec<&[u8]> = bytes.split_inclusive(|b| *b == b'\n').collect();
    let half: Vec<u8> = lines[..lines.len() / 2].concat();
    let p = problem(&post(&app, &t, &half).await, 422);
    let reasons: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons.iter().any(|r| r.starts_with("line ")),
        "{reasons:?}"
    );
    assert_eq!(contracts(&app, &t).await, before);

    // The whole sample: imported; a second time changes nothing.
    let muc_before = contracts(&app, &mu).await;
    let r = post(&app, &t, &bytes).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let first = json_of(&r);
    assert_eq!(first["status"], "imported", "{first}");
    let created = first["written"]["contracts"]["created"].as_u64().unwrap();
    assert!(created > 0, "{first}");
    assert_eq!(contracts(&app, &t).await, before + created as usize);
    let again = json_of(&post(&app, &t, &bytes).await);
    for kind in [
        "customers",
        "contracts",
        "objects",
        "claims",
        "finance_items",
    ] {
        let tally: &Value = &again["written"][kind];
        assert_eq!(tally["created"], 0, "{kind}: {again}");
        assert_eq!(tally["updated"], 0, "{kind}: {again}");
    }
    // München sees none of it.
    assert_eq!(contracts(&app, &mu).await, muc_before);
}

#[tokio::test]
async fn gdv_files_are_imported_over_the_api() {
    on_both(imports).await;
}

#[tokio::test]
async fn the_body_limit_stops_an_import_before_anything_is_written() {
    let app = spawn_app_with_settings(|_, config| config.api_import_limit_bytes = 1024).await;
    let t = token(&app, "hamburg", SCOPES).await;
    let big = empty_package().repeat(3);
    // Streamed without a length: stopped while reading.
    let p = problem(&post(&app, &t, &big).await, 413);
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("api.import_limit_bytes")
    );
    // With a declared length: refused before reading.
    let r = call(
        &app,
        Method::POST,
        "/api/v1/imports/gdv",
        Some(&t),
        None,
        &[("content-length", "5000")],
    )
    .await;
    problem(&r, 413);
    // Under the limit it works.
    let r = post(&app, &t, &empty_package()).await;
    assert_eq!(r.status, 201, "{}", r.body);
}

#[tokio::test]
async fn a_bad_file_name_is_refused() {
    let app = spawn_app_with_settings(|_, _| {}).await;
    let t = token(&app, "hamburg", SCOPES).await;
    let long = "x".repeat(300);
    let r = post_stream(
        &app,
        &format!("/api/v1/imports/gdv?file_name={long}"),
        &t,
        vec![empty_package()],
    )
    .await;
    let p = problem(&r, 422);
    assert_eq!(fields(&p), vec!["file_name"]);
}
