//! Documents through the sync API (A2): streamed upload with metadata in
//! a header, the SHA-256 check, the size limit, streamed downloads of back
//! office and portal documents, visibility to customers and deletion.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use kp_storage::Sql;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tower::ServiceExt;

use crate::api_support::*;
use crate::harness::{
    Client, Response, TestApp, collect, demo_login, spawn_app_on_postgres_with_settings,
    spawn_app_with_settings,
};

pub(crate) const SCOPES: &[&str] = &[
    "read:customers",
    "write:customers",
    "read:contracts",
    "write:contracts",
    "read:documents",
    "write:documents",
    "events",
];

/// `PUT /api/v1/documents/{ext}` with the file as a body streamed in
/// `chunks` pieces, the metadata header and extra headers.
pub(crate) async fn upload(
    app: &TestApp,
    ext: &str,
    token: &str,
    meta: &Value,
    file: &[u8],
    extra: &[(&str, &str)],
) -> Response {
    let pieces: Vec<Result<Vec<u8>, std::io::Error>> =
        file.chunks(1000).map(|c| Ok(c.to_vec())).collect();
    let mut builder = Request::builder()
        .method(Method::PUT)
        .uri(format!("/api/v1/documents/{ext}"))
        .extension(ConnectInfo(std::net::SocketAddr::from((
            [127, 0, 0, 1],
            40001,
        ))))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/pdf")
        .header("Kundenportal-Document", meta.to_string());
    for (k, v) in extra {
        builder = builder.header(*k, *v);
    }
    // No Content-Length: the server counts while it reads.
    let body = Body::from_stream(futures_util::stream::iter(pieces));
    collect(
        app.router
            .clone()
            .oneshot(builder.body(body).unwrap())
            .await
            .unwrap(),
    )
    .await
}

pub(crate) fn meta(context: Value, visible: bool) -> Value {
    json!({
        "context": context,
        "document_type": "policy",
        "file_name": "Police Kfz.pdf",
        "customer_visible": visible
    })
}

pub(crate) fn pdf(n: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    out.extend((0..n).map(|i| b'a' + (i % 26) as u8));
    out
}

/// Whether the store holds `bytes` (under any name: an encrypted store
/// names blobs at random), and no upload left a temporary file.
async fn kept(app: &TestApp, bytes: &[u8]) -> bool {
    let kp_documents::BlobStore::Local(store) = &app.app.blobs;
    let incoming = store.root().join("incoming");
    if let Ok(entries) = std::fs::read_dir(&incoming) {
        assert_eq!(entries.count(), 0, "a temporary upload file was left");
    }
    for key in crate::uploads_corpus::blob_keys(store.root()) {
        if app.app.blobs.get(&key).await.ok().as_deref() == Some(bytes) {
            return true;
        }
    }
    false
}

