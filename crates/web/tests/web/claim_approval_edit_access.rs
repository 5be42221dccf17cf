//! Who may use the approver's object and documents steps (issue 10): the
//! drafter finds his own draft there as a missing one (404), a user of
//! the organization whose profile lacks `approve_claims` is refused
//! (403), an approver of another organization and staff get the 404 of a
//! missing draft; none of them changes the draft or its files. A draft
//! returned meanwhile takes no file from the approver (409), and one
//! awaiting approval none from the drafter. SQLite and PostgreSQL.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::claim_approval::{jens_draft, send_for_approval};
use crate::claim_approval_edit::{draft_files, draft_row, on_both, upload};
use crate::claim_wizard_support::{CAR_CONTRACT, exec, post};
use crate::harness::{Client, TestApp, demo_login};
use crate::lists::signed_in;
use crate::uploads_corpus::png;

/// Every new approver route of draft `id` as `who`: each answers
/// `status` and the draft and its files stay as they were.
async fn refused(app: &TestApp, who: &mut Client<'_>, id: i64, status: StatusCode) {
    let base = format!("/claims/approvals/{id}");
    let row = draft_row(app, id).await;
    let files = draft_files(app, id).await;
    let file = files[0].0.to_string();
    let car: (i64,) = app
        .db
        .fetch_one(Sql::new(format!("SELECT {CAR_CONTRACT}")))
        .await
        .unwrap();
    for path in [format!("{base}/object"), format!("{base}/documents")] {
        assert_eq!(who.get(&path).await.status, status, "GET {path}");
    }
    let r = post(
        who,
        &format!("{base}/object"),
        &[("choice", &car.0.to_string())],
    )
    .await;
    assert_eq!(r.status, status, "POST object");
    let r = post(
        who,
        &format!("{base}/documents/remove"),
        &[("document", &file)],
    )
    .await;
    assert_eq!(r.status, status, "POST remove");
    let photo = png();
    let r = upload(
        who,
        &format!("{base}/documents"),
        Some("claim_photo"),
        &[("x.png", &photo)],
        "add",
    )
    .await;
    assert_eq!(r.status, status, "POST documents");
    assert_eq!(draft_row(app, id).await, row);
    assert_eq!(draft_files(app, id).await, files);
}

async fn check_access(app: &TestApp) {
    let mut jens = signed_in(app, "jens").await;
    let id = jens_draft(app, &mut jens).await;
    let photo = png();
    let r = upload(
        &mut jens,
        &format!("/claims/drafts/{id}/documents"),
        None,
        &[("Presse.png", &photo)],
        "add",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    send_for_approval(&mut jens, id).await;

    // While it awaits approval the drafter's own documents step shows the
    // summary and takes no file (409).
    let own = format!("/claims/drafts/{id}/documents");
    assert_eq!(
        jens.get(&own).await.location(),
        format!("/claims/drafts/{id}/summary")
    );
    let r = upload(&mut jens, &own, None, &[("Nachtrag.png", &photo)], "add").await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(draft_files(app, id).await.len(), 1);

    // The drafter (no approve_claims): his own draft is unknown here.
    refused(app, &mut jens, id, StatusCode::NOT_FOUND).await;
    // Staff: the 404 of a page they do not have.
    let mut sabine = signed_in(app, "sabine").await;
    refused(app, &mut sabine, id, StatusCode::NOT_FOUND).await;

    // An approver of another organization: Martina K. in "Fremde AG",
    // without a profile (so with approve_claims).
    app.db
        .execute(
            Sql::new(
                "INSERT INTO organizations (name, created_at, updated_at) \
                 VALUES ('Fremde AG', $1, $1)",
            )
            .arg(chrono::Utc::now()),
        )
        .await
        .unwrap();
    // Her customer joins it, and she becomes a user of it.
    for sql in [
        "UPDATE customers SET organization_id = \
         (SELECT id FROM organizations WHERE name = 'Fremde AG') \
         WHERE id = (SELECT customer_id FROM portal_users WHERE email = $1)",
        "UPDATE portal_users SET customer_id = NULL, organization_id = \
         (SELECT id FROM organizations WHERE name = 'Fremde AG') WHERE email = $1",
    ] {
        app.db
            .execute(Sql::new(sql).arg(demo_login("Martina").email))
            .await
            .unwrap();
    }
    let mut martina = signed_in(app, "martina").await;
    assert_eq!(
        martina.get("/claims/approvals").await.status,
        StatusCode::OK
    );
    refused(app, &mut martina, id, StatusCode::NOT_FOUND).await;

    // Stefan without approve_claims in his profile: 403.
    exec(
        app,
        "UPDATE permission_profiles SET functions = '[\"report_claim\",\"submit_claim\",\"upload_document\"]' \
         WHERE id = (SELECT permission_profile_id FROM portal_users \
         WHERE email = 'stefan.bauer@brenner-gruppe.example.de')",
    )
    .await;
    let mut stefan = signed_in(app, "stefan").await;
    refused(app, &mut stefan, id, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn only_approvers_of_the_organization_edit_object_and_files() {
    on_both(check_access).await;
}

async fn check_returned(app: &TestApp) {
    let mut jens = signed_in(app, "jens").await;
    let mut stefan = signed_in(app, "stefan").await;
    let mut other = signed_in(app, "stefan").await;
    let id = jens_draft(app, &mut jens).await;
    send_for_approval(&mut jens, id).await;
    let base = format!("/claims/approvals/{id}");
    // Stefan opens the documents step and, in another tab, returns the
    // draft meanwhile.
    assert_eq!(
        stefan.get(&format!("{base}/documents")).await.status,
        StatusCode::OK
    );
    let r = post(
        &mut other,
        &format!("{base}/return"),
        &[("comment", "Bitte Fotos.")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let row = draft_row(app, id).await;
    let photo = png();
    let r = upload(
        &mut stefan,
        &format!("{base}/documents"),
        None,
        &[("Foto.png", &photo)],
        "add",
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("bereits freigegeben oder zurückgegeben"));
    let r = post(&mut stefan, &format!("{base}/object"), &[("choice", "1")]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(draft_row(app, id).await, row);
    assert!(draft_files(app, id).await.is_empty());
}

#[tokio::test]
async fn a_returned_draft_takes_no_change_from_the_approver() {
    on_both(check_returned).await;
}
