//! The claim wizard over HTTP (FEATURES A4): Martina K. reports her car's
//! windscreen step by step, resumes the draft in a second session
//! ("another device"), and sends it once however often she submits; bad
//! input (a future date, letters in the amount, a type that does not fit
//! the contract) is refused at its field with what she typed kept; a
//! forged contract id is a 404 with nothing saved; a discarded draft is
//! gone; a profile without `report_claim` gets 403, staff 404.

use axum::http::StatusCode;

use crate::claim_wizard_support::{
    CAR_CONTRACT, PLATE, answer_all, count, post, send, start, step, yesterday,
};
use crate::harness::{TestApp, spawn_app, spawn_app_on_postgres};
use crate::lists::signed_in;

async fn check_the_wizard(app: &TestApp) {
    let mut martina = signed_in(app, "martina").await;
    let claims = martina.get("/claims").await;
    assert!(claims.body.contains("href=\"/claims/report\""));
    let id = start(&mut martina, PLATE).await;

    // Another device: the same draft, listed on the claims page.
    let mut phone = signed_in(app, "martina").await;
    let listed = phone.get("/claims").await;
    assert!(
        listed.body.contains(&format!("/claims/drafts/{id}/loss")),
        "draft listed"
    );
    assert_eq!(
        phone.get(&format!("/claims/drafts/{id}/loss")).await.status,
        StatusCode::OK
    );

    // A date in the future: message at the field, input kept, not saved.
    let tomorrow = (app.app.clock.now().date_naive() + chrono::Duration::days(1)).to_string();
    let r = post(
        &mut martina,
        &format!("/claims/drafts/{id}/loss"),
        &[("date", &tomorrow), ("time", ""), ("place", "A7")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"date-error\"") && r.body.contains("nicht in der Zukunft"));
    assert!(r.body.contains(&format!("value=\"{tomorrow}\"")) && r.body.contains("value=\"A7\""));
    let again = martina.get(&format!("/claims/drafts/{id}/loss")).await;
    assert!(!again.body.contains(&tomorrow), "nothing saved");
    let date = yesterday(app);
    step(
        &mut martina,
        id,
        "loss",
        &[("date", &date), ("time", "07:45"), ("place", "A7")],
        "type",
    )
    .await;

    // A type the car's contract does not offer.
    let types = martina.get(&format!("/claims/drafts/{id}/type")).await;
    assert!(
        types.body.contains("value=\"collision\"")
            && !types.body.contains("value=\"machine_breakdown\"")
    );
    let r = post(
        &mut martina,
        &format!("/claims/drafts/{id}/type"),
        &[("claim_type", "machine_breakdown")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"claim_type-error\""));
    step(&mut martina, id, "type", &[("claim_type", "glass")], "what").await;
    step(
        &mut martina,
        id,
        "what",
        &[("description", "Steinschlag auf der A7")],
        "amount",
    )
    .await;

    // Letters in the amount, on the other device.
    let r = post(
        &mut phone,
        &format!("/claims/drafts/{id}/amount"),
        &[("amount", "12a,50"), ("currency", "EUR")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"amount-error\"") && r.body.contains("value=\"12a,50\""));
    step(
        &mut phone,
        id,
        "amount",
        &[("amount", "1.250,00"), ("currency", "EUR")],
        "parties",
    )
    .await;
    step(
        &mut phone,
        id,
        "parties",
        &[("third_parties", ""), ("police_report", "HH-2026-4711")],
        "contact",
    )
    .await;
    let contact = phone.get(&format!("/claims/drafts/{id}/contact")).await;
    assert!(
        contact.body.contains("value=\"martina.keller@example.de\""),
        "prefilled from the account"
    );
    assert!(
        contact.body.contains("value=\"+49 170 4418293\""),
        "prefilled from the customer"
    );
    step(
        &mut phone,
        id,
        "contact",
        &[
            ("phone", "+49 170 4418293"),
            ("email", "martina.keller@example.de"),
        ],
        "documents",
    )
    .await;

    let summary = martina.get(&format!("/claims/drafts/{id}/summary")).await;
    assert_eq!(summary.status, StatusCode::OK);
    assert!(summary.body.contains("1.250,00") && summary.body.contains("Steinschlag auf der A7"));
    assert!(
        summary
            .body
            .contains(&format!("/claims/drafts/{id}/amount")),
        "change links"
    );

    // Sent twice: one report, both answers on its page.
    let report = send(&mut martina, id).await;
    assert_eq!(send(&mut martina, id).await, report);
    assert_eq!(send(&mut phone, id).await, report);
    assert_eq!(
        count(
            app,
            &format!("SELECT COUNT(*) FROM claim_reports WHERE draft_id = {id}")
        )
        .await,
        1
    );
    assert_eq!(
        count(
            app,
            &format!("SELECT COUNT(*) FROM claim_report_drafts WHERE id = {id}")
        )
        .await,
        0
    );
    let page = martina
        .get(&format!("/claims/reports/{report}?sent=1"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let year = app.app.clock.now().format("%Y").to_string();
    let reference = format!("SM-{year}-");
    assert!(page.body.contains(&reference), "{}", page.body);
    let claims = martina.get("/claims").await;
    assert!(claims.body.contains(&reference) && claims.body.contains("gemeldet, in Prüfung"));
    assert!(
        !claims.body.contains(&format!("/claims/drafts/{id}/")),
        "no longer a draft"
    );

    // The back office's event and the claims handler's task.
    let sabine =
        "(SELECT id FROM staff_users WHERE email = 'sabine.meyer@hanse-assekuranz.example.de')";
    let tasks = format!(
        "SELECT COUNT(*) FROM tasks WHERE area = 'claims' AND status = 'open' AND priority = 'normal' \
         AND contract_id = {CAR_CONTRACT} AND assignee_staff_id = {sabine} AND origin_event_id IS NOT NULL"
    );
    assert_eq!(count(app, &tasks).await, 1);
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM events WHERE event_type = 'claim_report.created'"
        )
        .await,
        1
    );

    // Staff see the report; the wizard is not theirs.
    let mut staff = signed_in(app, "sabine").await;
    assert_eq!(
        staff.get(&format!("/claims/reports/{report}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        staff.get("/claims/report").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(staff.get("/claims").await.body.contains(&reference));

    // No report_claim in the profile: 403.
    let mut claire = signed_in(app, "claire").await;
    assert_eq!(
        claire.get("/claims/report").await.status,
        StatusCode::FORBIDDEN
    );
}

async fn check_forged_ids_and_discard(app: &TestApp) {
    let mut martina = signed_in(app, "martina").await;
    let drafts = "SELECT COUNT(*) FROM claim_report_drafts";
    let before = count(app, drafts).await;
    let foreign = count(
        app,
        "SELECT MIN(k.id) FROM contracts k JOIN customers c ON c.id = k.customer_id \
         WHERE c.organization_id IS NOT NULL AND k.status = 'active'",
    )
    .await
    .to_string();
    let r = post(&mut martina, "/claims/report", &[("choice", &foreign)]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(count(app, drafts).await, before, "nothing saved");

    let id = start(&mut martina, PLATE).await;
    let r = post(
        &mut martina,
        &format!("/claims/drafts/{id}/object"),
        &[("choice", &foreign)],
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let object = martina.get(&format!("/claims/drafts/{id}/object")).await;
    assert!(object.body.contains(PLATE), "the draft keeps the car");

    // Sending an unfinished draft shows what is missing.
    let r = post(&mut martina, &format!("/claims/drafts/{id}/send"), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&format!("/claims/drafts/{id}/loss")));
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM claim_reports WHERE draft_id IS NOT NULL"
        )
        .await,
        0
    );

    let r = post(&mut martina, &format!("/claims/drafts/{id}/discard"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        martina
            .get(&format!("/claims/drafts/{id}/loss"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(count(app, drafts).await, before);

    // Another user's draft is the 404 of a missing one.
    let id = start(&mut martina, PLATE).await;
    answer_all(app, &mut martina, id, "glass", "").await;
    let mut jens = signed_in(app, "jens").await;
    assert_eq!(
        jens.get(&format!("/claims/drafts/{id}/summary"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = post(&mut jens, &format!("/claims/drafts/{id}/send"), &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM claim_reports WHERE draft_id IS NOT NULL"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn martina_reports_a_claim_step_by_step() {
    check_the_wizard(&spawn_app().await).await;
}

#[tokio::test]
async fn martina_reports_a_claim_step_by_step_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_the_wizard(&app).await;
    pg.drop_db().await;
}

#[tokio::test]
async fn forged_ids_are_refused_and_drafts_can_be_discarded() {
    check_forged_ids_and_discard(&spawn_app().await).await;
}

#[tokio::test]
async fn forged_ids_are_refused_and_drafts_can_be_discarded_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_forged_ids_and_discard(&app).await;
    pg.drop_db().await;
}
