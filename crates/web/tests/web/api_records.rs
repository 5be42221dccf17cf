//! The sync API's records: upsert, replay, references, lists, deletion.

use serde_json::json;

use crate::api_support::*;
use crate::harness::{Client, TestApp, demo_login};

async fn upserts_replays_and_references(app: TestApp) {
    let t = token(&app, "hamburg", ALL).await;
    let r = put(&app, "/api/v1/customers/API-K1", &t, &customer("Anna")).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(json_of(&r)["result"], "created");
    put(&app, "/api/v1/customers/API-K2", &t, &customer("Ben")).await;

    let mut k = contract("API-K1", "P-1");
    k["co_insured"] = json!(["API-K2"]);
    k["account_manager"] = json!(
        demo_login("account manager, industrial")
            .email
            .to_uppercase()
    );
    let r = put(&app, "/api/v1/contracts/API-V1", &t, &k).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let first = json_of(&get(&app, "/api/v1/contracts/API-V1", &t).await);
    assert_eq!(first["customer"], "API-K1");
    assert_eq!(first["co_insured"], json!(["API-K2"]));

    // A replay changes nothing, not even the time of the last change.
    app.clock.advance(chrono::Duration::minutes(5));
    let r = put(&app, "/api/v1/contracts/API-V1", &t, &k).await;
    assert_eq!(r.status, 200);
    assert_eq!(json_of(&r)["result"], "unchanged");
    let again = json_of(&get(&app, "/api/v1/contracts/API-V1", &t).await);
    assert_eq!(again["updated_at"], first["updated_at"]);

    k["premium_gross_minor"] = json!(47000);
    let r = put(&app, "/api/v1/contracts/API-V1", &t, &k).await;
    assert_eq!(
        (r.status.as_u16(), json_of(&r)["result"].clone()),
        (200, json!("updated"))
    );
    assert_ne!(
        json_of(&get(&app, "/api/v1/contracts/API-V1", &t).await)["updated_at"],
        first["updated_at"]
    );

    // Objects and claims hang below the contract by external id.
    assert_eq!(
        put(&app, "/api/v1/objects/API-O1", &t, &object("API-V1"))
            .await
            .status,
        201
    );
    let c = claim("API-V1", Some("API-O1"));
    assert_eq!(put(&app, "/api/v1/claims/API-S1", &t, &c).await.status, 201);
    let r = put(&app, "/api/v1/claims/API-S1", &t, &c).await;
    assert_eq!(json_of(&r)["result"], "unchanged", "{}", r.body);
    let stored = json_of(&get(&app, "/api/v1/claims/API-S1", &t).await);
    assert_eq!(stored["status_history"].as_array().unwrap().len(), 2);
    assert_eq!(stored["object"], "API-O1");

    // An unknown reference is a 422 naming the id that is missing.
    let r = put(
        &app,
        "/api/v1/contracts/API-V2",
        &t,
        &contract("NOPE-7", "P-2"),
    )
    .await;
    let p = problem(&r, 422);
    assert_eq!(fields(&p), ["customer"]);
    assert!(p["detail"].as_str().unwrap().contains("NOPE-7"), "{p}");
    let mut bad = contract("API-K1", "P-2");
    bad["co_insured"] = json!(["API-K2", "GHOST"]);
    let p = problem(&put(&app, "/api/v1/contracts/API-V2", &t, &bad).await, 422);
    assert!(p["detail"].as_str().unwrap().contains("GHOST"), "{p}");
    assert_eq!(get(&app, "/api/v1/contracts/API-V2", &t).await.status, 404);
}

#[tokio::test]
async fn records_are_upserted_replayed_and_referenced_by_external_id() {
    on_both(upserts_replays_and_references).await;
}

async fn strict_input(app: TestApp) {
    let t = token(&app, "hamburg", ALL).await;
    put(&app, "/api/v1/customers/API-K1", &t, &customer("Anna")).await;
    let cases = [
        ("unknown field", json!({"colour": "red"}), "colour"),
        (
            "wrong type",
            json!({"premium_gross_minor": "viel"}),
            "premium_gross_minor",
        ),
        ("unknown code", json!({"status": "sleeping"}), "status"),
        ("currency", json!({"currency": "EUX"}), "currency"),
        (
            "date out of range",
            json!({"start_date": "1066-10-14"}),
            "start_date",
        ),
        (
            "impossible date",
            json!({"start_date": "2024-02-30"}),
            "start_date",
        ),
    ];
    for (what, change, field) in cases {
        let mut k = contract("API-K1", "P-1");
        for (key, value) in change.as_object().unwrap() {
            k[key] = value.clone();
        }
        let p = problem(&put(&app, "/api/v1/contracts/API-V9", &t, &k).await, 422);
        assert!(
            fields(&p).iter().any(|f| f == field) || p["detail"].as_str().unwrap().contains(field),
            "{what}: {p}"
        );
    }
    // Malformed JSON and a body that is not JSON.
    let r = crate::api_support::call(
        &app,
        axum::http::Method::PUT,
        "/api/v1/customers/X",
        Some(&t),
        None,
        &[("content-type", "text/plain")],
    )
    .await;
    problem(&r, 415);
    assert_eq!(get(&app, "/api/v1/contracts/API-V9", &t).await.status, 404);
}

#[tokio::test]
async fn unknown_fields_wrong_types_and_bad_values_are_named() {
    on_both(strict_input).await;
}

