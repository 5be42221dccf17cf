//! Four-eyes approval of claim reports (issue 10), over HTTP with the
//! mails through the SMTP sink. In the demo the Brenner group wants
//! approval; Jens W.'s profile lacks `submit_claim`, Dr. Stefan B. has
//! `approve_claims`. Jens's "send" goes to Stefan (a link only, nothing
//! reaches the broker), Stefan changes a step, returns the draft with a
//! comment (Jens gets a link, sees the comment, changes and resends),
//! then submits it: only now the report, its event and the broker's mails
//! exist, with Jens as reporter and Stefan on record as approver.

use axum::http::StatusCode;

use crate::claim_wizard_support::{count, post, start, step, yesterday};
use crate::harness::{Client, TestApp, spawn_app, spawn_app_on_postgres};
use crate::lists::signed_in;
use crate::mail_support::{Inbox, Mail};

pub const JENS: &str = "jens.wagner@brenner-gruppe.example.de";
pub const STEFAN: &str = "stefan.bauer@brenner-gruppe.example.de";
/// The demo's two-factor login, with the group's full profile: an
/// approver too (Claire D.'s finance profile is not).
const LENA: &str = "lena.vogt@brenner-gruppe.example.de";
/// Reports sent from drafts (the demo has one of its own, sent without).
pub const REPORTS: &str = "SELECT COUNT(*) FROM claim_reports WHERE draft_id IS NOT NULL";
const EVENTS: &str = "SELECT COUNT(*) FROM events WHERE event_type = 'claim_report.created'";

fn to(mails: &[Mail]) -> Vec<String> {
    let mut list: Vec<String> = mails.iter().map(|m| m.to.clone()).collect();
    list.sort();
    list
}

/// A complete draft of Jens W. (the first choice of his site); its id.
pub async fn jens_draft(app: &TestApp, jens: &mut Client<'_>) -> i64 {
    let id = start(jens, "").await;
    let types = jens.get(&format!("/claims/drafts/{id}/type")).await;
    let date = yesterday(app);
    step(
        jens,
        id,
        "loss",
        &[("date", &date), ("time", "06:10"), ("place", "Halle 3")],
        "type",
    )
    .await;
    let claim_type = types.hidden("claim_type");
    step(jens, id, "type", &[("claim_type", &claim_type)], "what").await;
    step(
        jens,
        id,
        "what",
        &[("description", "Getriebeschaden an der Presse 4")],
        "amount",
    )
    .await;
    step(
        jens,
        id,
        "contact",
        &[("phone", ""), ("email", JENS)],
        "documents",
    )
    .await;
    id
}

