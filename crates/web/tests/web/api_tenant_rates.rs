//! The token's tenant and exchange rates through the sync API.

use serde_json::json;

use crate::api_support::*;
use crate::harness::TestApp;

async fn tenant(app: TestApp) {
    let t = token(
        &app,
        "hamburg",
        &["read:tenants", "write:tenants", "events"],
    )
    .await;
    let doc = json_of(&get(&app, "/api/v1/tenant", &t).await);
    assert_eq!(doc["key"], "hamburg");
    let mut data =
        json!({ "name": "Makler Nord", "city": "Hamburg", "email": "info@nord.example" });
    let r = put(&app, "/api/v1/tenant", &t, &data).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(json_of(&r)["result"], "updated");
    let r = put(&app, "/api/v1/tenant", &t, &data).await;
    assert_eq!(json_of(&r)["result"], "unchanged");
    let doc = json_of(&get(&app, "/api/v1/tenant", &t).await);
    assert_eq!(doc["name"], "Makler Nord");
    assert_eq!(doc["office_hours"], "");

    // The key is not the API's to change; bad values name their field.
    data["key"] = json!("other");
    let p = problem(&put(&app, "/api/v1/tenant", &t, &data).await, 422);
    assert!(p["detail"].as_str().unwrap().contains("key"), "{p}");
    let p = problem(
        &put(
            &app,
            "/api/v1/tenant",
            &t,
            &json!({ "name": " ", "email": "nope" }),
        )
        .await,
        422,
    );
    assert_eq!(fields(&p), ["name", "email"]);

    // Another tenant's token reads its own tenant only.
    let munich = token(&app, "muenchen", &["read:tenants"]).await;
    let doc = json_of(&get(&app, "/api/v1/tenant", &munich).await);
    assert_eq!(doc["key"], "muenchen");
    assert_ne!(doc["name"], "Makler Nord");
    problem(&put(&app, "/api/v1/tenant", &munich, &data).await, 403);

    let types = event_types(&app, &t, "/api/v1/tenant", 1).await;
    assert_eq!(types, ["tenant.updated"]);
}

#[tokio::test]
async fn the_tenant_is_read_and_updated() {
    on_both(tenant).await;
}

async fn rates(app: TestApp) {
    let t = token(&app, "hamburg", &["read:rates", "write:rates"]).await;
    let path = "/api/v1/exchange-rates/chf/2031-01-01";
    let r = put(&app, path, &t, &json!({ "rate": "0.9312" })).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(json_of(&r)["link"], "/api/v1/exchange-rates/CHF/2031-01-01");
    let r = put(&app, path, &t, &json!({ "rate": "0.93120" })).await;
    assert_eq!(json_of(&r)["result"], "unchanged");
    let r = put(&app, path, &t, &json!({ "rate": "0,95" })).await;
    assert_eq!(json_of(&r)["result"], "updated");
    let doc = json_of(&get(&app, "/api/v1/exchange-rates/CHF/2031-01-01", &t).await);
    assert_eq!(doc["rate"], "0.95");
    assert_eq!(doc["currency"], "CHF");

    // Unknown currencies, dates out of range, bad rates, unknown fields.
    let bad = |p: &str| format!("/api/v1/exchange-rates/{p}");
    let f = |r| fields(&problem(&r, 422));
    assert_eq!(
        f(put(&app, &bad("EUT/2031-01-01"), &t, &json!({ "rate": "1" })).await),
        ["currency"]
    );
    assert_eq!(
        f(put(&app, &bad("USD/1700-01-01"), &t, &json!({ "rate": "1" })).await),
        ["valid_from"]
    );
    assert_eq!(
        f(put(&app, &bad("USD/2031-02-30"), &t, &json!({ "rate": "1" })).await),
        ["valid_from"]
    );
    assert_eq!(
        f(put(&app, &bad("USD/2031-01-01"), &t, &json!({ "rate": "-1" })).await),
        ["rate"]
    );
    assert_eq!(
        f(put(&app, &bad("USD/2031-01-01"), &t, &json!({ "rate": 1.1 })).await),
        ["rate"]
    );
    let p = problem(
        &put(
            &app,
            &bad("USD/2031-01-01"),
            &t,
            &json!({ "rate": "1", "x": 1 }),
        )
        .await,
        422,
    );
    assert!(p["detail"].as_str().unwrap().contains('x'), "{p}");

    // Paging over every rate, two at a time, after the demo's.
    for day in 2..=4 {
        let p = format!("/api/v1/exchange-rates/USD/2031-01-0{day}");
        assert_eq!(
            put(&app, &p, &t, &json!({ "rate": "1.1" })).await.status,
            201
        );
    }
    let mut seen = Vec::new();
    let mut next = "/api/v1/exchange-rates?limit=2&updated_since=2000-01-01T00:00:00Z".to_owned();
    loop {
        let page = json_of(&get(&app, &next, &t).await);
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(items.iter().map(|i| {
            format!(
                "{}/{}",
                i["currency"].as_str().unwrap(),
                i["valid_from"].as_str().unwrap()
            )
        }));
        match page["next_cursor"].as_str() {
            Some(c) => next = format!("/api/v1/exchange-rates?limit=2&cursor={c}"),
            None => break,
        }
    }
    for want in ["CHF/2031-01-01", "USD/2031-01-02", "USD/2031-01-04"] {
        assert_eq!(
            seen.iter().filter(|s| *s == want).count(),
            1,
            "{want} in {seen:?}"
        );
    }

    // Scope and deletion.
    let reader = token(&app, "hamburg", &["read:rates"]).await;
    problem(
        &put(&app, path, &reader, &json!({ "rate": "1" })).await,
        403,
    );
    problem(
        &get(
            &app,
            path,
            &token(&app, "hamburg", &["read:contracts"]).await,
        )
        .await,
        403,
    );
    assert_eq!(delete(&app, path, &t).await.status, 200);
    problem(&get(&app, path, &t).await, 404);
    problem(&delete(&app, path, &t).await, 404);
}

#[tokio::test]
async fn exchange_rates_are_upserted_listed_and_deleted() {
    on_both(rates).await;
}
