//! The claim wizard's documents and photos step over HTTP, on SQLite and
//! (when configured) PostgreSQL: several files at once, kept sealed on the
//! draft until sending makes them the report's documents on its task (no
//! upload task of their own); files over the limit, disguised files and a
//! missing mandatory type are refused with nothing kept and the draft as
//! it was; remove and discard delete the stored files; another user's
//! draft and files are the 404 of missing ones.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::claim_wizard_support::{PLATE, answer_all, csrf, post, start};
use crate::harness::{Client, Response, TestApp, spawn_app, spawn_app_on_postgres};
use crate::lists::signed_in;
use crate::mail_support::Inbox;
use crate::uploads_corpus::{
    BOUNDARY, MIB, blob_keys, count, exe, footprint, form, pdf, png, send, set_upload_settings,
    store_root,
};

const SABINE: &str = "sabine.meyer@hanse-assekuranz.example.de";

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

/// A draft of Martina K.'s car answered up to the documents step.
async fn draft(app: &TestApp, client: &mut Client<'_>) -> i64 {
    let id = start(client, PLATE).await;
    answer_all(app, client, id, "glass", "900,00").await;
    id
}

/// The step's form as a browser sends it: token, type, files, button.
async fn upload(
    client: &mut Client<'_>,
    id: i64,
    document_type: Option<&str>,
    files: &[(&str, &[u8])],
    action: &str,
) -> Response {
    let token = csrf(client).await;
    let mut body = form(&token, document_type, files);
    let end = format!("--{BOUNDARY}--\r\n");
    body.truncate(body.len() - end.len());
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\n{action}\r\n{end}"
        )
        .as_bytes(),
    );
    send(client, &format!("/claims/drafts/{id}/documents"), body).await
}

async fn drafted(app: &TestApp) -> i64 {
    count(app, "SELECT COUNT(*) FROM claim_draft_documents").await
}

/// The draft's row as text: unchanged by a refused upload.
async fn draft_row(app: &TestApp, id: i64) -> String {
    let (step, data, at): (String, String, chrono::DateTime<chrono::Utc>) = app
        .db
        .fetch_one(
            Sql::new("SELECT step, data, updated_at FROM claim_report_drafts WHERE id = $1")
                .arg(id),
        )
        .await
        .unwrap();
    format!("{step} {data} {at}")
}

