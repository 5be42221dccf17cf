//! Serving document files beyond the basics: images inline, other types
//! only as downloads, a large file streamed unchanged, an impersonated
//! download, and the benchmarked documents.

use axum::http::StatusCode;
use axum::http::header::{CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LOCATION};
use kp_storage::Sql;

use crate::document_files::*;
use crate::harness::{Client, demo_login, spawn_app};

#[tokio::test]
async fn images_preview_inline_and_other_files_only_download() {
    let app = spawn_app().await;
    let contract = group_contract(&app).await;
    let png = b"\x89PNG\r\n\x1a\nnot really".to_vec();
    let image = add_document(&app, contract, "Foto.png", "image/png", &png).await;
    let html = add_document(
        &app,
        contract,
        "x.html",
        "text/html",
        b"<script>alert(1)</script>",
    )
    .await;
    let mut stefan = signed_in(&app, "stefan").await;

    let page = stefan.get(&format!("/documents/{}", image.0)).await;
    assert!(page.body.replace("&#x2f;", "/").contains(&format!(
        "<img class=\"document-preview-image\" id=\"document-preview\" src=\"/documents/{}/preview\"",
        image.0
    )));
    let preview = stefan.get(&format!("/documents/{}/preview", image.0)).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(header(&preview, CONTENT_TYPE), "image/png");
    assert_eq!(header(&preview, CONTENT_SECURITY_POLICY), IMAGE_PREVIEW_CSP);

    // A stored type outside the allow-list is never served as itself.
    let page = stefan.get(&format!("/documents/{}", html.0)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("id=\"document-preview\""));
    let preview = stefan.get(&format!("/documents/{}/preview", html.0)).await;
    assert_eq!(preview.status, StatusCode::SEE_OTHER);
    assert_eq!(
        header(&preview, LOCATION),
        format!("/documents/{}/file", html.0)
    );
    assert!(
        audit_rows(&app, html).await.is_empty(),
        "a redirect is no preview"
    );
    let file = stefan.get(&format!("/documents/{}/file", html.0)).await;
    assert_eq!(header(&file, CONTENT_TYPE), "application/octet-stream");
    assert_eq!(header(&file, CONTENT_SECURITY_POLICY), DOWNLOAD_CSP);
}

#[tokio::test]
async fn a_large_file_streams_unchanged() {
    let app = spawn_app().await;
    let bytes: Vec<u8> = (0..5 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let id = add_document(
        &app,
        group_contract(&app).await,
        "Gutachten gross.pdf",
        "application/pdf",
        &bytes,
    )
    .await;
    let mut stefan = signed_in(&app, "stefan").await;
    let file = stefan.get(&format!("/documents/{}/file", id.0)).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(header(&file, CONTENT_LENGTH), bytes.len().to_string());
    assert_eq!(file.bytes.len(), bytes.len());
    assert!(file.bytes.as_ref() == bytes.as_slice(), "the bytes differ");
}

#[tokio::test]
async fn an_impersonated_download_names_both_and_leaves_the_marker() {
    let app = spawn_app().await;
    let id = add_document(
        &app,
        group_contract(&app).await,
        "Police.pdf",
        "application/pdf",
        b"%PDF-1.7\n%%EOF\n",
    )
    .await;
    let stefan = portal_user_id(&app, "stefan").await;
    let petra = demo_login("Petra");
    let staff = one_id(
        &app,
        &format!("SELECT id FROM staff_users WHERE email = '{}'", petra.email),
    )
    .await;
    // Petra views the portal as Stefan ("view as user", from this address).
    let mut client = Client::from_ip(&app, "192.0.2.5");
    client.login(petra.email, petra.password).await;
    let confirm = format!("/staff/users/{stefan}/view-as");
    let csrf = client.get(&confirm).await.hidden("_csrf");
    let started = client
        .post(&confirm, &[("_csrf", &csrf), ("password", petra.password)])
        .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let file = client.get(&format!("/documents/{}/file", id.0)).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(
        audit_rows(&app, id).await,
        vec![(
            None,
            Some(staff),
            Some(stefan),
            "document.download".into(),
            "document".into(),
            "192.0.2.5".into()
        )]
    );
    assert_eq!(
        reads(&app, id).await,
        0,
        "Stefan B. has not seen it himself"
    );
}

/// `bench/pages.txt` measures document pages by id; the ids must name
/// documents of the small set (loaded first in the large one too) that
/// their login sees, or the benchmark stops before measuring.
#[tokio::test]
async fn the_benchmarked_documents_exist_for_their_logins() {
    let app = spawn_app().await;
    let pages = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../bench/pages.txt"
    ))
    .unwrap();
    let mut checked = 0;
    for line in pages.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [_, path, email] = fields[..] else {
            continue;
        };
        if !path.starts_with("/documents/") {
            continue;
        }
        let login = kp_demo::logins()
            .into_iter()
            .find(|l| l.email == email)
            .unwrap();
        let mut client = Client::new(&app);
        client.login(login.email, login.password).await;
        let r = client.get(path).await;
        let hint: Vec<(i64, String)> = app
            .db
            .fetch_all(Sql::new(
                "SELECT MIN(d.id), d.media_type FROM documents d JOIN customers c \
                 ON c.id = d.customer_id WHERE c.organization_id IS NOT NULL GROUP BY d.media_type",
            ))
            .await
            .unwrap();
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{path} for {email}; group documents: {hint:?}"
        );
        checked += 1;
    }
    assert!(checked >= 3);
}