/// Jens sends draft `id`: it goes for approval.
pub async fn send_for_approval(jens: &mut Client<'_>, id: i64) {
    let r = post(jens, &format!("/claims/drafts/{id}/send"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/claims?approval=1");
}

async fn state(app: &TestApp, id: i64) -> String {
    let (s,): (String,) = app
        .db
        .fetch_one(
            kp_storage::Sql::new("SELECT state FROM claim_report_drafts WHERE id = $1").arg(id),
        )
        .await
        .unwrap();
    s
}

async fn check_approval(app: &TestApp) {
    let mut inbox = Inbox::new();
    let mut jens = signed_in(app, "jens").await;
    let mut stefan = signed_in(app, "stefan").await;
    let id = jens_draft(app, &mut jens).await;
    let summary = jens.get(&format!("/claims/drafts/{id}/summary")).await;
    assert!(
        summary.body.contains("Zur Freigabe senden"),
        "{}",
        summary.body
    );

    // Sent for approval: no report, no event, a link to the approver only.
    send_for_approval(&mut jens, id).await;
    assert_eq!(state(app, id).await, "awaiting");
    assert_eq!(count(app, REPORTS).await, 0);
    assert_eq!(count(app, EVENTS).await, 0);
    let mails = inbox.deliver(app).await;
    assert_eq!(to(&mails), vec![LENA.to_owned(), STEFAN.to_owned()]);
    assert_eq!(
        mails[0].link("/claims/approvals/"),
        format!("/claims/approvals/{id}")
    );
    assert!(
        !mails[0].text.contains("Getriebeschaden"),
        "no content (A11)"
    );
    // A second send changes nothing and mails nobody.
    send_for_approval(&mut jens, id).await;
    assert!(inbox.deliver(app).await.is_empty());

    // Jens follows the state and can no longer change the draft.
    let claims = jens.get("/claims").await;
    assert!(claims.body.contains("wartet auf Freigabe"));
    let r = post(
        &mut jens,
        &format!("/claims/drafts/{id}/what"),
        &[("description", "x")],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = jens.get(&format!("/claims/drafts/{id}/what")).await;
    assert_eq!(r.location(), format!("/claims/drafts/{id}/summary"));

    // Stefan finds it from the claims page and changes a step; bad input
    // is shown with the message and changes nothing.
    assert!(
        stefan
            .get("/claims")
            .await
            .body
            .contains("/claims/approvals")
    );
    let list = stefan.get("/claims/approvals").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(&format!("/claims/approvals/{id}\"")));
    let review = stefan.get(&format!("/claims/approvals/{id}")).await;
    assert_eq!(review.status, StatusCode::OK);
    assert!(review.body.contains("Getriebeschaden"));
    let r = post(
        &mut stefan,
        &format!("/claims/approvals/{id}/what"),
        &[(
            "description",
            "Getriebeschaden an Presse 4, Welle gebrochen",
        )],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/claims/approvals/{id}/amount"));
    let r = post(
        &mut stefan,
        &format!("/claims/approvals/{id}/loss"),
        &[("date", "2999-01-01"), ("time", ""), ("place", "Halle 3")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("2999-01-01"),
        "the form keeps what was typed"
    );

    // Returned: a comment is required; Jens gets a link and sees it.
    let r = post(
        &mut stefan,
        &format!("/claims/approvals/{id}/return"),
        &[("comment", " ")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"comment-error\""));
    assert_eq!(state(app, id).await, "awaiting");
    let r = post(
        &mut stefan,
        &format!("/claims/approvals/{id}/return"),
        &[("comment", "Bitte die Schadenhöhe schätzen.")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(state(app, id).await, "returned");
    let mails = inbox.deliver(app).await;
    assert_eq!(to(&mails), vec![JENS.to_owned()]);
    assert_eq!(
        mails[0].link("/claims/drafts/"),
        format!("/claims/drafts/{id}/summary")
    );
    assert!(
        !mails[0].text.contains("Schadenhöhe schätzen"),
        "no content (A11)"
    );
    // A stale submit after the return: a message, nothing changed.
    let r = post(&mut stefan, &format!("/claims/approvals/{id}/submit"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("bereits freigegeben oder zurückgegeben"));
    assert_eq!(count(app, REPORTS).await, 0);
    assert!(
        jens.get("/claims")
            .await
            .body
            .contains("Bitte die Schadenhöhe schätzen.")
    );
    let summary = jens.get(&format!("/claims/drafts/{id}/summary")).await;
    assert!(
        summary.body.contains("Welle gebrochen"),
        "the approver's change"
    );

    // Jens changes and resends; Stefan submits.
    step(
        &mut jens,
        id,
        "amount",
        &[("amount", "48.000,00"), ("currency", "EUR")],
        "parties",
    )
    .await;
    send_for_approval(&mut jens, id).await;
    assert_eq!(
        to(&inbox.deliver(app).await),
        vec![LENA.to_owned(), STEFAN.to_owned()]
    );
    let r = post(&mut stefan, &format!("/claims/approvals/{id}/submit"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let report: i64 = r
        .location()
        .trim_start_matches("/claims/reports/")
        .trim_end_matches("?sent=1")
        .parse()
        .unwrap();
    let (reporter, approver, reference): (String, String, String) = app
        .db
        .fetch_one(
            kp_storage::Sql::new(
                "SELECT pu.email, pa.email, r.reference FROM claim_reports r \
                 JOIN portal_users pu ON pu.id = r.portal_user_id \
                 JOIN portal_users pa ON pa.id = r.approved_by WHERE r.id = $1",
            )
            .arg(report),
        )
        .await
        .unwrap();
    assert_eq!((reporter.as_str(), approver.as_str()), (JENS, STEFAN));
    assert_eq!(count(app, EVENTS).await, 1);
    // Now the broker hears of it; the confirmation goes to Jens.
    let mails = inbox.deliver(app).await;
    assert!(
        mails
            .iter()
            .any(|m| m.to == JENS && m.subject.contains(&reference))
    );
    assert!(mails.iter().all(|m| m.to != STEFAN));
    assert!(
        mails.len() >= 2,
        "the broker's info mail too: {:?}",
        to(&mails)
    );
    // Stale again: the draft is gone; Jens sees the reference.
    let r = post(&mut stefan, &format!("/claims/approvals/{id}/submit"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(count(app, REPORTS).await, 1);
    assert!(jens.get("/claims").await.body.contains(&reference));
}

#[tokio::test]
async fn jens_reports_and_stefan_approves() {
    check_approval(&spawn_app().await).await;
}

#[tokio::test]
async fn jens_reports_and_stefan_approves_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_approval(&app).await;
    pg.drop_db().await;
}
