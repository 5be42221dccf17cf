//! Document upload by portal users (A7, B7, B8, D14) over HTTP, on SQLite
//! and (when configured) PostgreSQL: the record's task, event and audit
//! entry; the files encrypted on disk and served decrypted; the hostile
//! corpus refused with nothing kept; forged ids 404, a profile without the
//! function 403; a client that goes away mid-upload leaves nothing.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::document_files::signed_in;
use crate::harness::{TestApp, spawn_app, spawn_app_on_postgres};
use crate::uploads_corpus::{
    MIB, blob_keys, contracts_in_and_out, count, exe, footprint, form, pdf, png, polyglot, send,
    set_upload_settings, store_root,
};

const MARTINA: &str = "martina";

async fn on_both<F>(scenario: F)
where
    F: AsyncFn(&TestApp),
{
    let app = spawn_app().await;
    scenario(&app).await;
    if let Some((app, pg)) = spawn_app_on_postgres().await {
        scenario(&app).await;
        drop(app);
        pg.drop_db().await;
    }
}

async fn uploads_become_documents_with_a_task(app: &TestApp) {
    let (contract, _) = contracts_in_and_out(app, MARTINA).await;
    // Categories for uploads to contracts, set by an administrator.
    let mut petra = signed_in(app, "petra").await;
    let token = petra.get("/settings/tasks").await.hidden("_csrf");
    let r = petra
        .post(
            "/settings/tasks",
            &[
                ("_csrf", &token),
                ("c1.contracts.upload", "Posteingang"),
                ("c2.contracts.upload", "Kundenupload"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let mut martina = signed_in(app, MARTINA).await;
    let page = martina.get(&format!("/contracts/{contract}")).await;
    let page = page.body.replace("&#x2f;", "/");
    assert!(
        page.contains(&format!("/contracts/{contract}/upload")),
        "{page}"
    );
    let form_page = martina.get(&format!("/contracts/{contract}/upload")).await;
    assert_eq!(form_page.status, StatusCode::OK);
    let csrf = form_page.hidden("_csrf");
    let before = footprint(app).await;

    let letter = pdf(300_000);
    let photo = png();
    let body = form(
        &csrf,
        Some("invoice"),
        &[("Rechnung März.pdf", &letter), ("Foto.png", &photo)],
    );
    let r = send(
        &mut martina,
        &format!("/contracts/{contract}/documents"),
        body,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.location(),
        format!("/contracts/{contract}/upload?received=2")
    );
    let done = martina.get(r.location()).await;
    assert!(
        done.body.contains("Ihre 2 Dokumente sind angekommen"),
        "{}",
        done.body
    );
    let after = footprint(app).await;
    assert_eq!(
        (after.0, after.1, after.2),
        (before.0 + 2, before.1 + 1, before.2 + 2)
    );

    // The rows: the record's ids, the type, the names, the digests.
    let rows: Vec<(i64, String, String, String, String, String)> = app
        .db
        .fetch_all(
            Sql::new(
                "SELECT id, document_type, file_name, media_type, sha256, source FROM documents \
                 WHERE contract_id = $1 AND source = 'portal' ORDER BY id",
            )
            .arg(contract),
        )
        .await
        .unwrap();
    let rows = &rows[rows.len() - 2..];
    assert_eq!(rows[0].1, "invoice");
    assert_eq!(rows[0].2, "Rechnung März.pdf");
    assert_eq!(rows[0].3, "application/pdf");
    assert_eq!(rows[0].4, kp_documents::sha256_hex(&letter));
    assert_eq!(rows[1].3, "image/png");

    // Encrypted on disk, decrypted for the user, listed on the record.
    let root = store_root(app);
    for key in blob_keys(&root) {
        let on_disk = std::fs::read(root.join(&key)).unwrap();
        assert!(!on_disk.windows(24).any(|w| w == &letter[..24]), "{key}");
    }
    let file = martina.get(&format!("/documents/{}/file", rows[0].0)).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.bytes.as_ref(), letter.as_slice());
    let page = martina.get(&format!("/contracts/{contract}")).await;
    assert!(page.body.contains("Rechnung März.pdf"));

    // The task: contracts, upload categories, the clerk, both documents.
    let (area, c1, c2, assignee, event): (String, String, String, Option<i64>, Option<i64>) = app
        .db
        .fetch_one(Sql::new(
            "SELECT area, category1, category2, assignee_staff_id, origin_event_id FROM tasks \
             ORDER BY id DESC LIMIT 1",
        ))
        .await
        .unwrap();
    assert_eq!(area, "contracts");
    let tenant = count(
        app,
        &format!("SELECT tenant_id FROM contracts WHERE id = {contract}"),
    )
    .await;
    let expected = kp_app::task_categories::for_task(
        &app.app,
        kp_domain::TenantId(tenant),
        kp_domain::TaskArea::Contracts,
        kp_domain::TaskOrigin::Upload,
    )
    .await
    .unwrap();
    assert_eq!((c1.as_str(), c2.as_str()), ("Posteingang", "Kundenupload"));
    assert_eq!((expected.category1, expected.category2), (c1, c2));
    let (clerk,): (Option<i64>,) = app
        .db
        .fetch_one(
            Sql::new(
                "SELECT COALESCE(k.clerk_id, cu.clerk_id) FROM contracts k \
                 JOIN customers cu ON cu.id = k.customer_id WHERE k.id = $1",
            )
            .arg(contract),
        )
        .await
        .unwrap();
    assert!(clerk.is_some(), "the demo contract has a clerk");
    assert_eq!(assignee, clerk);
    let attached = count(
        app,
        "SELECT COUNT(*) FROM task_documents WHERE task_id = (SELECT MAX(id) FROM tasks)",
    )
    .await;
    assert_eq!(attached, 2);
    let (event_type,): (String,) = app
        .db
        .fetch_one(Sql::new("SELECT event_type FROM events WHERE id = $1").arg(event.unwrap()))
        .await
        .unwrap();
    assert_eq!(event_type, "document.uploaded");
    let audited = count(
        app,
        "SELECT COUNT(*) FROM audit_entries WHERE action = 'document.upload'",
    )
    .await;
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn uploads_become_encrypted_documents_with_a_task_and_an_event() {
    on_both(uploads_become_documents_with_a_task).await;
}

/// Sends one file; asserts the status, and that a refusal kept nothing.
async fn one(
    app: &TestApp,
    client: &mut crate::harness::Client<'_>,
    path: &str,
    csrf: &str,
    name: &str,
    bytes: &[u8],
    status: StatusCode,
) -> String {
    let before = footprint(app).await;
    let r = send(client, path, form(csrf, Some("other"), &[(name, bytes)])).await;
    assert_eq!(r.status, status, "{name}: {}", r.body);
    if status != StatusCode::SEE_OTHER {
        assert_eq!(footprint(app).await, before, "{name}: nothing kept");
    }
    r.body
}

async fn the_hostile_corpus_is_refused(app: &TestApp) {
    set_upload_settings(
        app,
        r#"{"document_types": ["other", "invoice"], "type_mandatory": true, "limit_mib": 1}"#,
    )
    .await;
    let (contract, _) = contracts_in_and_out(app, MARTINA).await;
    let mut martina = signed_in(app, MARTINA).await;
    let csrf = martina
        .get(&format!("/contracts/{contract}/upload"))
        .await
        .hidden("_csrf");
    let path = format!("/contracts/{contract}/documents");
    let ok = StatusCode::SEE_OTHER;
    let refused = StatusCode::UNPROCESSABLE_ENTITY;

    let body = one(app, &mut martina, &path, &csrf, "leer.pdf", b"", refused).await;
    assert!(body.contains("Eine Datei ist leer"), "{body}");
    one(app, &mut martina, &path, &csrf, "genau.pdf", &pdf(MIB), ok).await;
    let body = one(
        app,
        &mut martina,
        &path,
        &csrf,
        "gross.pdf",
        &pdf(MIB + 1),
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
    assert!(body.contains("größer als 1 MiB"), "{body}");
    let body = one(
        app,
        &mut martina,
        &path,
        &csrf,
        "scan.png",
        &pdf(500),
        refused,
    )
    .await;
    assert!(body.contains("passt nicht zur Endung"), "{body}");
    let body = one(
        app,
        &mut martina,
        &path,
        &csrf,
        "rechnung.pdf",
        &exe(),
        refused,
    )
    .await;
    assert!(body.contains("keinen zulässigen Typ"), "{body}");
    one(
        app,
        &mut martina,
        &path,
        &csrf,
        "programm.exe",
        &exe(),
        refused,
    )
    .await;
    one(
        app,
        &mut martina,
        &path,
        &csrf,
        "zip.docx",
        b"PK\x03\x04\x14\0not office",
        refused,
    )
    .await;
    one(
        app,
        &mut martina,
        &path,
        &csrf,
        "text.txt",
        b"Gr\xfc\xdfe",
        refused,
    )
    .await;
    one(
        app,
        &mut martina,
        &path,
        &csrf,
        "notiz.txt",
        "Grüße, Martina".as_bytes(),
        ok,
    )
    .await;
    // A PDF with a zip appended is what its first bytes say: a PDF.
    one(
        app,
        &mut martina,
        &path,
        &csrf,
        "polyglott.pdf",
        &polyglot(),
        ok,
    )
    .await;
    one(
        app,
        &mut martina,
        &path,
        &csrf,
        "polyglott.docx",
        &polyglot(),
        refused,
    )
    .await;

    // Names: the last path segment, no control characters, 120 at most,
    // letters of any script kept.
    let long = format!("{}.pdf", "x".repeat(300));
    for (sent, kept) in [
        ("../../etc/passwd.pdf", "passwd.pdf".to_owned()),
        ("C:\\Users\\mk\\Police.pdf", "Police.pdf".to_owned()),
        ("Sch\u{7}aden\u{1b}.pdf", "Schaden.pdf".to_owned()),
        (
            "Schadensfoto Müller 東京.pdf",
            "Schadensfoto Müller 東京.pdf".to_owned(),
        ),
        (long.as_str(), format!("{}.pdf", "x".repeat(116))),
    ] {
        one(app, &mut martina, &path, &csrf, sent, &pdf(100), ok).await;
        let (name,): (String,) = app
            .db
            .fetch_one(Sql::new(
                "SELECT file_name FROM documents ORDER BY id DESC LIMIT 1",
            ))
            .await
            .unwrap();
        assert_eq!(name, kept, "{sent:?}");
    }

    // The mandatory type: missing, or not on the list, keeps nothing.
    let before = footprint(app).await;
    let r = send(
        &mut martina,
        &path,
        form(&csrf, None, &[("a.pdf", &pdf(100))]),
    )
    .await;
    assert_eq!(r.status, refused);
    assert!(
        r.body.contains("Bitte wählen Sie die Dokumentart."),
        "{}",
        r.body
    );
    let r = send(
        &mut martina,
        &path,
        form(&csrf, Some("policy"), &[("a.pdf", &pdf(100))]),
    )
    .await;
    assert_eq!(r.status, refused);
    assert_eq!(footprint(app).await, before);
    // Without the form's token nothing is read.
    let r = send(
        &mut martina,
        &path,
        form("forged", Some("other"), &[("a.pdf", &pdf(100))]),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(footprint(app).await, before);
}

#[tokio::test]
async fn the_hostile_corpus_is_refused_with_nothing_kept() {
    on_both(the_hostile_corpus_is_refused).await;
}