async fn paging(app: TestApp) {
    let t = token(&app, "hamburg", ALL).await;
    let before = json_of(&get(&app, "/api/v1/customers?limit=1000", &t).await)["items"]
        .as_array()
        .unwrap()
        .len();
    for i in 0..7 {
        put(
            &app,
            &format!("/api/v1/customers/PG-{i}"),
            &t,
            &customer("P"),
        )
        .await;
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/customers?limit=3&cursor={c}"),
            None => "/api/v1/customers?limit=3".to_owned(),
        };
        let page = json_of(&get(&app, &path, &t).await);
        for item in page["items"].as_array().unwrap() {
            seen.push(item["external_id"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), before + 7);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no record twice");

    // updated_since: only what changed since then.
    app.clock.advance(chrono::Duration::hours(1));
    let since = (chrono::Utc::now() + chrono::Duration::minutes(30))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    put(&app, "/api/v1/customers/PG-3", &t, &customer("Changed")).await;
    let page = json_of(
        &get(
            &app,
            &format!("/api/v1/customers?updated_since={since}"),
            &t,
        )
        .await,
    );
    let ids: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["external_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["PG-3"]);

    problem(&get(&app, "/api/v1/customers?limit=1001", &t).await, 422);
    problem(&get(&app, "/api/v1/customers?cursor=forged", &t).await, 422);
    problem(
        &get(&app, "/api/v1/customers?updated_since=yesterday", &t).await,
        422,
    );
}

#[tokio::test]
async fn lists_page_by_cursor_to_the_end_and_filter_by_updated_since() {
    on_both(paging).await;
}

/// A contract of the demo's Hamburg tenant: (id, external id).
async fn demo_contract(app: &TestApp) -> (i64, String) {
    app.db
        .fetch_one(kp_storage::Sql::new(
            "SELECT k.id, k.external_id FROM contracts k JOIN tenants t ON t.id = k.tenant_id \
             WHERE t.tenant_key = 'hamburg' ORDER BY k.id LIMIT 1",
        ))
        .await
        .unwrap()
}

async fn deletion(app: TestApp) {
    let t = token(&app, "hamburg", ALL).await;
    let (id, ext) = demo_contract(&app).await;
    let admin = demo_login("portal administrator");
    let mut browser = Client::new(&app);
    browser.login(admin.email, admin.password).await;
    assert_eq!(browser.get(&format!("/contracts/{id}")).await.status, 200);

    let r = delete(&app, &format!("/api/v1/contracts/{ext}"), &t).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(json_of(&r)["result"], "deleted");
    assert_eq!(
        get(&app, &format!("/api/v1/contracts/{ext}"), &t)
            .await
            .status,
        404
    );
    problem(
        &delete(&app, &format!("/api/v1/contracts/{ext}"), &t).await,
        404,
    );

    // The portal answers the 404 of a contract that never existed.
    let gone = browser.get(&format!("/contracts/{id}")).await;
    let never = browser.get("/contracts/999999999").await;
    assert_eq!(gone.status, 404);
    assert_eq!(never.status, 404);
    assert!(
        !browser
            .get("/contracts")
            .await
            .body
            .contains(&format!("/contracts/{id}\""))
    );

    // A customer still holding contracts is not deleted.
    put(&app, "/api/v1/customers/DEL-K", &t, &customer("D")).await;
    put(
        &app,
        "/api/v1/contracts/DEL-V",
        &t,
        &contract("DEL-K", "P-D"),
    )
    .await;
    problem(&delete(&app, "/api/v1/customers/DEL-K", &t).await, 409);
    delete(&app, "/api/v1/contracts/DEL-V", &t).await;
    assert_eq!(
        delete(&app, "/api/v1/customers/DEL-K", &t).await.status,
        200
    );
    // An upsert brings a deleted record back.
    let r = put(&app, "/api/v1/customers/DEL-K", &t, &customer("D")).await;
    assert_eq!(r.status, 201, "{}", r.body);
}

#[tokio::test]
async fn deleted_records_disappear_from_the_api_and_the_portal() {
    on_both(deletion).await;
}

async fn tenants_apart(app: TestApp) {
    let hh = token(&app, "hamburg", ALL).await;
    let mu = token(&app, "muenchen", ALL).await;
    put(&app, "/api/v1/customers/SAME-1", &hh, &customer("Hamburg")).await;
    // München cannot read it, nor reference it …
    assert_eq!(get(&app, "/api/v1/customers/SAME-1", &mu).await.status, 404);
    problem(
        &put(
            &app,
            "/api/v1/contracts/MU-V",
            &mu,
            &contract("SAME-1", "P"),
        )
        .await,
        422,
    );
    // … and the same external id there is another record.
    let r = put(&app, "/api/v1/customers/SAME-1", &mu, &customer("Muenchen")).await;
    assert_eq!(r.status, 201);
    let hamburg = json_of(&get(&app, "/api/v1/customers/SAME-1", &hh).await);
    assert_eq!(hamburg["first_name"], "Hamburg");
    problem(&delete(&app, "/api/v1/customers/NOT-THERE", &mu).await, 404);
    let (_, ext) = demo_contract(&app).await;
    assert_eq!(
        get(&app, &format!("/api/v1/contracts/{ext}"), &mu)
            .await
            .status,
        404
    );
    let listed = json_of(&get(&app, "/api/v1/contracts?limit=1000", &mu).await);
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["external_id"] != ext.as_str())
    );
}

#[tokio::test]
async fn a_token_reads_and_writes_only_its_own_tenant() {
    on_both(tenants_apart).await;
}
