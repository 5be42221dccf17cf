//! Helpers of the "after the report" tests: a report of Martina K.'s car
//! accepted by Sabine M., and the multipart answer form.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::claim_wizard_support::report_car;
use crate::harness::{Client, Response, TestApp};
use crate::uploads_corpus::BOUNDARY;

pub async fn int(app: &TestApp, sql: &str) -> i64 {
    let (v,): (i64,) = app.db.fetch_one(Sql::new(sql)).await.unwrap();
    v
}

pub async fn text(app: &TestApp, sql: &str) -> String {
    let (v,): (String,) = app.db.fetch_one(Sql::new(sql)).await.unwrap();
    v
}

/// Posts `fields` to `path` with the form token of `page`.
pub async fn post_on(
    client: &mut Client<'_>,
    page: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> Response {
    let token = client.get(page).await.hidden("_csrf");
    let mut form = vec![("_csrf", token.as_str())];
    form.extend_from_slice(fields);
    client.post(path, &form).await
}

/// A report Martina K. sent; its id and reference.
pub async fn sent_report(app: &TestApp, martina: &mut Client<'_>) -> (i64, String) {
    let id = report_car(app, martina, "glass", "").await;
    let reference = text(
        app,
        &format!("SELECT reference FROM claim_reports WHERE id = {id}"),
    )
    .await;
    (id, reference)
}

/// Sabine M. accepts report `id` under `number`; the claim's id.
pub async fn accept(sabine: &mut Client<'_>, id: i64, number: &str) -> i64 {
    let page = format!("/staff/claim-reports/{id}");
    let r = post_on(
        sabine,
        &page,
        &format!("{page}/accept"),
        &[
            ("broker_claim_number", number),
            ("insurer_claim_number", ""),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().trim_start_matches("/claims/").parse().unwrap()
}

/// The answer form: a text and optionally one file.
pub fn answer_form(csrf: &str, text: &str, file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{text}\r\n"
    )
    .into_bytes();
    let (name, bytes) = file.unwrap_or(("", b""));
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// The active portal users of Martina K.'s own customer, sorted: who hears
/// of her claim.
pub async fn customer_users(app: &TestApp) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .db
        .fetch_all(Sql::new(
            "SELECT email FROM portal_users WHERE status = 'active' AND customer_id = \
             (SELECT customer_id FROM portal_users WHERE email = 'martina.keller@example.de') \
             ORDER BY email",
        ))
        .await
        .unwrap();
    rows.into_iter().map(|(e,)| e).collect()
}

/// The sorted recipients of `mails`.
pub fn recipients(mails: &[crate::mail_support::Mail]) -> Vec<String> {
    let mut to: Vec<String> = mails.iter().map(|m| m.to.clone()).collect();
    to.sort();
    to
}
