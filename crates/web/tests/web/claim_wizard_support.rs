//! Walking the claim wizard as a browser does: Martina K. picks her car by
//! its plate and answers every step; helpers for the tests of the wizard,
//! its mails and its leak checks.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, Response, TestApp};

/// Martina K.'s car.
pub const PLATE: &str = "HH-MK 482";

/// The form token of the signed-in client.
pub async fn csrf(client: &mut Client<'_>) -> String {
    client.get("/claims").await.hidden("_csrf")
}

/// Posts `fields` with the form token.
pub async fn post(client: &mut Client<'_>, path: &str, fields: &[(&str, &str)]) -> Response {
    let token = csrf(client).await;
    let mut form = vec![("_csrf", token.as_str())];
    form.extend_from_slice(fields);
    client.post(path, &form).await
}

/// Starts a draft on the object found by `search`; the draft's id.
pub async fn start(client: &mut Client<'_>, search: &str) -> i64 {
    let page = client
        .get(&format!(
            "/claims/report?q={}",
            kp_web::pages::urlencode(search)
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let choice = page.hidden("choice");
    let r = post(client, "/claims/report", &[("choice", &choice)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let location = r.location();
    assert!(location.ends_with("/loss"), "{location}");
    location
        .trim_start_matches("/claims/drafts/")
        .trim_end_matches("/loss")
        .parse()
        .unwrap()
}

/// A step's answers; asserts it moved on to `next`.
pub async fn step(
    client: &mut Client<'_>,
    id: i64,
    step: &str,
    fields: &[(&str, &str)],
    next: &str,
) {
    let r = post(client, &format!("/claims/drafts/{id}/{step}"), fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{step}: {}", r.body);
    assert_eq!(r.location(), format!("/claims/drafts/{id}/{next}"));
}

/// Yesterday by the app's clock, as a date input sends it.
pub fn yesterday(app: &TestApp) -> String {
    (app.app.clock.now().date_naive() - chrono::Duration::days(1)).to_string()
}

/// Answers steps 2 to 7 of draft `id` with a loss of `claim_type` and
/// `amount` (typed the German way).
pub async fn answer_all(
    app: &TestApp,
    client: &mut Client<'_>,
    id: i64,
    claim_type: &str,
    amount: &str,
) {
    let date = yesterday(app);
    step(
        client,
        id,
        "loss",
        &[
            ("date", &date),
            ("time", "07:45"),
            ("place", "A7, Hamburg-Stellingen"),
        ],
        "type",
    )
    .await;
    step(client, id, "type", &[("claim_type", claim_type)], "what").await;
    step(
        client,
        id,
        "what",
        &[("description", "Steinschlag, Riss in der Frontscheibe")],
        "amount",
    )
    .await;
    step(
        client,
        id,
        "amount",
        &[("amount", amount), ("currency", "EUR")],
        "parties",
    )
    .await;
    step(
        client,
        id,
        "parties",
        &[("third_parties", ""), ("police_report", "")],
        "contact",
    )
    .await;
    step(
        client,
        id,
        "contact",
        &[
            ("phone", "+49 170 4418293"),
            ("email", "martina.keller@example.de"),
        ],
        "documents",
    )
    .await;
}

/// Sends draft `id`; the report's id from the confirmation's address.
pub async fn send(client: &mut Client<'_>, id: i64) -> i64 {
    let r = post(client, &format!("/claims/drafts/{id}/send"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let location = r.location().to_owned();
    location
        .trim_start_matches("/claims/reports/")
        .trim_end_matches("?sent=1")
        .parse()
        .unwrap_or_else(|_| panic!("{location}"))
}

/// A whole report of Martina K.'s car; the report's id.
pub async fn report_car(
    app: &TestApp,
    client: &mut Client<'_>,
    claim_type: &str,
    amount: &str,
) -> i64 {
    let id = start(client, PLATE).await;
    answer_all(app, client, id, claim_type, amount).await;
    send(client, id).await
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    let (n,): (i64,) = app.db.fetch_one(Sql::new(sql)).await.unwrap();
    n
}

pub async fn exec(app: &TestApp, sql: &str) {
    app.db.execute(Sql::new(sql)).await.unwrap();
}

/// The contract of Martina K.'s car.
pub const CAR_CONTRACT: &str =
    "(SELECT contract_id FROM insured_objects WHERE plate = 'HH-MK 482')";
