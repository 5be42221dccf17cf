//! The sync API's side of "after the report" (issues 10, 11), on both
//! databases: a claim carries its checklist (written by key, a replay is
//! "unchanged", leaving the list out keeps it); a claim upserted with the
//! reference of a report accepted in the portal adopts the portal's claim
//! instead of making a second one; an unknown reference is a 422 naming
//! the field.

use serde_json::json;

use crate::after_report_support::{accept, int, sent_report, text};
use crate::api_support::{
    claim, contract, customer, fields, get, json_of, on_both, problem, put, token,
};
use crate::harness::TestApp;
use crate::lists::signed_in;

const SCOPES: &[&str] = &[
    "read:claims",
    "write:claims",
    "read:contracts",
    "write:contracts",
    "read:customers",
    "write:customers",
];

async fn checklist_round_trip(app: TestApp) {
    let t = token(&app, "hamburg", SCOPES).await;
    assert_eq!(
        put(&app, "/api/v1/customers/CL-K1", &t, &customer("Check"))
            .await
            .status,
        201
    );
    assert_eq!(
        put(
            &app,
            "/api/v1/contracts/CL-V1",
            &t,
            &contract("CL-K1", "CL-1")
        )
        .await
        .status,
        201
    );
    let mut c = claim("CL-V1", None);
    c["checklist"] = json!([
        { "key": "K1", "text": "Kostenvoranschlag", "status": "open", "due_on": "2099-02-01" },
        { "key": "K2", "text": "Fotos", "status": "done" }
    ]);
    assert_eq!(put(&app, "/api/v1/claims/CL-S1", &t, &c).await.status, 201);
    let r = put(&app, "/api/v1/claims/CL-S1", &t, &c).await;
    assert_eq!(json_of(&r)["result"], "unchanged", "{}", r.body);
    let stored = json_of(&get(&app, "/api/v1/claims/CL-S1", &t).await);
    assert_eq!(stored["checklist"][0]["key"], "K1");
    assert_eq!(stored["checklist"][0]["due_on"], "2099-02-01");
    assert_eq!(stored["checklist"][1]["status"], "done");
    // What a GET answered, sent back, changes nothing.
    let mut back = stored.clone();
    for k in ["external_id", "created_at", "updated_at"] {
        back.as_object_mut().unwrap().remove(k);
    }
    let r = put(&app, "/api/v1/claims/CL-S1", &t, &back).await;
    assert_eq!(json_of(&r)["result"], "unchanged", "{}", r.body);
    // Without the list: kept.
    let r = put(&app, "/api/v1/claims/CL-S1", &t, &claim("CL-V1", None)).await;
    assert_eq!(json_of(&r)["result"], "unchanged", "{}", r.body);
    // A shorter list removes the others.
    c["checklist"] = json!([{ "key": "K2", "text": "Fotos", "status": "done" }]);
    let r = put(&app, "/api/v1/claims/CL-S1", &t, &c).await;
    assert_eq!(json_of(&r)["result"], "updated", "{}", r.body);
    let stored = json_of(&get(&app, "/api/v1/claims/CL-S1", &t).await);
    assert_eq!(stored["checklist"].as_array().unwrap().len(), 1);
    // Bad items and an unknown report are named.
    c["checklist"] = json!([{ "key": "", "text": "", "status": "open" }, { "key": "A", "text": "x", "status": "lost" }]);
    let r = put(&app, "/api/v1/claims/CL-S1", &t, &c).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let mut c = claim("CL-V1", None);
    c["checklist"] = json!([{ "key": "", "text": "", "status": "open" }]);
    let p = problem(&put(&app, "/api/v1/claims/CL-S1", &t, &c).await, 422);
    assert!(fields(&p).contains(&"checklist[0].key".to_owned()), "{p}");
    assert!(fields(&p).contains(&"checklist[0].text".to_owned()), "{p}");
    let mut c = claim("CL-V1", None);
    c["claim_report_reference"] = json!("SM-1999-000001");
    let p = problem(&put(&app, "/api/v1/claims/CL-S1", &t, &c).await, 422);
    assert!(
        fields(&p).contains(&"claim_report_reference".to_owned()),
        "{p}"
    );
}

#[tokio::test]
async fn claims_carry_their_checklist() {
    on_both(checklist_round_trip).await;
}

async fn adoption(app: TestApp) {
    let mut martina = signed_in(&app, "martina").await;
    let (report, reference) = sent_report(&app, &mut martina).await;
    let mut sabine = signed_in(&app, "sabine").await;
    let claim_id = accept(&mut sabine, report, "S-2026-0077").await;
    let tenant = text(&app, &format!(
        "SELECT t.tenant_key FROM tenants t JOIN claims c ON c.tenant_id = t.id WHERE c.id = {claim_id}"
    )).await;
    let contract_ext = text(&app, &format!(
        "SELECT k.external_id FROM contracts k JOIN claims c ON c.contract_id = k.id WHERE c.id = {claim_id}"
    )).await;
    let t = token(&app, &tenant, SCOPES).await;
    // The portal's claim is readable under the report's reference.
    let portal = json_of(&get(&app, &format!("/api/v1/claims/{reference}"), &t).await);
    assert_eq!(portal["claim_report_reference"], reference.as_str());
    assert_eq!(portal["status"], "received");

    // The back office sends its claim naming the report: adopted.
    let mut c = claim(&contract_ext, None);
    c["claim_report_reference"] = json!(reference);
    c["broker_claim_number"] = json!("S-2026-0077");
    c["checklist"] = json!([{ "key": "BO-1", "text": "Kostenvoranschlag", "status": "open" }]);
    let r = put(&app, "/api/v1/claims/BO-77", &t, &c).await;
    assert_eq!(json_of(&r)["result"], "updated", "{}", r.body);
    let r = put(&app, "/api/v1/claims/BO-77", &t, &c).await;
    assert_eq!(json_of(&r)["result"], "unchanged", "{}", r.body);
    let linked =
        format!("SELECT COUNT(*) FROM claims WHERE id = {claim_id} AND external_id = 'BO-77'");
    assert_eq!(int(&app, &linked).await, 1);
    let report_claim = format!("SELECT claim_id FROM claim_reports WHERE id = {report}");
    assert_eq!(int(&app, &report_claim).await, claim_id);
    let stored = json_of(&get(&app, "/api/v1/claims/BO-77", &t).await);
    assert_eq!(stored["claim_report_reference"], reference.as_str());
    assert_eq!(stored["checklist"][0]["key"], "BO-1");
    // The customer sees the back office's item on the claim's page.
    let page = martina.get(&format!("/claims/{claim_id}")).await;
    assert!(page.body.contains("Kostenvoranschlag"));
    // Another claim naming the same report is refused.
    let p = problem(&put(&app, "/api/v1/claims/BO-78", &t, &c).await, 422);
    assert!(
        fields(&p).contains(&"claim_report_reference".to_owned()),
        "{p}"
    );
    assert_eq!(
        int(
            &app,
            "SELECT COUNT(*) FROM claims WHERE external_id = 'BO-78'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn the_back_office_adopts_a_claim_accepted_in_the_portal() {
    on_both(adoption).await;
}