async fn documents(app: TestApp) {
    let t = token(&app, "hamburg", SCOPES).await;
    put(&app, "/api/v1/customers/D-K1", &t, &customer("D")).await;
    put(
        &app,
        "/api/v1/contracts/D-V1",
        &t,
        &contract("D-K1", "P-D1"),
    )
    .await;
    let file = pdf(5000);
    let sha = hex::encode(Sha256::digest(&file));

    // Streamed upload with the digest: created, then a replay unchanged.
    let m = meta(json!({ "contract": "D-V1" }), true);
    let r = upload(&app, "D-1", &t, &m, &file, &[("Content-SHA256", &sha)]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = upload(&app, "D-1", &t, &m, &file, &[]).await;
    assert_eq!(json_of(&r)["result"], "unchanged", "{}", r.body);
    let doc = json_of(&get(&app, "/api/v1/documents/D-1", &t).await);
    assert_eq!(doc["sha256"], sha.as_str());
    assert_eq!(doc["size_bytes"], file.len());
    assert_eq!(doc["context"], json!({ "contract": "D-V1" }));
    assert_eq!(doc["customer"], "D-K1");
    assert_eq!(doc["title"], "Police Kfz.pdf");
    assert_eq!(doc["media_type"], "application/pdf");

    // The download is the same bytes, by external id and by portal id.
    let got = get(&app, "/api/v1/documents/D-1/content", &t).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.bytes.as_ref(), file.as_slice());
    assert_eq!(got.headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(got.headers["content-sha256"], sha.as_str());
    let by_id = format!("/api/v1/documents/by-id/{}/content", doc["id"]);
    assert_eq!(get(&app, &by_id, &t).await.bytes.as_ref(), file.as_slice());

    // Another file replaces it: updated.
    let other = pdf(7000);
    let r = upload(&app, "D-1", &t, &m, &other, &[]).await;
    assert_eq!(json_of(&r)["result"], "updated", "{}", r.body);
    let got = get(&app, "/api/v1/documents/D-1/content", &t).await;
    assert_eq!(got.bytes.as_ref(), other.as_slice());

    // A wrong digest: 422 naming the header, nothing kept.
    let fresh = pdf(6000);
    let wrong = "0".repeat(64);
    let p = problem(
        &upload(&app, "D-2", &t, &m, &fresh, &[("Content-SHA256", &wrong)]).await,
        422,
    );
    assert_eq!(fields(&p), ["Content-SHA256"]);
    assert!(!kept(&app, &fresh).await);
    assert_eq!(get(&app, "/api/v1/documents/D-2", &t).await.status, 404);

    // Bad metadata and an unknown context: 422 naming the field and id.
    let p = problem(&upload(&app, "D-3", &t, &json!({ "context": { "contract": "D-V9" }, "document_type": "policy", "file_name": "x.pdf" }), &file, &[]).await, 422);
    assert_eq!(fields(&p), ["Kundenportal-Document.context.contract"]);
    assert!(p["detail"].as_str().unwrap().contains("D-V9"), "{p}");
    let p = problem(&upload(&app, "D-3", &t, &json!({ "context": { "contract": "D-V1" }, "document_type": "nonsense", "file_name": "x.pdf" }), &file, &[]).await, 422);
    assert_eq!(fields(&p), ["Kundenportal-Document.document_type"]);
    let p = problem(&upload(&app, "D-3", &t, &json!({ "context": { "contract": "D-V1" }, "document_type": "policy", "file_name": "x.pdf", "extra": 1 }), &file, &[]).await, 422);
    assert!(p["detail"].as_str().unwrap().contains("extra"), "{p}");

    // Without the scope 403; another tenant's token sees nothing.
    let reader = token(&app, "hamburg", &["read:documents"]).await;
    problem(&upload(&app, "D-4", &reader, &m, &file, &[]).await, 403);
    let munich = token(&app, "muenchen", SCOPES).await;
    problem(&get(&app, "/api/v1/documents/D-1", &munich).await, 404);
    problem(&get(&app, &by_id, &munich).await, 404);
    problem(&upload(&app, "D-5", &munich, &m, &file, &[]).await, 422);

    // Deleted: gone from the API, with its event.
    assert_eq!(delete(&app, "/api/v1/documents/D-1", &t).await.status, 200);
    problem(&get(&app, "/api/v1/documents/D-1/content", &t).await, 404);
    let types = event_types(&app, &t, "/api/v1/documents/D-1", 3).await;
    assert_eq!(
        types,
        ["document.created", "document.updated", "document.deleted"]
    );
}

fn small_limit(_: &mut kp_app::Policy, config: &mut kp_web::WebConfig) {
    config.api_document_limit_bytes = 4096;
}

async fn on_both_small<F, Fut>(check: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    check(spawn_app_with_settings(small_limit).await).await;
    if let Some((app, pg)) = spawn_app_on_postgres_with_settings(small_limit).await {
        check(app).await;
        pg.drop_db().await;
    }
}

#[tokio::test]
async fn documents_are_uploaded_streamed_checked_and_downloaded() {
    on_both(documents).await;
}

/// Over the limit: 413 and nothing kept, with or without Content-Length.
async fn over_limit(app: TestApp) {
    let t = token(&app, "hamburg", SCOPES).await;
    put(&app, "/api/v1/customers/L-K1", &t, &customer("L")).await;
    let m = meta(json!({ "customer": "L-K1" }), true);
    let big = pdf(10_000);
    problem(&upload(&app, "L-1", &t, &m, &big, &[]).await, 413);
    let len = big.len().to_string();
    problem(
        &upload(&app, "L-1", &t, &m, &big, &[("Content-Length", &len)]).await,
        413,
    );
    assert!(!kept(&app, &big).await);
    assert_eq!(get(&app, "/api/v1/documents/L-1", &t).await.status, 404);
    assert_eq!(
        upload(&app, "L-1", &t, &m, &pdf(3000), &[]).await.status,
        201
    );
}

#[tokio::test]
async fn an_upload_over_the_limit_is_refused_and_not_kept() {
    on_both_small(over_limit).await;
}

/// Documents made in the portal have no external id: listed with their
/// portal id and downloadable by it.
async fn portal_documents(app: TestApp) {
    let mut found = None;
    for tenant in ["hamburg", "muenchen"] {
        let t = token(&app, tenant, SCOPES).await;
        let mut cursor = String::new();
        loop {
            let path = format!("/api/v1/documents?limit=500{cursor}");
            let page = json_of(&get(&app, &path, &t).await);
            for d in page["items"].as_array().unwrap() {
                if d["source"] == "portal" && d["external_id"].is_null() && found.is_none() {
                    found = Some((t.clone(), d.clone()));
                }
            }
            match page["next_cursor"].as_str() {
                Some(c) => cursor = format!("&cursor={c}"),
                None => break,
            }
        }
    }
    let (t, d) = found.expect("the demo has documents uploaded in the portal");
    let got = get(&app, d["content"].as_str().unwrap(), &t).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.bytes.len() as u64, d["size_bytes"].as_u64().unwrap());
    assert_eq!(
        hex::encode(Sha256::digest(&got.bytes)),
        d["sha256"].as_str().unwrap()
    );
}