async fn files_go_with_the_report(app: &TestApp) {
    let mut inbox = Inbox::new();
    let mut martina = signed_in(app, "martina").await;
    let id = draft(app, &mut martina).await;
    let page = martina.get(&format!("/claims/drafts/{id}/documents")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("accept=\"image/*"),
        "the camera on a phone"
    );
    assert!(page.body.contains("multiple") && page.body.contains("upload-progress."));
    let before = footprint(app).await;

    let letter = pdf(200_000);
    let photo = png();
    let files: [(&str, &[u8]); 2] = [("Kostenvoranschlag.pdf", &letter), ("Scheibe.png", &photo)];
    let r = upload(&mut martina, id, Some("claim_photo"), &files, "add").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.location(),
        format!("/claims/drafts/{id}/documents?added=2")
    );
    // Kept on the draft only: no document, no task yet; sealed on disk.
    let after = footprint(app).await;
    assert_eq!(after, (before.0, before.1, before.2 + 2));
    assert_eq!(drafted(app).await, 2);
    let root = store_root(app);
    for key in blob_keys(&root) {
        let on_disk = std::fs::read(root.join(&key)).unwrap();
        assert!(!on_disk.windows(24).any(|w| w == &letter[..24]), "{key}");
    }
    let page = martina.get(r.location()).await;
    assert!(page.body.contains("Kostenvoranschlag.pdf") && page.body.contains("Scheibe.png"));

    // One more on the way to the summary; then one removed there.
    let extra = pdf(5_000);
    let r = upload(
        &mut martina,
        id,
        None,
        &[("Zweites Foto.pdf", &extra)],
        "next",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/claims/drafts/{id}/summary"));
    let summary = martina.get(r.location()).await;
    assert!(
        summary.body.contains("Zweites Foto.pdf"),
        "{}",
        summary.body
    );
    let (extra_id,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT id FROM claim_draft_documents WHERE file_name = 'Zweites Foto.pdf'",
        ))
        .await
        .unwrap();
    let path = format!("/claims/drafts/{id}/documents/remove");
    let doc = extra_id.to_string();
    let r = post(
        &mut martina,
        &path,
        &[("document", &doc), ("from", "summary")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/claims/drafts/{id}/summary"));
    assert_eq!(drafted(app).await, 2);
    assert_eq!(
        blob_keys(&root).len(),
        before.2 + 2,
        "the removed file is gone"
    );
    // Removed once: a second time it is missing.
    let r = post(&mut martina, &path, &[("document", &doc)]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Sending: the report's documents, on its task; one task only.
    inbox.deliver(app).await;
    let report = crate::claim_wizard_support::send(&mut martina, id).await;
    assert_eq!(drafted(app).await, 0);
    let now = footprint(app).await;
    assert_eq!(now, (before.0 + 2, before.1 + 1, before.2 + 2));
    let docs: Vec<(i64, String, String, Option<i64>)> = app
        .db
        .fetch_all(
            Sql::new(
                "SELECT d.id, d.file_name, d.document_type, d.object_id FROM documents d \
                 JOIN claim_report_documents r ON r.document_id = d.id \
                 WHERE r.claim_report_id = $1 ORDER BY d.id",
            )
            .arg(report),
        )
        .await
        .unwrap();
    let names: Vec<&str> = docs.iter().map(|d| d.1.as_str()).collect();
    assert_eq!(names, ["Kostenvoranschlag.pdf", "Scheibe.png"]);
    assert!(docs.iter().all(|d| d.2 == "claim_photo" && d.3.is_some()));
    let (area, attached): (String, i64) = app
        .db
        .fetch_one(Sql::new(
            "SELECT t.area, (SELECT COUNT(*) FROM task_documents td WHERE td.task_id = t.id) \
             FROM tasks t ORDER BY t.id DESC LIMIT 1",
        ))
        .await
        .unwrap();
    assert_eq!((area.as_str(), attached), ("claims", 2));
    let file = martina.get(&format!("/documents/{}/file", docs[0].0)).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.bytes.as_ref(), letter.as_slice());
    let mut to: Vec<String> = inbox.deliver(app).await.into_iter().map(|m| m.to).collect();
    to.sort();
    assert_eq!(to, ["martina.keller@example.de", SABINE]);

    // A double submit finds the same report and changes nothing.
    let again = crate::claim_wizard_support::send(&mut martina, id).await;
    assert_eq!(again, report);
    assert_eq!(footprint(app).await, now);
}

#[tokio::test]
async fn several_files_are_kept_on_the_draft_and_sent_with_the_report() {
    on_both(files_go_with_the_report).await;
}

async fn refusals_keep_the_draft(app: &TestApp) {
    set_upload_settings(
        app,
        r#"{"document_types":["claim_photo","invoice","other"],"type_mandatory":true,"limit_mib":1}"#,
    )
    .await;
    let mut martina = signed_in(app, "martina").await;
    let id = draft(app, &mut martina).await;
    let photo = png();
    let r = upload(
        &mut martina,
        id,
        Some("claim_photo"),
        &[("a.png", &photo)],
        "add",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let before = (
        footprint(app).await,
        drafted(app).await,
        draft_row(app, id).await,
    );

    let big = pdf(MIB + 1);
    let r = upload(
        &mut martina,
        id,
        Some("invoice"),
        &[("klein.png", &photo), ("gross.pdf", &big)],
        "next",
    )
    .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("größer als 1 MiB"), "{}", r.body);
    assert!(
        r.body.contains("<option value=\"invoice\" selected>"),
        "the type is kept"
    );
    let after = (
        footprint(app).await,
        drafted(app).await,
        draft_row(app, id).await,
    );
    assert_eq!(after, before, "nothing kept, the draft as it was");

    let r = upload(
        &mut martina,
        id,
        Some("invoice"),
        &[("rechnung.pdf", &exe())],
        "add",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // An executable is on no list: refused whatever its name says.
    assert!(r.body.contains("Es wurde nichts gespeichert"), "{}", r.body);
    let after = (
        footprint(app).await,
        drafted(app).await,
        draft_row(app, id).await,
    );
    assert_eq!(after, before);

    let r = upload(&mut martina, id, None, &[("b.png", &photo)], "add").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Bitte wählen Sie die Dokumentart"),
        "{}",
        r.body
    );
    let after = (
        footprint(app).await,
        drafted(app).await,
        draft_row(app, id).await,
    );
    assert_eq!(after, before);

    // "Add" without a file asks for one; "next" without one moves on.
    let r = upload(&mut martina, id, None, &[], "add").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = upload(&mut martina, id, None, &[], "next").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/claims/drafts/{id}/summary"));
    assert_eq!(drafted(app).await, 1);
}

#[tokio::test]
async fn refused_files_leave_nothing_and_the_draft_as_it_was() {
    on_both(refusals_keep_the_draft).await;
}

async fn discarding_deletes_the_files(app: &TestApp) {
    let mut martina = signed_in(app, "martina").await;
    let before = footprint(app).await;
    let id = draft(app, &mut martina).await;
    let photo = png();
    let letter = pdf(3_000);
    let files: [(&str, &[u8]); 2] = [("a.png", &photo), ("b.pdf", &letter)];
    let r = upload(&mut martina, id, None, &files, "add").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(footprint(app).await.2, before.2 + 2);
    let r = post(&mut martina, &format!("/claims/drafts/{id}/discard"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(footprint(app).await, before, "the stored files are deleted");
    assert_eq!(drafted(app).await, 0);
    let gone = count(
        app,
        &format!("SELECT COUNT(*) FROM claim_report_drafts WHERE id = {id}"),
    )
    .await;
    assert_eq!(gone, 0);
}

#[tokio::test]
async fn a_discarded_draft_deletes_its_files() {
    on_both(discarding_deletes_the_files).await;
}

async fn others_get_404(app: &TestApp) {
    let mut martina = signed_in(app, "martina").await;
    let id = draft(app, &mut martina).await;
    let photo = png();
    let r = upload(&mut martina, id, None, &[("mein.png", &photo)], "add").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (doc,): (i64,) = app
        .db
        .fetch_one(Sql::new("SELECT MAX(id) FROM claim_draft_documents"))
        .await
        .unwrap();
    let before = (footprint(app).await, drafted(app).await);

    let mut jens = signed_in(app, "jens").await;
    let page = jens.get(&format!("/claims/drafts/{id}/documents")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let r = upload(&mut jens, id, None, &[("fremd.png", &photo)], "add").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let doc = doc.to_string();
    let r = post(
        &mut jens,
        &format!("/claims/drafts/{id}/documents/remove"),
        &[("document", &doc)],
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // His own draft does not reach her file either.
    let own = start(&mut jens, "").await;
    let r = post(
        &mut jens,
        &format!("/claims/drafts/{own}/documents/remove"),
        &[("document", &doc)],
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Staff have no wizard.
    let mut sabine = signed_in(app, "sabine").await;
    let page = sabine.get(&format!("/claims/drafts/{id}/documents")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!((footprint(app).await, drafted(app).await), before);
}

#[tokio::test]
async fn another_users_draft_files_are_404() {
    on_both(others_get_404).await;
}
