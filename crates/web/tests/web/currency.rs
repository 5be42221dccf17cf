//! Profile currency (B9): converted amounts on the contract page and the
//! finance list (and its CSV) for organization users whose setting is on,
//! a missing rate said in words, and the staff page maintaining the rates.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use kp_domain::{Language, RateTable};
use kp_storage::Sql;
use tower::ServiceExt;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    let response = client.login(login.email, login.password).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "login of {who}");
    client
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let (n,): (i64,) = app.db.fetch_one(Sql::new(sql)).await.unwrap();
    n
}

async fn rate_count(app: &TestApp) -> i64 {
    count(app, "SELECT COUNT(*) FROM exchange_rates").await
}

/// A CHF contract of the Swiss subsidiary: id and gross premium.
async fn swiss_contract(app: &TestApp) -> (i64, i64) {
    app.db
        .fetch_one(Sql::new(
            "SELECT k.id, k.premium_gross_minor FROM contracts k \
             JOIN customers cu ON cu.id = k.customer_id \
             WHERE k.currency = 'CHF' AND cu.organization_id IS NOT NULL ORDER BY k.id LIMIT 1",
        ))
        .await
        .unwrap()
}

/// The gross premium in EUR as the page must print it, from the rates in
/// the database.
async fn expected_eur(app: &TestApp, chf_minor: i64) -> (String, String) {
    let rows: Vec<(String, i64, chrono::NaiveDate)> = app
        .db
        .fetch_all(Sql::new(
            "SELECT currency, rate_e8, valid_from FROM exchange_rates",
        ))
        .await
        .unwrap();
    let mut table = RateTable::new();
    for (c, r, d) in rows {
        table.insert(&c, d, r);
    }
    let today = chrono::Utc::now().date_naive();
    let converted = table.convert(chf_minor, "CHF", "EUR", today).unwrap();
    let amount = kp_web::format::money(Language::De, converted.minor, "EUR");
    let date = kp_web::format::date(Language::De, &converted.rate_date.unwrap().to_string());
    (amount, date)
}

