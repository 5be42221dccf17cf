//! The IDOR harness's own tests: it must fail on a route whose parameter
//! it does not cover, on a route that answers for any id, and on one whose
//! 404 for an outside id differs from that of a missing one.

use axum::http::StatusCode;
use kp_web::routes::RouteInfo;

use crate::harness::{TestApp, spawn_app};
use crate::idor::{Kind, Param, all_ids, all_params, probe, uncovered};

pub(crate) fn with_router(app: &TestApp, router: axum::Router) -> TestApp {
    TestApp {
        router,
        app: app.app.clone(),
        db: app.db.clone(),
        clock: app.clock.clone(),
        _dir: tempfile::tempdir().unwrap(),
    }
}

/// The self-tests' deliberately broken page: a contract id under `/home`.
pub(crate) fn broken_route() -> ([RouteInfo; 1], [(&'static str, &'static str, Param); 1]) {
    (
        [RouteInfo {
            method: "GET",
            path: "/home/{id}",
        }],
        [("/home/{id}", "id", Param::Id(Kind::Contract))],
    )
}

#[tokio::test]
async fn a_route_with_an_uncovered_parameter_fails_the_harness() {
    let mut table = kp_web::route_table();
    table.push(RouteInfo {
        method: "GET",
        path: "/uncovered/{id}",
    });
    let problems = uncovered(&table, &all_params());
    assert_eq!(problems, vec!["GET /uncovered/{id} (parameter id)"]);
}

#[tokio::test]
async fn a_leaking_route_is_caught() {
    // A deliberately broken page: `/home` ignores the id and answers 200
    // for every contract, which the harness must report for every role.
    let app = spawn_app().await;
    let (table, params) = broken_route();
    let leaky = app
        .router
        .clone()
        .route("/home/{id}", axum::routing::get(|| async { "a contract" }));
    let leaky_app = with_router(&app, leaky);
    let problems = probe(&leaky_app, &table, &params).await;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("a missing id answers 200")),
        "{problems:?}"
    );
}

#[tokio::test]
async fn outside_ids_must_look_exactly_like_missing_ones() {
    // A route that answers 404 for ids it does not know, but a different
    // 404 for ids that exist elsewhere, leaks their existence.
    let app = spawn_app().await;
    let db = app.db.clone();
    let contracts = all_ids(&db, Kind::Contract).await;
    let leaky = app.router.clone().route(
        "/home/{id}",
        axum::routing::get(move |axum::extract::Path(id): axum::extract::Path<i64>| {
            let known = contracts.contains(&id);
            async move {
                if known {
                    (StatusCode::NOT_FOUND, "exists, but not yours")
                } else {
                    (StatusCode::NOT_FOUND, "no such contract")
                }
            }
        }),
    );
    let leaky_app = with_router(&app, leaky);
    let (table, params) = broken_route();
    let problems = probe(&leaky_app, &table, &params).await;
    assert!(
        problems.iter().any(|p| p.contains("not the plain 404")),
        "{problems:?}"
    );
}
