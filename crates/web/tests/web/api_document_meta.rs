//! `PATCH /api/v1/documents/{external_id}`: a document's metadata changed
//! without the file sent again, scoped to the token's tenant, with the
//! `document.updated` event, on SQLite and PostgreSQL.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::api_documents::{SCOPES, meta, pdf, upload};
use crate::api_support::*;
use crate::harness::{Response, TestApp};

async fn patch(app: &TestApp, ext: &str, token: &str, body: &Value) -> Response {
    let path = format!("/api/v1/documents/{ext}");
    call(app, Method::PATCH, &path, Some(token), Some(body), &[]).await
}

async fn metadata_without_reupload(app: TestApp) {
    let t = token(&app, "hamburg", SCOPES).await;
    put(&app, "/api/v1/customers/M-K1", &t, &customer("M")).await;
    for (ext, policy) in [("M-V1", "P-M1"), ("M-V2", "P-M2")] {
        let path = format!("/api/v1/contracts/{ext}");
        let r = put(&app, &path, &t, &contract("M-K1", policy)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    let file = pdf(3000);
    let m = meta(json!({ "contract": "M-V1" }), true);
    let r = upload(&app, "M-1", &t, &m, &file, &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let before = json_of(&get(&app, "/api/v1/documents/M-1", &t).await);

    // Title, context, type and visibility change; the file stays.
    let change = json!({
        "title": "  Police 2025 ",
        "context": { "contract": "M-V2" },
        "document_type": "certificate",
        "customer_visible": false
    });
    let r = patch(&app, "M-1", &t, &change).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(json_of(&r)["result"], "updated");
    let doc = json_of(&get(&app, "/api/v1/documents/M-1", &t).await);
    assert_eq!(doc["title"], "Police 2025");
    assert_eq!(doc["context"], json!({ "contract": "M-V2" }));
    assert_eq!(doc["document_type"], "certificate");
    assert_eq!(doc["customer_visible"], false);
    for same in ["id", "file_name", "sha256", "size_bytes", "media_type"] {
        assert_eq!(doc[same], before[same], "{same}");
    }
    let got = get(&app, "/api/v1/documents/M-1/content", &t).await;
    assert_eq!(got.bytes.as_ref(), file.as_slice());

    // The same change again, and an empty one: unchanged, no event.
    assert_eq!(
        json_of(&patch(&app, "M-1", &t, &change).await)["result"],
        "unchanged"
    );
    assert_eq!(
        json_of(&patch(&app, "M-1", &t, &json!({})).await)["result"],
        "unchanged"
    );
    // Only the file name: the title set before stays.
    let r = patch(&app, "M-1", &t, &json!({ "file_name": "Police-2025.pdf" })).await;
    assert_eq!(json_of(&r)["result"], "updated", "{}", r.body);
    let doc = json_of(&get(&app, "/api/v1/documents/M-1", &t).await);
    assert_eq!(doc["file_name"], "Police-2025.pdf");
    assert_eq!(doc["title"], "Police 2025");

    // Bad input: 422 naming the field, nothing changed.
    let p = problem(
        &patch(
            &app,
            "M-1",
            &t,
            &json!({ "context": { "contract": "M-V9" } }),
        )
        .await,
        422,
    );
    assert_eq!(fields(&p), ["context.contract"]);
    assert!(p["detail"].as_str().unwrap().contains("M-V9"), "{p}");
    let p = problem(
        &patch(&app, "M-1", &t, &json!({ "file_name": "a/b.pdf" })).await,
        422,
    );
    assert_eq!(fields(&p), ["file_name"]);
    let p = problem(
        &patch(&app, "M-1", &t, &json!({ "document_type": "nonsense" })).await,
        422,
    );
    assert_eq!(fields(&p), ["document_type"]);
    let p = problem(
        &patch(&app, "M-1", &t, &json!({ "sha256": "00" })).await,
        422,
    );
    assert!(p["detail"].as_str().unwrap().contains("sha256"), "{p}");
    problem(&patch(&app, "M-1", &t, &json!([1, 2])).await, 422);
    let not_json = call(
        &app,
        Method::PATCH,
        "/api/v1/documents/M-1",
        Some(&t),
        None,
        &[],
    )
    .await;
    problem(&not_json, 415);
    let doc = json_of(&get(&app, "/api/v1/documents/M-1", &t).await);
    assert_eq!(doc["context"], json!({ "contract": "M-V2" }));

    // Unknown, deleted or another tenant's document: 404; no scope: 403.
    problem(&patch(&app, "M-9", &t, &json!({ "title": "x" })).await, 404);
    let munich = token(&app, "muenchen", SCOPES).await;
    problem(
        &patch(&app, "M-1", &munich, &json!({ "title": "x" })).await,
        404,
    );
    let reader = token(&app, "hamburg", &["read:documents"]).await;
    problem(
        &patch(&app, "M-1", &reader, &json!({ "title": "x" })).await,
        403,
    );
    assert_eq!(
        json_of(&get(&app, "/api/v1/documents/M-1", &t).await)["title"],
        "Police 2025"
    );

    // Idempotency-Key works as on every mutating request.
    let key = [("Idempotency-Key", "meta-1")];
    let body = json!({ "title": "Mit Schlüssel" });
    let path = "/api/v1/documents/M-1";
    let first = call(&app, Method::PATCH, path, Some(&t), Some(&body), &key).await;
    assert_eq!(json_of(&first)["result"], "updated");
    let again = call(&app, Method::PATCH, path, Some(&t), Some(&body), &key).await;
    assert_eq!(json_of(&again)["result"], "updated");
    assert_eq!(again.headers["idempotent-replayed"], "true");

    assert_eq!(delete(&app, path, &t).await.status, 200);
    problem(&patch(&app, "M-1", &t, &json!({ "title": "x" })).await, 404);
    let types = event_types(&app, &t, path, 5).await;
    assert_eq!(
        types,
        [
            "document.created",
            "document.updated",
            "document.updated",
            "document.updated",
            "document.deleted"
        ]
    );
}

#[tokio::test]
async fn document_metadata_changes_without_the_file() {
    on_both(metadata_without_reupload).await;
}
