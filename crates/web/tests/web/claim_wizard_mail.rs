//! Who hears of a claim report (D9, D15–D19, B12), through the SMTP sink:
//! the contract's claims handler, else its clerk, else the broker's
//! central address; the customer's confirmation with the reference
//! number; escalation above the threshold for the configured claim types
//! (not below it, not for other types); the organization's extra
//! recipients. The settings page refuses bad addresses and amounts.

use axum::http::StatusCode;

use crate::claim_wizard_support::{
    CAR_CONTRACT, count, exec, post, report_car, send, start, step, yesterday,
};
use crate::harness::{Client, TestApp, spawn_app, spawn_app_on_postgres};
use crate::lists::signed_in;
use crate::mail_support::{Inbox, Mail};

const SABINE: &str = "sabine.meyer@hanse-assekuranz.example.de";

fn sorted(list: &[&str]) -> Vec<String> {
    let mut list: Vec<String> = list.iter().map(|s| (*s).to_owned()).collect();
    list.sort();
    list
}

fn to(mails: &[Mail]) -> Vec<String> {
    let mut list: Vec<String> = mails.iter().map(|m| m.to.clone()).collect();
    list.sort();
    list
}

/// Another staff member of the car's tenant: (id, address).
async fn colleague(app: &TestApp) -> (i64, String) {
    let (id, email): (i64, String) = app
        .db
        .fetch_one(kp_storage::Sql::new(format!(
            "SELECT s.id, s.email FROM staff_users s JOIN staff_user_tenants st ON st.staff_user_id = s.id \
             WHERE st.tenant_id = (SELECT tenant_id FROM contracts WHERE id = {CAR_CONTRACT}) \
             AND s.email <> '{SABINE}' AND s.active ORDER BY s.id LIMIT 1"
        )))
        .await
        .unwrap();
    (id, email)
}

async fn tenant_key(app: &TestApp) -> String {
    let (key,): (String,) = app
        .db
        .fetch_one(kp_storage::Sql::new(format!(
            "SELECT COALESCE(tenant_key, '') FROM tenants WHERE id = (SELECT tenant_id FROM contracts WHERE id = {CAR_CONTRACT})"
        )))
        .await
        .unwrap();
    key
}

async fn check_routing(app: &TestApp) {
    let mut inbox = Inbox::new();
    let mut martina = signed_in(app, "martina").await;
    exec(app, &format!("UPDATE tenants SET email = 'zentrale@makler.test' WHERE id = (SELECT tenant_id FROM contracts WHERE id = {CAR_CONTRACT})")).await;

    // The claims handler, and the customer's confirmation.
    report_car(app, &mut martina, "glass", "900,00").await;
    let mails = inbox.deliver(app).await;
    assert_eq!(to(&mails), sorted(&["martina.keller@example.de", SABINE]));
    let confirmation = mails.iter().find(|m| m.to.starts_with("martina")).unwrap();
    assert!(confirmation.subject.contains("SM-") && confirmation.text.contains("/claims/reports/"));
    assert!(
        !confirmation.text.contains("Steinschlag"),
        "no content in mails (A11)"
    );
    let info = mails.iter().find(|m| m.to == SABINE).unwrap();
    assert!(info.text.contains("/claims/reports/") && !info.text.contains("Steinschlag"));

    // No handler: the clerk.
    let (clerk_id, clerk) = colleague(app).await;
    exec(app, &format!("UPDATE contracts SET claims_handler_id = NULL, clerk_id = {clerk_id} WHERE id = {CAR_CONTRACT}")).await;
    report_car(app, &mut martina, "glass", "").await;
    let mails = inbox.deliver(app).await;
    assert_eq!(to(&mails), sorted(&[&clerk, "martina.keller@example.de"]));
    let assigned = format!(
        "SELECT COUNT(*) FROM tasks WHERE assignee_staff_id = {clerk_id} AND area = 'claims'"
    );
    assert_eq!(count(app, &assigned).await, 1);

    // Nobody: unassigned, mailed to the central address.
    exec(app, &format!("UPDATE contracts SET claims_handler_id = NULL, clerk_id = NULL WHERE id = {CAR_CONTRACT}")).await;
    report_car(app, &mut martina, "glass", "").await;
    let mails = inbox.deliver(app).await;
    assert_eq!(
        to(&mails),
        sorted(&["martina.keller@example.de", "zentrale@makler.test"])
    );
    let unassigned = format!(
        "SELECT COUNT(*) FROM tasks WHERE assignee_staff_id IS NULL AND contract_id = {CAR_CONTRACT}"
    );
    assert_eq!(count(app, &unassigned).await, 1);
    // Reference numbers count up per tenant.
    assert_eq!(
        count(
            app,
            "SELECT COUNT(DISTINCT reference) FROM claim_reports WHERE draft_id IS NOT NULL"
        )
        .await,
        3
    );
}

async fn add_rule(
    petra: &mut Client<'_>,
    key: &str,
    fields: &[(&str, &str)],
) -> crate::harness::Response {
    let mut form = vec![("tenant", key)];
    form.extend_from_slice(fields);
    post(petra, "/settings/claims/rules", &form).await
}