#[tokio::test]
async fn documents_uploaded_in_the_portal_are_listed_and_downloadable() {
    on_both(portal_documents).await;
}

/// A document not visible to the customer stays hidden from portal users
/// (the 404 of one that does not exist); a visible one is shown.
async fn visibility(app: TestApp) {
    let (contract, tenant): (String, String) = app
        .db
        .fetch_one(Sql::new(
            "SELECT k.external_id, t.tenant_key FROM contracts k \
             JOIN customers c ON c.id = k.customer_id JOIN tenants t ON t.id = k.tenant_id \
             WHERE c.organization_id IS NOT NULL ORDER BY k.id LIMIT 1",
        ))
        .await
        .unwrap();
    let t = token(&app, &tenant, SCOPES).await;
    for (ext, visible) in [("V-HIDDEN", false), ("V-SHOWN", true)] {
        let r = upload(
            &app,
            ext,
            &t,
            &meta(json!({ "contract": contract }), visible),
            &pdf(100),
            &[],
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    let id = |ext: &'static str| {
        let app = &app;
        let t = &t;
        async move { json_of(&get(app, &format!("/api/v1/documents/{ext}"), t).await)["id"].clone() }
    };
    let login = demo_login("stefan");
    let mut stefan = Client::new(&app);
    stefan.login(login.email, login.password).await;
    let hidden = id("V-HIDDEN").await;
    let shown = id("V-SHOWN").await;
    assert_eq!(
        stefan.get(&format!("/documents/{hidden}")).await.status,
        404
    );
    assert_eq!(
        stefan
            .get(&format!("/documents/{hidden}/file"))
            .await
            .status,
        404
    );
    assert_eq!(stefan.get(&format!("/documents/{shown}")).await.status, 200);
    // Deleted through the API, it leaves the portal too.
    delete(&app, "/api/v1/documents/V-SHOWN", &t).await;
    assert_eq!(stefan.get(&format!("/documents/{shown}")).await.status, 404);
}

#[tokio::test]
async fn hidden_and_deleted_documents_stay_out_of_the_portal() {
    on_both(visibility).await;
}
