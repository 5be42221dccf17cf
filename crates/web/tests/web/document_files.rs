//! A document's page, download and preview: headers, bytes, the scope
//! (404) before the menu area (403), the audit entry and the read marker,
//! on SQLite and (when configured) PostgreSQL.

use axum::http::StatusCode;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE,
    LOCATION, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use kp_domain::{ContractId, DocumentId, Scope};
use kp_storage::Sql;
use kp_storage::write::documents::{self, DocumentContext, NewDocument};

use crate::harness::{Client, Response, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

const DOWNLOAD_CSP: &str = "sandbox; default-src 'none'; frame-ancestors 'none'";
const PDF_PREVIEW_CSP: &str = "default-src 'none'; frame-ancestors 'self'";
const IMAGE_PREVIEW_CSP: &str = "sandbox; default-src 'none'; img-src 'self'; \
                                 style-src 'unsafe-inline'; frame-ancestors 'self'";

async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    client.login(login.email, login.password).await;
    client
}

fn header(r: &Response, name: axum::http::HeaderName) -> &str {
    r.headers
        .get(&name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header"))
}

async fn one_id(app: &TestApp, sql: &str) -> i64 {
    let (id,): (i64,) = app.db.fetch_one(Sql::new(sql)).await.unwrap();
    id
}

/// A contract of the industrial group (Stefan B. sees every one).
async fn group_contract(app: &TestApp) -> ContractId {
    ContractId(
        one_id(
            app,
            "SELECT k.id FROM contracts k JOIN customers c ON c.id = k.customer_id \
             WHERE c.organization_id IS NOT NULL ORDER BY k.id LIMIT 1",
        )
        .await,
    )
}

/// Stores `bytes` and records them as a document of `contract`.
async fn add_document(
    app: &TestApp,
    contract: ContractId,
    file_name: &str,
    media_type: &str,
    bytes: &[u8],
) -> DocumentId {
    let key = app.app.blobs.put_content(bytes).await.unwrap();
    let mut tx = app.db.begin().await.unwrap();
    let id = documents::insert(
        &mut tx,
        &Scope::everything(),
        &NewDocument {
            context: DocumentContext::Contract(contract),
            external_id: None,
            document_type: "claim_letter".into(),
            title: "Schadenmeldung Müller".into(),
            file_name: file_name.into(),
            media_type: media_type.into(),
            size_bytes: bytes.len() as i64,
            sha256: kp_documents::sha256_hex(bytes),
            storage_key: key,
            source: "back_office".into(),
            uploaded_by_portal_user_id: None,
            uploaded_by_staff_id: None,
            created_at: now(app),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

fn now(app: &TestApp) -> chrono::DateTime<chrono::Utc> {
    use kp_app::Clock;
    app.clock.now()
}

async fn portal_user_id(app: &TestApp, who: &str) -> i64 {
    let (id,): (i64,) = app
        .db
        .fetch_one(
            Sql::new("SELECT id FROM portal_users WHERE email = $1").arg(demo_login(who).email),
        )
        .await
        .unwrap();
    id
}

type AuditRow = (
    Option<i64>,
    Option<i64>,
    Option<i64>,
    String,
    String,
    String,
);

async fn audit_rows(app: &TestApp, document: DocumentId) -> Vec<AuditRow> {
    app.db
        .fetch_all(
            Sql::new(
                "SELECT actor_portal_user_id, actor_staff_id, impersonated_portal_user_id, action, \
                 target_kind, ip FROM audit_entries WHERE target_id = $1 ORDER BY id",
            )
            .arg(document.0),
        )
        .await
        .unwrap()
}

async fn reads(app: &TestApp, document: DocumentId) -> i64 {
    let (n,): (i64,) = app
        .db
        .fetch_one(
            Sql::new("SELECT COUNT(*) FROM document_reads WHERE document_id = $1").arg(document.0),
        )
        .await
        .unwrap();
    n
}

async fn download_preview_and_audit(app: &TestApp) {
    let pdf = b"%PDF-1.7\n% a small test document\n%%EOF\n".to_vec();
    let id = add_document(
        app,
        group_contract(app).await,
        "Schadenmeldung Müller.pdf",
        "application/pdf",
        &pdf,
    )
    .await;
    let mut stefan = Client::from_ip(app, "198.51.100.23");
    let login = demo_login("stefan");
    stefan.login(login.email, login.password).await;
    let stefan_id = portal_user_id(app, "stefan").await;

    // The page shows the document as new and frames its preview.
    let page = stefan.get(&format!("/documents/{}", id.0)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let html = page.body.replace("&#x2f;", "/");
    assert!(html.contains("Schadenmeldung Müller"));
    assert!(html.contains("id=\"document-new\""));
    assert!(html.contains(&format!(
        "<iframe class=\"document-preview\" id=\"document-preview\" src=\"/documents/{}/preview\"",
        id.0
    )));
    assert!(html.contains(&format!("href=\"/documents/{}/file\"", id.0)));
    assert!(!html.contains(">document-"), "untranslated key in the page");
    assert!(
        audit_rows(app, id).await.is_empty(),
        "the page itself is not audited"
    );

    let file = stefan.get(&format!("/documents/{}/file", id.0)).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.bytes.as_ref(), pdf.as_slice());
    assert_eq!(header(&file, CONTENT_TYPE), "application/pdf");
    assert_eq!(header(&file, CONTENT_LENGTH), pdf.len().to_string());
    assert_eq!(
        header(&file, CONTENT_DISPOSITION),
        "attachment; filename=\"Schadenmeldung M_ller.pdf\"; \
         filename*=UTF-8''Schadenmeldung%20M%C3%BCller.pdf"
    );
    assert_eq!(header(&file, X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(header(&file, CONTENT_SECURITY_POLICY), DOWNLOAD_CSP);
    assert_eq!(header(&file, X_FRAME_OPTIONS), "DENY");
    assert_eq!(header(&file, CACHE_CONTROL), "private, no-store");
    assert_eq!(
        audit_rows(app, id).await,
        vec![(
            Some(stefan_id),
            None,
            None,
            "document.download".into(),
            "document".into(),
            "198.51.100.23".into()
        )]
    );
    assert_eq!(reads(app, id).await, 1);

    let preview = stefan.get(&format!("/documents/{}/preview", id.0)).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(preview.bytes.as_ref(), pdf.as_slice());
    assert_eq!(
        header(&preview, CONTENT_DISPOSITION),
        "inline; filename=\"Schadenmeldung M_ller.pdf\"; \
         filename*=UTF-8''Schadenmeldung%20M%C3%BCller.pdf"
    );
    assert_eq!(header(&preview, CONTENT_SECURITY_POLICY), PDF_PREVIEW_CSP);
    assert_eq!(header(&preview, X_FRAME_OPTIONS), "SAMEORIGIN");
    assert_eq!(header(&preview, X_CONTENT_TYPE_OPTIONS), "nosniff");
    let audit = audit_rows(app, id).await;
    assert_eq!(audit.len(), 2);
    assert_eq!(audit[1].3, "document.preview");
    assert_eq!(reads(app, id).await, 1, "the read marker is set once");

    // Opened: no longer new.
    let page = stefan.get(&format!("/documents/{}", id.0)).await;
    assert!(!page.body.contains("id=\"document-new\""));
}

#[tokio::test]
async fn download_and_preview_send_the_file_with_its_headers_and_are_audited() {
    let app = spawn_app().await;
    download_preview_and_audit(&app).await;
}

#[tokio::test]
async fn download_and_preview_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    download_preview_and_audit(&app).await;
    outside_the_scope_is_the_plain_404(&app).await;
    drop(app);
    pg.drop_db().await;
}

async fn outside_the_scope_is_the_plain_404(app: &TestApp) {
    // A document of a private customer: not Stefan B.'s.
    let foreign = one_id(
        app,
        "SELECT d.id FROM documents d JOIN customers c ON c.id = d.customer_id \
         WHERE c.organization_id IS NULL ORDER BY d.id LIMIT 1",
    )
    .await;
    let mut stefan = signed_in(app, "stefan").await;
    for suffix in ["", "/file", "/preview"] {
        let outside = stefan.get(&format!("/documents/{foreign}{suffix}")).await;
        let missing = stefan.get(&format!("/documents/9999999999{suffix}")).await;
        let junk = stefan.get(&format!("/documents/x1{suffix}")).await;
        assert_eq!(outside.status, StatusCode::NOT_FOUND, "{suffix}");
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(junk.status, StatusCode::NOT_FOUND);
        // The error page is a page of the site, not a sandboxed file.
        assert_ne!(header(&outside, CONTENT_SECURITY_POLICY), DOWNLOAD_CSP);
    }
    let (n,): (i64,) = app
        .db
        .fetch_one(Sql::new("SELECT COUNT(*) FROM audit_entries WHERE target_id = $1").arg(foreign))
        .await
        .unwrap();
    assert_eq!(n, 0, "nothing is recorded for a document outside the scope");
}

#[tokio::test]
async fn a_document_outside_the_scope_is_the_plain_404() {
    let app = spawn_app().await;
    outside_the_scope_is_the_plain_404(&app).await;
}

#[tokio::test]
async fn a_profile_without_documents_gets_403_for_its_own_documents_only() {
    let app = spawn_app().await;
    let own = add_document(
        &app,
        group_contract(&app).await,
        "Police.pdf",
        "application/pdf",
        b"%PDF-1.7\n%%EOF\n",
    )
    .await;
    app.db
        .execute(Sql::new(
            "UPDATE permission_profiles SET menu_areas = '[\"contracts\"]' WHERE name = 'Vollzugriff'",
        ))
        .await
        .unwrap();
    let mut stefan = signed_in(&app, "stefan").await;
    for suffix in ["", "/file", "/preview"] {
        let r = stefan.get(&format!("/documents/{}{suffix}", own.0)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{suffix}");
        let r = stefan.get(&format!("/documents/9999999999{suffix}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{suffix}");
    }
    assert!(audit_rows(&app, own).await.is_empty());
    assert_eq!(reads(&app, own).await, 0);
}

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
    let staff = one_id(
        &app,
        "SELECT id FROM staff_users WHERE active ORDER BY id LIMIT 1",
    )
    .await;
    let token = "impersonation-test-token";
    let now = now(&app);
    app.db
        .execute(
            Sql::new(
                "INSERT INTO sessions (token_hash, staff_user_id, impersonated_portal_user_id, \
                 csrf_token, language, created_at, last_seen_at, expires_at) \
                 VALUES ($1, $2, $3, 'csrf', 'de', $4, $4, $5)",
            )
            .arg(kp_app::auth::token_hash(token))
            .arg(staff)
            .arg(stefan)
            .arg(now)
            .arg(now + chrono::Duration::hours(1)),
        )
        .await
        .unwrap();
    let mut client = Client::from_ip(&app, "192.0.2.5");
    client.cookies.insert("kp_session".into(), token.into());
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