async fn converts_for_organization_users_only(app: &TestApp) {
    let (id, gross) = swiss_contract(app).await;
    let (amount, date) = expected_eur(app, gross).await;
    let mut stefan = signed_in(app, "stefan").await;
    let page = stefan.get(&format!("/contracts/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = page.body.replace("&#x2f;", "/");
    let expected = format!("≈ {amount}, Kurs vom {date}");
    assert!(body.contains(&expected), "{expected} missing in the page");
    assert!(body.contains(&kp_web::format::money(Language::De, gross, "CHF")));

    // The finance list of the Swiss company converts too, and its CSV has
    // the two extra columns.
    let (customer,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT id FROM customers WHERE company_name = 'Brenner Suisse AG'",
        ))
        .await
        .unwrap();
    let list = stefan.get(&format!("/finances?customer={customer}")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(&format!("Kurs vom {date}")));
    let csv = stefan
        .get(&format!("/finances.csv?customer={customer}"))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let header = csv.body.lines().next().unwrap();
    assert!(
        header.ends_with("Betrag in Profilwährung;Kurs vom"),
        "{header}"
    );
    assert!(
        csv.body
            .lines()
            .nth(1)
            .unwrap()
            .ends_with(&format!(";{date}"))
    );

    // A CHF claim's reserve and paid amounts convert too.
    let (claim,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT c.id FROM claims c JOIN contracts k ON k.id = c.contract_id \
             WHERE c.currency = 'CHF' AND k.currency = 'CHF' ORDER BY c.id LIMIT 1",
        ))
        .await
        .unwrap();
    let page = stefan.get(&format!("/claims/{claim}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("Kurs vom {date}")));

    // Without a rate: said in words, no number.
    app.db
        .execute(Sql::new(
            "DELETE FROM exchange_rates WHERE currency = 'CHF'",
        ))
        .await
        .unwrap();
    let page = stefan.get(&format!("/contracts/{id}")).await;
    let at = page.body.find("class=\"converted\"").unwrap_or(0);
    assert!(
        page.body.contains("Kurs CHF → EUR fehlt"),
        "{}",
        &page.body[at..(at + 400).min(page.body.len())]
    );
    assert!(!page.body.contains("Kurs vom"));
    assert!(!page.body.contains("≈"));
    let csv = stefan
        .get(&format!("/finances.csv?customer={customer}"))
        .await;
    assert!(csv.body.contains("Kurs CHF → EUR fehlt"));

    // A private customer never gets a conversion, even of a CHF contract.
    let login = demo_login("private customer");
    let (martinas,): (i64,) = app
        .db
        .fetch_one(
            Sql::new(
                "SELECT k.id FROM contracts k JOIN portal_users pu ON pu.customer_id = k.customer_id \
                 WHERE pu.email = $1 ORDER BY k.id LIMIT 1",
            )
            .arg(login.email),
        )
        .await
        .unwrap();
    app.db
        .execute(Sql::new("UPDATE contracts SET currency = 'USD' WHERE id = $1").arg(martinas))
        .await
        .unwrap();
    let mut martina = signed_in(app, "private customer").await;
    let page = martina.get(&format!("/contracts/{martinas}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("USD"));
    assert!(!page.body.contains("class=\"converted\""));

    // With the organization's setting off, nothing is converted either.
    app.db
        .execute(Sql::new(
            "DELETE FROM settings WHERE key = 'profile_currency.enabled'",
        ))
        .await
        .unwrap();
    let page = stefan.get(&format!("/contracts/{id}")).await;
    assert!(!page.body.contains("class=\"converted\""));
}

#[tokio::test]
async fn converted_amounts_show_the_rate_date_or_say_the_rate_is_missing() {
    let app = spawn_app().await;
    converts_for_organization_users_only(&app).await;
}

#[tokio::test]
async fn converted_amounts_show_the_rate_date_or_say_the_rate_is_missing_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    converts_for_organization_users_only(&app).await;
    drop(app);
    pg.drop_db().await;
}

/// Posts a file as `multipart/form-data`, as a browser would.
async fn upload(client: &Client<'_>, csrf: &str, file: &str) -> (StatusCode, String) {
    let boundary = "----kpTestBoundary7MA4YWxk";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rates.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    let cookie = client
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::builder()
        .method(Method::POST)
        .uri("/settings/rates/upload")
        .header(header::ACCEPT_LANGUAGE, "de-DE")
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .extension(ConnectInfo(client.peer))
        .body(Body::from(body))
        .unwrap();
    let response = client.app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn staff_maintain_rates(app: &TestApp) {
    // Portal users do not learn the page exists; other staff are refused.
    let mut stefan = signed_in(app, "stefan").await;
    assert_eq!(
        stefan.get("/settings/rates").await.status,
        StatusCode::NOT_FOUND
    );
    let mut sabine = signed_in(app, "claims clerk").await;
    assert_eq!(
        sabine.get("/settings/rates").await.status,
        StatusCode::FORBIDDEN
    );
    let page = sabine.get("/home").await;
    let csrf = page.hidden("_csrf");
    let refused = sabine
        .post(
            "/settings/rates",
            &[
                ("currency", "CHF"),
                ("rate", "0,9"),
                ("valid_from", "2026-12-01"),
                ("_csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let mut petra = signed_in(app, "portal administrator").await;
    let page = petra.get("/settings/rates").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"rates-table\""));
    assert!(page.body.contains("0,9305"), "the latest CHF rate");
    let csrf = page.hidden("_csrf");
    let before = rate_count(app).await;

    // Bad input: field messages, 422, nothing written.
    let bad = petra
        .post(
            "/settings/rates",
            &[
                ("currency", "XYZ"),
                ("rate", "-1,5"),
                ("valid_from", "31.02.2026"),
                ("_csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("id=\"currency-error\""));
    assert!(bad.body.contains("id=\"rate-error\""));
    assert!(bad.body.contains("id=\"valid_from-error\""));
    assert!(bad.body.contains("Unbekannte Währung"));
    assert_eq!(rate_count(app).await, before);

    // A good rate is written, with a decimal comma.
    let good = petra
        .post(
            "/settings/rates",
            &[
                ("currency", "GBP"),
                ("rate", "0,8512"),
                ("valid_from", "2026-12-01"),
                ("_csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    assert_eq!(rate_count(app).await, before + 1);
    assert_eq!(
        count(
            app,
            "SELECT rate_e8 FROM exchange_rates WHERE currency = 'GBP' AND valid_from = '2026-12-01'"
        )
        .await,
        85_120_000
    );

    // A file with one bad line: 422 naming the line, nothing written.
    let file =
        "\u{feff}currency;rate;valid_from\r\nCHF;0,9401;2026-12-01\r\nUSD;eins;2026-12-01\r\n";
    let (status, body) = upload(&petra, &csrf, file).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Zeile 3"), "{body}");
    assert_eq!(rate_count(app).await, before + 1);

    // A good file (comma separated, decimal point) is upserted, twice
    // without a difference; an existing date gets the new rate.
    let file = "CHF,0.9401,2026-12-01\nUSD,1.0795,2026-12-01\nGBP,0.8533,2026-12-01\n";
    let (status, body) = upload(&petra, &csrf, file).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(rate_count(app).await, before + 3);
    let (status, _) = upload(&petra, &csrf, file).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(rate_count(app).await, before + 3);
    assert_eq!(
        count(
            app,
            "SELECT rate_e8 FROM exchange_rates WHERE currency = 'GBP' AND valid_from = '2026-12-01'"
        )
        .await,
        85_330_000
    );

    // Without the form token nothing is written.
    let (status, _) = upload(&petra, "forged", "CHF;1;2027-01-01\n").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(rate_count(app).await, before + 3);
}

#[tokio::test]
async fn staff_administrators_maintain_rates_by_form_and_file() {
    let app = spawn_app().await;
    staff_maintain_rates(&app).await;
}

#[tokio::test]
async fn staff_administrators_maintain_rates_by_form_and_file_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    staff_maintain_rates(&app).await;
    drop(app);
    pg.drop_db().await;
}
