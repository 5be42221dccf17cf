//! Who may approve claim reports (issue 10): a user without
//! `approve_claims` is refused (403), another organization's user and
//! staff get the 404 of a missing draft; two approvers submitting at once
//! make exactly one report; the organization setting is edited on
//! `/settings/claims` and, switched off, lets Jens W. send directly.

use axum::http::StatusCode;

use crate::claim_approval::{REPORTS, jens_draft, send_for_approval};
use crate::claim_wizard_support::{count, exec, post};
use crate::harness::{TestApp, spawn_app, spawn_app_on_postgres};
use crate::lists::signed_in;

async fn check_access(app: &TestApp) {
    let mut jens = signed_in(app, "jens").await;
    let id = jens_draft(app, &mut jens).await;
    send_for_approval(&mut jens, id).await;
    let review = format!("/claims/approvals/{id}");
    let submit = format!("/claims/approvals/{id}/submit");

    // Jens lacks approve_claims: 403 (the draft is his own: 404).
    assert_eq!(
        jens.get("/claims/approvals").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(jens.get(&review).await.status, StatusCode::NOT_FOUND);
    // Martina K. (no organization): her list is refused, the draft unknown.
    let mut martina = signed_in(app, "martina").await;
    assert_eq!(
        martina.get("/claims/approvals").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(martina.get(&review).await.status, StatusCode::NOT_FOUND);
    let r = post(&mut martina, &submit, &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Staff: the 404 of a page they do not have.
    let mut sabine = signed_in(app, "sabine").await;
    assert_eq!(
        sabine.get("/claims/approvals").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(sabine.get(&review).await.status, StatusCode::NOT_FOUND);
    // Stefan without approve_claims in his profile: 403, nothing changed.
    exec(
        app,
        "UPDATE permission_profiles SET functions = '[\"report_claim\",\"submit_claim\"]' \
         WHERE id = (SELECT permission_profile_id FROM portal_users \
         WHERE email = 'stefan.bauer@brenner-gruppe.example.de')",
    )
    .await;
    let mut stefan = signed_in(app, "stefan").await;
    assert_eq!(stefan.get(&review).await.status, StatusCode::FORBIDDEN);
    let r = post(&mut stefan, &submit, &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(count(app, REPORTS).await, 0);
    assert!(
        !stefan
            .get("/claims")
            .await
            .body
            .contains("/claims/approvals")
    );
}

#[tokio::test]
async fn only_approvers_of_the_organization_see_drafts() {
    check_access(&spawn_app().await).await;
}

#[tokio::test]
async fn only_approvers_of_the_organization_see_drafts_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_access(&app).await;
    pg.drop_db().await;
}

async fn check_double_submit(app: &TestApp) {
    let mut jens = signed_in(app, "jens").await;
    let id = jens_draft(app, &mut jens).await;
    send_for_approval(&mut jens, id).await;
    let submit = format!("/claims/approvals/{id}/submit");
    let mut first = signed_in(app, "stefan").await;
    let mut second = signed_in(app, "stefan").await;
    let a = first.get("/claims").await.hidden("_csrf");
    let b = second.get("/claims").await.hidden("_csrf");
    let form_a = [("_csrf", a.as_str())];
    let form_b = [("_csrf", b.as_str())];
    let (ra, rb) = tokio::join!(first.post(&submit, &form_a), second.post(&submit, &form_b));
    let mut statuses = [ra.status, rb.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    assert_eq!(count(app, REPORTS).await, 1);
}

#[tokio::test]
async fn two_submits_make_one_report() {
    check_double_submit(&spawn_app().await).await;
}

#[tokio::test]
async fn two_submits_make_one_report_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_double_submit(&app).await;
    pg.drop_db().await;
}

async fn check_setting(app: &TestApp) {
    let (org,): (i64,) = app
        .db
        .fetch_one(kp_storage::Sql::new(
            "SELECT organization_id FROM portal_users WHERE email = 'jens.wagner@brenner-gruppe.example.de'",
        ))
        .await
        .unwrap();
    let org = org.to_string();
    let mut petra = signed_in(app, "petra").await;
    let page = petra
        .get(&format!("/settings/claims?organization={org}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("name=\"approval\" value=\"1\" aria-describedby=\"approval-hint\" checked")
    );
    let tenant = page.hidden("tenant");
    // Off: Jens's report goes straight to the broker.
    let fields = [
        ("tenant", tenant.as_str()),
        ("organization", org.as_str()),
        ("recipients", ""),
    ];
    let r = post(&mut petra, "/settings/claims/recipients", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut jens = signed_in(app, "jens").await;
    let id = jens_draft(app, &mut jens).await;
    let summary = jens.get(&format!("/claims/drafts/{id}/summary")).await;
    assert!(!summary.body.contains("Zur Freigabe senden"));
    let r = post(&mut jens, &format!("/claims/drafts/{id}/send"), &[]).await;
    assert!(
        r.location().starts_with("/claims/reports/"),
        "{}",
        r.location()
    );
    assert_eq!(count(app, REPORTS).await, 1);
    // On again.
    let mut on = fields.to_vec();
    on.push(("approval", "1"));
    let r = post(&mut petra, "/settings/claims/recipients", &on).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let id = jens_draft(app, &mut jens).await;
    send_for_approval(&mut jens, id).await;
    assert_eq!(count(app, REPORTS).await, 1);
}

#[tokio::test]
async fn administrators_switch_approval_per_organization() {
    check_setting(&spawn_app().await).await;
}

#[tokio::test]
async fn administrators_switch_approval_per_organization_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_setting(&app).await;
    pg.drop_db().await;
}