async fn check_escalation_and_extra_recipients(app: &TestApp) {
    let mut inbox = Inbox::new();
    let key = tenant_key(app).await;
    let (colleague_id, colleague_mail) = colleague(app).await;
    let colleague_id = colleague_id.to_string();
    let mut petra = signed_in(app, "petra").await;
    let page = petra.get(&format!("/settings/claims?tenant={key}")).await;
    assert_eq!(page.status, StatusCode::OK);

    // Bad input: messages at the fields, typed values kept, nothing stored.
    let r = add_rule(
        &mut petra,
        &key,
        &[
            ("threshold", "zehn"),
            ("currency", "EUR"),
            ("emails", "chef@makler.test, kein-mail"),
            ("priority", "urgent"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"threshold-error\"") && r.body.contains("id=\"emails-error\""));
    assert!(r.body.contains("value=\"zehn\"") && r.body.contains("kein-mail"));
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM settings WHERE key = 'claim_escalation'"
        )
        .await,
        0
    );
    let r = add_rule(
        &mut petra,
        &key,
        &[
            ("threshold", "1.000,00"),
            ("currency", "EUR"),
            ("claim_types", "glass"),
            ("claim_types", "collision"),
            ("emails", "chef@makler.test"),
            ("staff", &colleague_id),
            ("priority", "urgent"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Other staff 403, portal users 404.
    let mut sabine = signed_in(app, "sabine").await;
    assert_eq!(
        sabine.get("/settings/claims").await.status,
        StatusCode::FORBIDDEN
    );
    let mut martina = signed_in(app, "martina").await;
    assert_eq!(
        martina.get("/settings/claims").await.status,
        StatusCode::NOT_FOUND
    );

    // Above the threshold, a configured type: escalated.
    report_car(app, &mut martina, "glass", "1.000,01").await;
    let mails = inbox.deliver(app).await;
    let expected = sorted(&[
        "chef@makler.test",
        &colleague_mail,
        "martina.keller@example.de",
        SABINE,
    ]);
    assert_eq!(to(&mails), expected);
    let urgent = "SELECT COUNT(*) FROM tasks WHERE priority = 'urgent' AND origin = 'claim_report'";
    assert_eq!(count(app, urgent).await, 1);
    // At the threshold, and above it for another type: not escalated.
    report_car(app, &mut martina, "glass", "1.000,00").await;
    report_car(app, &mut martina, "theft", "5.000,00").await;
    let mails = inbox.deliver(app).await;
    assert_eq!(mails.len(), 4, "{:?}", to(&mails));
    assert!(mails.iter().all(|m| m.to != "chef@makler.test"));
    assert_eq!(count(app, urgent).await, 1);

    // Extra recipients of Stefan's organization.
    let (org,): (i64,) = app
        .db
        .fetch_one(kp_storage::Sql::new(
            "SELECT organization_id FROM portal_users WHERE email = 'stefan.bauer@brenner-gruppe.example.de'",
        ))
        .await
        .unwrap();
    let org = org.to_string();
    let r = post(
        &mut petra,
        "/settings/claims/recipients",
        &[
            ("tenant", &key),
            ("organization", &org),
            ("recipients", "versicherung@brenner.test\nfalsch"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"recipients-error\""));
    let r = post(
        &mut petra,
        "/settings/claims/recipients",
        &[
            ("tenant", &key),
            ("organization", &org),
            ("recipients", "versicherung@brenner.test"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut stefan = signed_in(app, "stefan").await;
    let id = start(&mut stefan, "").await;
    let types = stefan.get(&format!("/claims/drafts/{id}/type")).await;
    let date = yesterday(app);
    step(
        &mut stefan,
        id,
        "loss",
        &[("date", &date), ("time", ""), ("place", "Werk 2")],
        "type",
    )
    .await;
    step(
        &mut stefan,
        id,
        "type",
        &[("claim_type", &types.hidden("claim_type"))],
        "what",
    )
    .await;
    step(
        &mut stefan,
        id,
        "what",
        &[("description", "Wasserschaden")],
        "amount",
    )
    .await;
    step(
        &mut stefan,
        id,
        "contact",
        &[
            ("phone", ""),
            ("email", "stefan.bauer@brenner-gruppe.example.de"),
        ],
        "documents",
    )
    .await;
    send(&mut stefan, id).await;
    let mails = inbox.deliver(app).await;
    let copy = mails
        .iter()
        .find(|m| m.to == "versicherung@brenner.test")
        .expect("copy to the extra recipient");
    assert!(copy.text.contains("SM-") && !copy.text.contains("Wasserschaden"));
}

#[tokio::test]
async fn reports_reach_handler_clerk_or_central_address() {
    check_routing(&spawn_app().await).await;
}

#[tokio::test]
async fn reports_reach_handler_clerk_or_central_address_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_routing(&app).await;
    pg.drop_db().await;
}

#[tokio::test]
async fn large_claims_escalate_and_organizations_get_copies() {
    check_escalation_and_extra_recipients(&spawn_app().await).await;
}

#[tokio::test]
async fn large_claims_escalate_and_organizations_get_copies_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_escalation_and_extra_recipients(&app).await;
    pg.drop_db().await;
}
