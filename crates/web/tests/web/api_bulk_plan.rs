//! Bulk batches written in multi-row inserts: the lines of a batch are
//! resolved against each other in memory, and the answers, records,
//! events and webhook deliveries are still those of lines applied one at
//! a time.

use kp_storage::{Backend, Sql};
use serde_json::Value;

use crate::api_bulk::{bulk, line};
use crate::api_support::*;
use crate::harness::{TestApp, spawn_app_on_postgres_with_settings, spawn_app_with_settings};
use crate::webhook_support::{Receiver, count, create_endpoint, signed_in};

pub(crate) fn result_of(results: &[Value], n: u64) -> &Value {
    results
        .iter()
        .find(|r| r["line"] == n)
        .unwrap_or_else(|| panic!("no result for line {n}: {results:?}"))
}

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

async fn events_total(app: &TestApp) -> i64 {
    count(app, Sql::new("SELECT COUNT(*) FROM events")).await
}

/// The resource links of the feed's events under `prefix`
/// (`/api/v1/customers/R`), in feed order, read until `n` came.
async fn feed_links(app: &TestApp, token: &str, prefixes: &[&str], n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut path = "/api/v1/events?limit=1000".to_owned();
    for _ in 0..1200 {
        let page = json_of(&get(app, &path, token).await);
        let items = page["items"].as_array().unwrap();
        for e in items {
            let link = e["resource_link"].as_str().unwrap();
            if prefixes.iter().any(|p| link.starts_with(p)) {
                out.push(format!("{} {link}", e["type"].as_str().unwrap()));
            }
        }
        path = format!(
            "/api/v1/events?limit=1000&after={}",
            page["next_cursor"].as_str().unwrap()
        );
        if out.len() >= n && items.is_empty() {
            return out;
        }
        if items.is_empty() {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    panic!("the feed never caught up: {out:?}");
}

async fn in_memory(app: TestApp) {
    let t = token(&app, "hamburg", ALL).await;
    let body = [
        // 1: a contract naming a customer further down in the same batch.
        line("contract", "P-V1", contract("P-K1", "P1")),
        line("customer", "P-K1", customer("Paula")),
        // 3, 4: the same external id twice; the second is an update.
        line("customer", "P-TWICE", customer("Anna")),
        line("customer", "P-TWICE", customer("Berta")),
        // 5, 6: records naming records made earlier in the batch.
        line("contract", "P-V2", contract("P-TWICE", "P2")),
        line("object", "P-O1", object("P-V2")),
        // 7: an object naming the contract that waits for line 2.
        line("object", "P-O2", object("P-V1")),
        // 8: the same contract twice, the second naming another customer.
        line("contract", "P-V2", contract("P-K1", "P2")),
    ]
    .join("\n");
    let results = bulk(&app, &t, body).await;
    assert_eq!(results.len(), 8, "{results:?}");
    let got: Vec<&str> = (1..=8)
        .map(|n| result_of(&results, n)["result"].as_str().unwrap())
        .collect();
    assert_eq!(
        got,
        [
            "created", "created", "created", "updated", "created", "created", "created", "updated"
        ]
    );
    let k = json_of(&get(&app, "/api/v1/customers/P-TWICE", &t).await);
    assert_eq!(k["display_name"], "Berta Test");
    let v = json_of(&get(&app, "/api/v1/contracts/P-V2", &t).await);
    assert_eq!(v["customer"], "P-K1");
    let o = json_of(&get(&app, "/api/v1/objects/P-O2", &t).await);
    assert_eq!(o["contract"], "P-V1");
    let o = json_of(&get(&app, "/api/v1/objects/P-O1", &t).await);
    assert_eq!(o["contract"], "P-V2");
    assert_eq!(
        event_types(&app, &t, "/api/v1/customers/P-TWICE", 2).await,
        ["customer.created", "customer.updated"]
    );
    assert_eq!(
        event_types(&app, &t, "/api/v1/contracts/P-V2", 2).await,
        ["contract.created", "contract.updated"]
    );
}

#[tokio::test]
async fn bulk_resolves_a_batchs_lines_against_each_other() {
    on_both(in_memory).await;
}

/// Makes the database refuse a customer named "Boom Test", as a
/// constraint would, so that a batch's multi-row insert fails as a whole.
pub(crate) async fn refuse_boom(app: &TestApp) {
    let statements: &[&str] = match app.db.backend() {
        Backend::Sqlite => &["CREATE TRIGGER refuse_boom BEFORE INSERT ON customers \
             WHEN NEW.display_name = 'Boom Test' BEGIN SELECT RAISE(ABORT, 'boom'); END"],
        Backend::Postgres => &[
            "CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
             IF NEW.display_name = 'Boom Test' THEN RAISE EXCEPTION 'boom'; END IF; \
             RETURN NEW; END $$",
            "CREATE TRIGGER refuse_boom BEFORE INSERT ON customers FOR EACH ROW \
             EXECUTE FUNCTION refuse_boom()",
        ],
    };
    for s in statements {
        app.db.execute(Sql::new(*s)).await.unwrap();
    }
}

async fn refused(app: TestApp) {
    refuse_boom(&app).await;
    let t = token(&app, "hamburg", ALL).await;
    let mut body: Vec<String> = chain("Q1").into();
    body.push(line("customer", "Q-BOOM", customer("Boom")));
    body.push(line(
        "customer",
        "Q-BAD",
        serde_json::json!({ "kind": "person", "display_name": "" }),
    ));
    body.extend(chain("Q2"));
    body.push(line("object", "Q2-O2", object("Q1-V")));
    let results = bulk(&app, &t, body.join("\n")).await;
    assert_eq!(results.len(), 9, "{results:?}");
    for n in [1, 2, 3, 6, 7, 8, 9] {
        assert_eq!(result_of(&results, n)["result"], "created", "line {n}");
    }
    assert_eq!(result_of(&results, 4)["error"]["status"], 500);
    assert_eq!(
        result_of(&results, 5)["error"]["field"],
        "data.display_name"
    );
    assert_eq!(get(&app, "/api/v1/customers/Q-BOOM", &t).await.status, 404);
    let o = json_of(&get(&app, "/api/v1/objects/Q2-O2", &t).await);
    assert_eq!(o["contract"], "Q1-V");
    let events = |prefix: &'static str| {
        let app = &app;
        async move {
            count(
                app,
                Sql::new("SELECT COUNT(*) FROM events WHERE resource_link LIKE $1")
                    .arg(format!("/api/v1/%/{prefix}%")),
            )
            .await
        }
    };
    assert_eq!(events("Q1-").await, 3);
    assert_eq!(events("Q2-").await, 4);
    assert_eq!(events("Q-B").await, 0);
}

#[tokio::test]
async fn a_refused_insert_undoes_only_the_bad_line_of_a_batch() {
    on_both(refused).await;
}

async fn replay(app: TestApp) {
    let t = token(&app, "hamburg", ALL).await;
    let body: Vec<String> = (0..20).flat_map(|i| chain(&format!("U{i}"))).collect();
    let body = body.join("\n");
    let results = bulk(&app, &t, body.clone()).await;
    assert!(
        results.iter().all(|r| r["result"] == "created"),
        "{results:?}"
    );
    let before = events_total(&app).await;
    assert!(before >= 60);
    let results = bulk(&app, &t, body).await;
    assert_eq!(results.len(), 60);
    assert!(
        results.iter().all(|r| r["result"] == "unchanged"),
        "{results:?}"
    );
    assert_eq!(events_total(&app).await, before, "a replay writes no event");
}

#[tokio::test]
async fn an_unchanged_replay_of_a_whole_body_writes_nothing() {
    on_both(replay).await;
}

async fn feed(app: TestApp) {
    let t = token(&app, "hamburg", ALL).await;
    let hook = Receiver::start().await;
    let mut petra = signed_in(&app, "portal administrator").await;
    let (endpoint, _) = create_endpoint(&mut petra, "hamburg", &hook.url, &[]).await;
    // Batches of four lines: the chains cross batch borders, and one
    // contract waits for its customer two batches further down.
    let mut body: Vec<String> = (0..10).flat_map(|i| chain(&format!("R{i}"))).collect();
    body.insert(0, line("contract", "R-LATE-V", contract("R-LATE-K", "L")));
    body.push(line("customer", "R-LATE-K", customer("Late")));
    let results = bulk(&app, &t, body.join("\n")).await;
    assert!(
        results.iter().all(|r| r["result"] == "created"),
        "{results:?}"
    );
    let mut expected: Vec<String> = (0..10)
        .flat_map(|i| {
            [
                format!("customer.created /api/v1/customers/R{i}-K"),
                format!("contract.created /api/v1/contracts/R{i}-V"),
                format!("object.created /api/v1/objects/R{i}-O"),
            ]
        })
        .collect();
    expected.push("customer.created /api/v1/customers/R-LATE-K".to_owned());
    expected.push("contract.created /api/v1/contracts/R-LATE-V".to_owned());
    let prefixes = [
        "/api/v1/customers/R",
        "/api/v1/contracts/R",
        "/api/v1/objects/R",
    ];
    let got = feed_links(&app, &t, &prefixes, expected.len()).await;
    assert_eq!(got, expected, "each event once, in the order applied");
    // The fan-out made one delivery per event of the bulk.
    let deliveries = count(
        &app,
        Sql::new(
            "SELECT COUNT(*) FROM webhook_deliveries d JOIN events e ON e.id = d.event_id \
             WHERE d.endpoint_id = $1 AND e.resource_link LIKE '/api/v1/%/R%'",
        )
        .arg(endpoint),
    )
    .await;
    assert_eq!(deliveries, 32);
}

#[tokio::test]
async fn a_bulks_events_reach_the_feed_once_in_order_with_their_deliveries() {
    let settings = |p: &mut kp_app::Policy, web: &mut kp_web::WebConfig| {
        p.webhooks_allow_private_targets = true;
        web.api_bulk_batch_size = 4;
    };
    feed(spawn_app_with_settings(settings).await).await;
    if let Some((app, pg)) = spawn_app_on_postgres_with_settings(settings).await {
        feed(app).await;
        pg.drop_db().await;
    }
}
