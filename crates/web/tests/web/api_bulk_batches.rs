//! Bulk batches: applied whole when every line is good, line by line when
//! one is bad. Either way the answers, the records and the events are
//! those of lines applied one at a time.

use kp_storage::Sql;
use serde_json::{Value, json};

use crate::api_bulk::{bulk, line};
use crate::api_support::*;
use crate::harness::TestApp;

fn result_of(results: &[Value], n: u64) -> &Value {
    results
        .iter()
        .find(|r| r["line"] == n)
        .unwrap_or_else(|| panic!("no result for line {n}: {results:?}"))
}

/// The events recorded for records whose external id starts with `prefix`.
async fn events_of(app: &TestApp, prefix: &str) -> i64 {
    let (n,): (i64,) = app
        .db
        .fetch_one(
            Sql::new("SELECT COUNT(*) FROM events WHERE resource_link LIKE $1")
                .arg(format!("/api/v1/%/{prefix}%")),
        )
        .await
        .unwrap();
    n
}

/// Customer, contract and object of one chain, each naming the one before.
fn chain(n: &str) -> [String; 3] {
    [
        line("customer", &format!("{n}-K"), customer(n)),
        line(
            "contract",
            &format!("{n}-V"),
            contract(&format!("{n}-K"), n),
        ),
        line("object", &format!("{n}-O"), object(&format!("{n}-V"))),
    ]
}

async fn batches(app: TestApp) {
    let t = token(&app, "hamburg", ALL).await;

    // All good: the chain resolves inside the batch, the same external id
    // twice is created then updated, a third time unchanged.
    let mut body: Vec<String> = chain("G1").into();
    body.push(line("customer", "G-TWICE", customer("Anna")));
    body.push(line("customer", "G-TWICE", customer("Berta")));
    body.push(line("customer", "G-TWICE", customer("Berta")));
    let results = bulk(&app, &t, body.join("\n")).await;
    let got: Vec<&str> = (1..=6)
        .map(|n| result_of(&results, n)["result"].as_str().unwrap())
        .collect();
    assert_eq!(
        got,
        [
            "created",
            "created",
            "created",
            "created",
            "updated",
            "unchanged"
        ]
    );
    let o = json_of(&get(&app, "/api/v1/objects/G1-O", &t).await);
    assert_eq!(o["contract"], "G1-V");
    let k = json_of(&get(&app, "/api/v1/customers/G-TWICE", &t).await);
    assert_eq!(k["display_name"], "Berta Test");
    assert_eq!(events_of(&app, "G1-").await, 3);
    assert_eq!(events_of(&app, "G-TWICE").await, 2);

    // A bad line in the middle: the lines around it, chains and repeats
    // included, are applied as if alone; the bad one leaves nothing, and
    // the batch's first attempt leaves no second event.
    let mut body: Vec<String> = chain("B1").into();
    body.push(line("customer", "B-TWICE", customer("Anna")));
    body.push(line(
        "customer",
        "B-BAD",
        json!({ "kind": "person", "display_name": "X", "shoe_size": 44 }),
    ));
    body.push(line("customer", "B-TWICE", customer("Berta")));
    body.extend(chain("B2"));
    body.push(line("contract", "B-BAD2", contract("B-NONE", "P")));
    body.push(line("object", "B2-O", object("B1-V")));
    let results = bulk(&app, &t, body.join("\n")).await;
    assert_eq!(results.len(), 11, "{results:?}");
    for n in [1, 2, 3, 4, 7, 8, 9] {
        assert_eq!(result_of(&results, n)["result"], "created", "line {n}");
    }
    assert_eq!(result_of(&results, 5)["result"], "error");
    assert_eq!(result_of(&results, 6)["result"], "updated");
    assert_eq!(result_of(&results, 10)["error"]["field"], "data.customer");
    assert_eq!(result_of(&results, 11)["result"], "updated");
    assert_eq!(get(&app, "/api/v1/customers/B-BAD", &t).await.status, 404);
    assert_eq!(get(&app, "/api/v1/contracts/B-BAD2", &t).await.status, 404);
    let o = json_of(&get(&app, "/api/v1/objects/B2-O", &t).await);
    assert_eq!(o["contract"], "B1-V");
    let k = json_of(&get(&app, "/api/v1/customers/B-TWICE", &t).await);
    assert_eq!(k["display_name"], "Berta Test");
    assert_eq!(events_of(&app, "B1-").await, 3);
    assert_eq!(events_of(&app, "B2-").await, 4);
    assert_eq!(events_of(&app, "B-TWICE").await, 2);
    assert_eq!(events_of(&app, "B-BAD").await, 0);

    // The same body again: every good line unchanged, the bad ones again.
    let results = bulk(&app, &t, body.join("\n")).await;
    for n in [1, 2, 3, 7, 8] {
        assert_eq!(result_of(&results, n)["result"], "unchanged", "line {n}");
    }
    // Records written twice in the body change back and forth: B-TWICE
    // (Anna, Berta) and B2-O (under B2-V, then B1-V).
    for n in [4, 6, 9, 11] {
        assert_eq!(result_of(&results, n)["result"], "updated", "line {n}");
    }
    assert_eq!(result_of(&results, 5)["result"], "error");
}

#[tokio::test]
async fn batches_apply_whole_or_line_by_line_with_the_same_results() {
    on_both(batches).await;
}
