//! Finance items through the sync API, and their deletion in the portal.

use serde_json::{Value, json};

use crate::api_support::*;
use crate::harness::{Client, TestApp, demo_login};

fn invoice(customer: &str, contract: Option<&str>, number: &str) -> Value {
    json!({
        "customer": customer,
        "contract": contract,
        "kind": "invoice",
        "number": number,
        "issue_date": "2025-01-02",
        "due_date": "2025-02-01",
        "amount_minor": 12345,
        "currency": "eur"
    })
}

async fn finance(app: TestApp) {
    let t = token(&app, "hamburg", ALL).await;
    put(&app, "/api/v1/customers/F-K1", &t, &customer("F")).await;
    put(&app, "/api/v1/customers/F-K2", &t, &customer("G")).await;
    put(&app, "/api/v1/contracts/F-V1", &t, &contract("F-K1", "P-F")).await;

    let item = invoice("F-K1", Some("F-V1"), "RE-2025-0001");
    let r = put(&app, "/api/v1/finance-items/F-R1", &t, &item).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let r = put(&app, "/api/v1/finance-items/F-R1", &t, &item).await;
    assert_eq!(json_of(&r)["result"], "unchanged", "{}", r.body);
    let stored = json_of(&get(&app, "/api/v1/finance-items/F-R1", &t).await);
    assert_eq!(stored["currency"], "EUR");
    assert_eq!(stored["contract"], "F-V1");

    // The item of a contract belongs to one of its customers.
    let p = problem(
        &put(
            &app,
            "/api/v1/finance-items/F-R2",
            &t,
            &invoice("F-K2", Some("F-V1"), "RE-2"),
        )
        .await,
        422,
    );
    assert_eq!(fields(&p), ["contract"]);
    let mut bad = invoice("F-K1", None, "RE-3");
    bad["paid_on"] = json!("2025-02-01");
    problem(
        &put(&app, "/api/v1/finance-items/F-R3", &t, &bad).await,
        422,
    );

    // Without the finance scope, nothing.
    let other = token(&app, "hamburg", &["read:customers"]).await;
    problem(&get(&app, "/api/v1/finance-items/F-R1", &other).await, 403);

    // Deleting a contract takes its finance items along.
    delete(&app, "/api/v1/contracts/F-V1", &t).await;
    assert_eq!(
        get(&app, "/api/v1/finance-items/F-R1", &t).await.status,
        404
    );
}

#[tokio::test]
async fn finance_items_are_upserted_checked_and_deleted() {
    on_both(finance).await;
}

/// A finance item of the demo data deleted through the API leaves the
/// portal's finance list.
async fn portal(app: TestApp) {
    let t = token(&app, "hamburg", ALL).await;
    let (ext, number): (String, String) = app
        .db
        .fetch_one(kp_storage::Sql::new(
            "SELECT f.external_id, f.number FROM finance_items f JOIN tenants t ON t.id = f.tenant_id \
             WHERE t.tenant_key = 'hamburg' ORDER BY f.id LIMIT 1",
        ))
        .await
        .unwrap();
    let admin = demo_login("portal administrator");
    let mut browser = Client::new(&app);
    browser.login(admin.email, admin.password).await;
    let search = format!("/finances?q={number}");
    let shown = format!(">{number}<");
    assert!(browser.get(&search).await.body.contains(&shown));
    assert_eq!(
        delete(&app, &format!("/api/v1/finance-items/{ext}"), &t)
            .await
            .status,
        200
    );
    assert!(
        !browser
            .get(&search)
            .await
            .body
            .contains(&format!(">{number}<"))
    );
}

#[tokio::test]
async fn a_deleted_finance_item_leaves_the_portal() {
    on_both(portal).await;
}
