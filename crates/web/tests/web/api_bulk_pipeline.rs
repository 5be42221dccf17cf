//! Bulk batches planned while the batch before them is written: a plan
//! cannot see the records of batches not yet committed and relies on
//! what they planned. Batches of two lines make every record cross a
//! batch border; whether a plan ran before or after the previous commit,
//! the answers, records and events are those of lines applied one at a
//! time.

use kp_storage::Sql;
use serde_json::json;

use crate::api_bulk::{bulk, line};
use crate::api_bulk_plan::{refuse_boom, result_of};
use crate::api_support::*;
use crate::harness::{TestApp, spawn_app_on_postgres_with_settings, spawn_app_with_settings};
use crate::webhook_support::count;

async fn events_of(app: &TestApp, ext: &str) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .db
        .fetch_all(
            Sql::new("SELECT event_type FROM events WHERE resource_link LIKE $1 ORDER BY id")
                .arg(format!("/api/v1/%/{ext}")),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(t,)| t).collect()
}

async fn pipeline(app: TestApp) {
    refuse_boom(&app).await;
    let t = token(&app, "hamburg", ALL).await;
    let delete = |kind: &str, ext: &str| {
        json!({ "type": kind, "external_id": ext, "op": "delete" }).to_string()
    };
    let body = [
        // 1–2: a group the database refuses (Boom), beside a good line.
        line("customer", "P-BOOM", customer("Boom")),
        line("customer", "P1-K", customer("Eins")),
        // 3–4: one contract names the refused customer, one the good one.
        line("contract", "P-BV", contract("P-BOOM", "PB")),
        line("contract", "P1-V", contract("P1-K", "P1")),
        // 5–6: the customer of batch 1 changed, an object of batch 2's
        // contract.
        line("customer", "P1-K", customer("Neu")),
        line("object", "P1-O", object("P1-V")),
        // 7–8: a new customer, and a contract of the changed one.
        line("customer", "P3-K", customer("Drei")),
        line("contract", "P2-V", contract("P1-K", "P2")),
        // 9–10: batch 4's customer deleted, then named.
        delete("customer", "P3-K"),
        line("contract", "P3-V", contract("P3-K", "P3")),
        // 11: an object of batch 4's contract.
        line("object", "P2-O", object("P2-V")),
    ]
    .join("\n");
    let results = bulk(&app, &t, body.clone()).await;
    assert_eq!(results.len(), 11, "{results:?}");
    let expected = [
        (1, "error"),
        (2, "created"),
        (3, "error"),
        (4, "created"),
        (5, "updated"),
        (6, "created"),
        (7, "created"),
        (8, "created"),
        (9, "deleted"),
        (10, "error"),
        (11, "created"),
    ];
    for (n, result) in expected {
        assert_eq!(
            result_of(&results, n)["result"],
            result,
            "line {n}: {results:?}"
        );
    }
    assert_eq!(result_of(&results, 1)["error"]["status"], 500);
    assert_eq!(result_of(&results, 3)["error"]["field"], "data.customer");
    assert_eq!(result_of(&results, 10)["error"]["field"], "data.customer");

    let k = json_of(&get(&app, "/api/v1/customers/P1-K", &t).await);
    assert_eq!(k["display_name"], "Neu Test");
    let o = json_of(&get(&app, "/api/v1/objects/P2-O", &t).await);
    assert_eq!(o["contract"], "P2-V");
    let v = json_of(&get(&app, "/api/v1/contracts/P2-V", &t).await);
    assert_eq!(v["customer"], "P1-K");
    for gone in ["customers/P-BOOM", "contracts/P-BV", "contracts/P3-V"] {
        let path = format!("/api/v1/{gone}");
        assert_eq!(get(&app, &path, &t).await.status, 404, "{gone}");
    }
    assert_eq!(
        events_of(&app, "P1-K").await,
        ["customer.created", "customer.updated"]
    );
    assert_eq!(
        events_of(&app, "P3-K").await,
        ["customer.created", "customer.deleted"]
    );
    assert!(events_of(&app, "P-BOOM").await.is_empty());
    assert!(events_of(&app, "P3-V").await.is_empty());
    let events = count(&app, Sql::new("SELECT COUNT(*) FROM events")).await;

    // The same body again: the lines that were applied are unchanged,
    // except those the body itself changes back and forth.
    let results = bulk(&app, &t, body).await;
    for n in [4, 6, 8, 11] {
        assert_eq!(result_of(&results, n)["result"], "unchanged", "line {n}");
    }
    // P1-K back to "Eins" and again "Neu"; P3-K revived.
    for n in [2, 5] {
        assert_eq!(result_of(&results, n)["result"], "updated", "line {n}");
    }
    assert_eq!(result_of(&results, 7)["result"], "created");
    assert_eq!(result_of(&results, 9)["result"], "deleted");
    let again = count(&app, Sql::new("SELECT COUNT(*) FROM events")).await;
    assert_eq!(again - events, 4, "P1-K twice, P3-K revived and deleted");
}

#[tokio::test]
async fn batches_planned_ahead_answer_as_lines_applied_one_at_a_time() {
    let settings = |_: &mut kp_app::Policy, web: &mut kp_web::WebConfig| {
        web.api_bulk_batch_size = 2;
    };
    pipeline(spawn_app_with_settings(settings).await).await;
    if let Some((app, pg)) = spawn_app_on_postgres_with_settings(settings).await {
        pipeline(app).await;
        pg.drop_db().await;
    }
}
