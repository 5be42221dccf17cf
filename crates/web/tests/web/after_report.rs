//! After the report (issue 10) over HTTP, on SQLite and (when configured)
//! PostgreSQL: Sabine M. asks Martina K. a question about her report and
//! Martina answers with a photo; Sabine accepts the report into a claim
//! exactly once (a double submit lands on the same claim); she moves the
//! claim along its timeline and adds a checklist item, and Martina
//! uploads the document asked for on the claim's page. Every mail goes to
//! Martina with a link and nothing else (A11). Another customer's claim,
//! report and item are the 404 of missing ones; customers on the staff
//! routes get 404.

use axum::http::StatusCode;

use crate::after_report_support::{
    accept, answer_form, customer_users, int, post_on, recipients, sent_report, text,
};
use crate::harness::{TestApp, spawn_app, spawn_app_on_postgres};
use crate::lists::signed_in;
use crate::mail_support::Inbox;
use crate::uploads_corpus::{exe, form, pdf, png, send};

const MARTINA: &str = "martina.keller@example.de";

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

async fn question_and_answer(app: &TestApp) {
    let mut inbox = Inbox::new();
    let mut martina = signed_in(app, "martina").await;
    let (report, reference) = sent_report(app, &mut martina).await;
    inbox.deliver(app).await;
    let mut sabine = signed_in(app, "sabine").await;
    let list = sabine.get("/staff/claim-reports?status=received").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body
            .contains(&format!("/staff/claim-reports/{report}"))
    );
    let page_path = format!("/staff/claim-reports/{report}");
    let page = sabine.get(&page_path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Steinschlag") && page.body.contains(&reference));

    // An empty question is refused at its field, nothing written.
    let ask = format!("{page_path}/question");
    let r = post_on(&mut sabine, &page_path, &ask, &[("question", "  ")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("question-error"));
    assert_eq!(
        int(app, "SELECT COUNT(*) FROM claim_report_questions").await,
        0
    );
    let question = "Wurde die Polizei gerufen?";
    let r = post_on(&mut sabine, &page_path, &ask, &[("question", question)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let status = format!("SELECT status FROM claim_reports WHERE id = {report}");
    assert_eq!(text(app, &status).await, "questions");
    let mails = inbox.deliver(app).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, MARTINA);
    assert_eq!(
        mails[0].link("/claims/reports/"),
        format!("/claims/reports/{report}")
    );
    assert!(!mails[0].text.contains("Polizei"), "a link only (A11)");

    // Martina reads it and answers with a photo.
    let own = format!("/claims/reports/{report}");
    let page = martina.get(&own).await;
    assert!(page.body.contains(question), "{}", page.body);
    let csrf = page.hidden("_csrf");
    let answer = format!("{own}/answer");
    let photo = png();
    let before = int(app, "SELECT COUNT(*) FROM documents").await;
    // A disguised file: refused, nothing kept, the text kept.
    let bad = answer_form(&csrf, "Nein, keine Polizei.", Some(("foto.pdf", &exe())));
    let r = send(&mut martina, &answer, bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Nein, keine Polizei."));
    assert_eq!(int(app, "SELECT COUNT(*) FROM documents").await, before);
    let body = answer_form(&csrf, "Nein, keine Polizei.", Some(("Foto.png", &photo)));
    let r = send(&mut martina, &answer, body).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(int(app, "SELECT COUNT(*) FROM documents").await, before + 1);
    assert_eq!(text(app, &status).await, "answered");
    let staff_page = sabine.get(&page_path).await;
    assert!(
        staff_page.body.contains("Nein, keine Polizei.") && staff_page.body.contains("Foto.png")
    );
    // No open question left: a second answer is refused.
    let r = send(&mut martina, &answer, answer_form(&csrf, "Noch was", None)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Leaks: another customer, and customers on staff routes.
    let mut jens = signed_in(app, "jens").await;
    let r = send(&mut jens, &answer, answer_form(&csrf, "x", None)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(jens.get(&own).await.status, StatusCode::NOT_FOUND);
    for path in ["/staff/claim-reports".to_owned(), page_path.clone()] {
        assert_eq!(
            martina.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let r = martina
        .post(&ask, &[("_csrf", &csrf), ("question", "x")])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn staff_ask_and_the_customer_answers() {
    on_both(question_and_answer).await;
}

async fn accept_once(app: &TestApp) {
    let mut inbox = Inbox::new();
    let mut martina = signed_in(app, "martina").await;
    let (report, reference) = sent_report(app, &mut martina).await;
    inbox.deliver(app).await;
    let mut sabine = signed_in(app, "sabine").await;
    let page = format!("/staff/claim-reports/{report}");
    let path = format!("{page}/accept");

    // Without a claim number: the form again with what was typed.
    let r = post_on(
        &mut sabine,
        &page,
        &path,
        &[
            ("broker_claim_number", ""),
            ("insurer_claim_number", "VU-4711"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("VU-4711") && r.body.contains("broker_claim_number-error"));
    assert_eq!(
        int(
            app,
            "SELECT COUNT(*) FROM claims WHERE external_id LIKE 'SM-%'"
        )
        .await,
        0
    );
    // Martina may not accept her own report.
    let csrf = martina.get("/claims").await.hidden("_csrf");
    let r = martina
        .post(&path, &[("_csrf", &csrf), ("broker_claim_number", "X")])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let claim = accept(&mut sabine, report, "S-2026-0042").await;
    // A double submit lands on the same claim.
    assert_eq!(accept(&mut sabine, report, "S-2026-0043").await, claim);
    let made = format!("SELECT COUNT(*) FROM claims WHERE external_id = '{reference}'");
    assert_eq!(int(app, &made).await, 1);
    let events = "SELECT COUNT(*) FROM events WHERE event_type = 'claim_report.accepted'";
    assert_eq!(int(app, events).await, 1);
    assert_eq!(
        text(
            app,
            &format!("SELECT broker_claim_number FROM claims WHERE id = {claim}")
        )
        .await,
        "S-2026-0042"
    );
    assert_eq!(
        text(
            app,
            &format!("SELECT status FROM claim_reports WHERE id = {report}")
        )
        .await,
        "accepted"
    );
    let history = format!("SELECT COUNT(*) FROM claim_status_history WHERE claim_id = {claim}");
    assert_eq!(int(app, &history).await, 1);
    let mails = inbox.deliver(app).await;
    assert_eq!(recipients(&mails), customer_users(app).await);
    assert!(mails.iter().any(|m| m.to == MARTINA));
    assert!(
        mails
            .iter()
            .all(|m| m.link("/claims/") == format!("/claims/{claim}"))
    );

    // The customer's report page links to the claim; no more questions.
    let own = martina.get(&format!("/claims/reports/{report}")).await;
    assert!(
        own.body.contains(&format!("/claims/{claim}")),
        "{}",
        own.body
    );
    let ask = post_on(
        &mut sabine,
        &page,
        &format!("{page}/question"),
        &[("question", "?")],
    )
    .await;
    assert_eq!(ask.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_report_is_accepted_into_one_claim() {
    on_both(accept_once).await;
}

async fn timeline_and_checklist(app: &TestApp) {
    let mut inbox = Inbox::new();
    let mut martina = signed_in(app, "martina").await;
    let (report, _) = sent_report(app, &mut martina).await;
    let mut sabine = signed_in(app, "sabine").await;
    let claim = accept(&mut sabine, report, "S-2026-0050").await;
    inbox.deliver(app).await;
    let page = format!("/claims/{claim}");

    // The status with a note; a status off the timeline is refused.
    let status = format!("{page}/status");
    let r = post_on(
        &mut sabine,
        &page,
        &status,
        &[("status", "lost"), ("note", "")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let note = "Gutachter beauftragt";
    let r = post_on(
        &mut sabine,
        &page,
        &status,
        &[("status", "assessment"), ("note", note)],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mails = inbox.deliver(app).await;
    assert_eq!(recipients(&mails), customer_users(app).await);
    for m in &mails {
        assert_eq!(m.link("/claims/"), page);
        assert!(!m.text.contains(note) && !m.text.contains("Steinschlag"));
    }
    let seen = martina.get(&page).await;
    assert!(seen.body.contains("aria-current=\"step\""), "{}", seen.body);
    assert!(seen.body.contains(note));
    assert!(
        !seen.body.contains(&status),
        "no staff form for the customer"
    );

    // A checklist item; bad input first.
    let add = format!("{page}/checklist");
    let r = post_on(&mut sabine, &page, &add, &[("text", ""), ("due_on", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = post_on(
        &mut sabine,
        &page,
        &add,
        &[("text", "Reparaturrechnung"), ("due_on", "morgen")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Reparaturrechnung"), "kept");
    let items = format!("SELECT COUNT(*) FROM claim_checklist_items WHERE claim_id = {claim}");
    assert_eq!(int(app, &items).await, 0);
    let r = post_on(
        &mut sabine,
        &page,
        &add,
        &[("text", "Reparaturrechnung"), ("due_on", "2099-01-31")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let item = int(app, "SELECT MAX(id) FROM claim_checklist_items").await;
    let mails = inbox.deliver(app).await;
    assert_eq!(recipients(&mails), customer_users(app).await);
    assert!(mails.iter().all(|m| !m.text.contains("Reparaturrechnung")));

    // Martina answers it with the invoice on the claim's page.
    let seen = martina.get(&page).await;
    let upload = format!("/checklist-items/{item}/documents");
    assert!(
        seen.body.replace("&#x2f;", "/").contains(&upload),
        "{}",
        seen.body
    );
    let csrf = seen.hidden("_csrf");
    let tasks = "SELECT COUNT(*) FROM tasks";
    let before = int(app, tasks).await;
    let r = send(
        &mut martina,
        &upload,
        form(&csrf, Some("invoice"), &[("Rechnung.pdf", &exe())]),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "disguised");
    assert_eq!(int(app, tasks).await, before);
    let r = send(
        &mut martina,
        &upload,
        form(&csrf, Some("invoice"), &[("Rechnung.pdf", &pdf(5000))]),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let row = format!("SELECT status FROM claim_checklist_items WHERE id = {item}");
    assert_eq!(text(app, &row).await, "received");
    let attached = format!(
        "SELECT COUNT(*) FROM documents d JOIN claim_checklist_items i ON i.document_id = d.id \
         WHERE i.id = {item} AND d.claim_id = {claim}"
    );
    assert_eq!(int(app, &attached).await, 1);
    let task = format!(
        "SELECT COUNT(*) FROM tasks WHERE claim_id = {claim} AND title LIKE 'Reparaturrechnung%'"
    );
    assert_eq!(int(app, &task).await, 1);
    assert!(martina.get(&page).await.body.contains("Rechnung.pdf"));

    // Leaks: another customer; customers on the staff actions.
    let mut jens = signed_in(app, "jens").await;
    assert_eq!(jens.get(&page).await.status, StatusCode::NOT_FOUND);
    let jcsrf = jens.get("/claims").await.hidden("_csrf");
    let r = send(
        &mut jens,
        &upload,
        form(&jcsrf, Some("invoice"), &[("a.pdf", &pdf(100))]),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    for path in [
        status.clone(),
        add.clone(),
        format!("/checklist-items/{item}/done"),
    ] {
        let r = martina
            .post(
                &path,
                &[("_csrf", &csrf), ("status", "closed"), ("text", "x")],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }

    // Done: no more uploads to it; then removed.
    let done = format!("/checklist-items/{item}/done");
    assert_eq!(
        post_on(&mut sabine, &page, &done, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(text(app, &row).await, "done");
    let r = send(
        &mut martina,
        &upload,
        form(&csrf, Some("invoice"), &[("b.pdf", &pdf(100))]),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let remove = format!("/checklist-items/{item}/remove");
    assert_eq!(
        post_on(&mut sabine, &page, &remove, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(int(app, &items).await, 0);
}

#[tokio::test]
async fn the_timeline_and_the_checklist() {
    on_both(timeline_and_checklist).await;
}
