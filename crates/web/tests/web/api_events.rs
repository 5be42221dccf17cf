//! The event feed: one event per change, in commit order, per tenant.

use std::collections::HashSet;

use serde_json::Value;

use crate::api_support::*;
use crate::harness::{TestApp, spawn_app_on_postgres};

/// Reads the feed from `cursor` until it is empty; the events and the
/// cursor to continue from.
async fn drain(app: &TestApp, t: &str, mut cursor: Option<String>) -> (Vec<Value>, Option<String>) {
    let mut out = Vec::new();
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/events?limit=7&after={c}"),
            None => "/api/v1/events?limit=7".to_owned(),
        };
        let r = get(app, &path, t).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let page = json_of(&r);
        let items = page["items"].as_array().unwrap().clone();
        cursor = Some(page["next_cursor"].as_str().unwrap().to_owned());
        if items.is_empty() {
            return (out, cursor);
        }
        out.extend(items);
    }
}

/// Reads until `n` events came. On PostgreSQL the feed holds back events
/// behind any transaction still running on the server (other tests' too),
/// so it may need a few polls; the bound only keeps a broken feed from
/// hanging the suite.
async fn drain_until(
    app: &TestApp,
    t: &str,
    mut cursor: Option<String>,
    n: usize,
) -> (Vec<Value>, Option<String>) {
    let mut out = Vec::new();
    for _ in 0..1200 {
        let (batch, next) = drain(app, t, cursor).await;
        cursor = next;
        out.extend(batch);
        if out.len() >= n {
            return (out, cursor);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the feed never caught up: {out:?}");
}

async fn feed(app: TestApp) {
    let t = token(&app, "hamburg", ALL).await;
    let mu = token(&app, "muenchen", ALL).await;
    let (before, cursor) = drain(&app, &t, None).await;
    assert!(before.is_empty(), "{before:?}");
    put(&app, "/api/v1/customers/E-K", &t, &customer("E")).await;
    put(&app, "/api/v1/customers/E-K", &t, &customer("E")).await; // unchanged: no event
    put(&app, "/api/v1/contracts/E-V", &t, &contract("E-K", "P")).await;
    let mut k = contract("E-K", "P");
    k["status"] = "suspended".into();
    put(&app, "/api/v1/contracts/E-V", &t, &k).await;
    delete(&app, "/api/v1/contracts/E-V", &t).await;
    put(&app, "/api/v1/customers/E-M", &mu, &customer("M")).await;

    let (events, cursor) = drain_until(&app, &t, cursor, 4).await;
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "customer.created",
            "contract.created",
            "contract.updated",
            "contract.deleted"
        ]
    );
    assert_eq!(events[1]["resource_link"], "/api/v1/contracts/E-V");
    assert_eq!(events[1]["payload"]["external_id"], "E-V");
    // Polling again from the cursor yields nothing twice.
    assert!(drain(&app, &t, cursor).await.0.is_empty());
    let (munich, _) = drain_until(&app, &mu, None, 1).await;
    assert_eq!(munich.len(), 1);
    problem(&get(&app, "/api/v1/events?after=nonsense", &t).await, 422);
}

#[tokio::test]
async fn every_change_becomes_one_event_of_its_tenant() {
    on_both(feed).await;
}

/// 8 writers at once on PostgreSQL, whose transactions commit in another
/// order than they took their ids, and a reader polling throughout: every
/// event exactly once, each writer's in its order.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_feed_has_no_gaps_or_duplicates_under_concurrent_writers_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    let app = std::sync::Arc::new(app);
    let t = token(&app, "hamburg", ALL).await;
    const WRITERS: usize = 8;
    const EACH: usize = 25;
    let mut writers = Vec::new();
    for w in 0..WRITERS {
        let app = app.clone();
        let t = t.clone();
        writers.push(tokio::spawn(async move {
            for i in 0..EACH {
                let r = put(
                    &app,
                    &format!("/api/v1/customers/W{w}-{i}"),
                    &t,
                    &customer("W"),
                )
                .await;
                assert_eq!(r.status, 201, "{}", r.body);
            }
        }));
    }
    let mut seen: Vec<Value> = Vec::new();
    let mut cursor = None;
    // After the writers end, the feed may still wait for transactions of
    // other tests on the same server (the horizon is cluster-wide); it
    // must catch up, however long that takes, up to a generous bound that
    // only keeps a broken feed from hanging the suite.
    let mut rounds_after_done = 0;
    loop {
        let done = writers.iter().all(|w| w.is_finished());
        let (batch, next) = drain(&app, &t, cursor).await;
        cursor = next;
        seen.extend(batch);
        if seen.len() >= WRITERS * EACH && done {
            break;
        }
        if done {
            rounds_after_done += 1;
            assert!(
                rounds_after_done < 1200,
                "the feed never caught up: {} events",
                seen.len()
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        } else {
            tokio::task::yield_now().await;
        }
    }
    // Nothing more comes once all are seen.
    assert!(drain(&app, &t, cursor).await.0.is_empty());
    for w in writers {
        w.await.unwrap();
    }
    let ids: Vec<i64> = seen.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    let unique: HashSet<i64> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "an event was handed out twice");
    assert_eq!(ids.len(), WRITERS * EACH, "an event was skipped");
    for w in 0..WRITERS {
        let order: Vec<usize> = seen
            .iter()
            .filter_map(|e| {
                let ext = e["payload"]["external_id"].as_str()?;
                let (writer, i) = ext.strip_prefix('W')?.split_once('-')?;
                (writer.parse::<usize>().ok()? == w).then(|| i.parse().ok())?
            })
            .collect();
        assert_eq!(order, (0..EACH).collect::<Vec<_>>(), "writer {w}");
    }
    drop(app);
    pg.drop_db().await;
}
