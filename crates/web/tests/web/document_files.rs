//! A document's page, download and preview: headers, bytes, the scope
//! (404) before the menu area (403), the audit entry and the read marker,
//! on SQLite and (when configured) PostgreSQL.

use axum::http::StatusCode;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use kp_domain::{ContractId, DocumentId, Scope};
use kp_storage::Sql;
use kp_storage::write::documents::{self, DocumentContext, NewDocument};

use crate::harness::{Client, Response, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

pub(crate) const DOWNLOAD_CSP: &str = "sandbox; default-src 'none'; frame-ancestors 'none'";
pub(crate) const PDF_PREVIEW_CSP: &str = "default-src 'none'; frame-ancestors 'self'";
pub(crate) const IMAGE_PREVIEW_CSP: &str = "sandbox; default-src 'none'; img-src 'self'; \
                                 style-src 'unsafe-inline'; frame-ancestors 'self'";

pub(crate) async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    client.login(login.email, login.password).await;
    client
}

pub(crate) fn header(r: &Response, name: axum::http::HeaderName) -> &str {
    r.headers
        .get(&name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header"))
}

pub(crate) async fn one_id(app: &TestApp, sql: &str) -> i64 {
    let (id,): (i64,) = app.db.fetch_one(Sql::new(sql)).await.unwrap();
    id
}

/// A contract of the industrial group (Stefan B. sees every one).
pub(crate) async fn group_contract(app: &TestApp) -> ContractId {
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
pub(crate) async fn add_document(
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

pub(crate) fn now(app: &TestApp) -> chrono::DateTime<chrono::Utc> {
    use kp_app::Clock;
    app.clock.now()
}

pub(crate) async fn portal_user_id(app: &TestApp, who: &str) -> i64 {
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

pub(crate) async fn audit_rows(app: &TestApp, document: DocumentId) -> Vec<AuditRow> {
    app.db
        .fetch_all(
            Sql::new(
                "SELECT actor_portal_user_id, actor_staff_id, impersonated_portal_user_id, action, \
                 target_kind, ip FROM audit_entries WHERE target_id = $1 \
                 AND target_kind = 'document' ORDER BY id",
            )
            .arg(document.0),
        )
        .await
        .unwrap()
}

pub(crate) async fn reads(app: &TestApp, document: DocumentId) -> i64 {
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
            "UPDATE permission_profiles SET menu_areas = '[\"contracts\"]' WHERE name = 'Organisationsadministrator'",
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
