//! The list pages (customers, objects, claims, documents, finances) and
//! their CSV downloads: the scope, hidden fields in HTML and CSV, filters,
//! paging past the end and bad filter values. Run on SQLite and, where
//! `KUNDENPORTAL_TEST_POSTGRES_URL` is set, PostgreSQL.

use axum::http::{StatusCode, header};
use kp_storage::Sql;

use crate::harness::{
    Client, Response, TestApp, demo_login, hide_fields, spawn_app, spawn_app_on_postgres,
};

pub(crate) async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    let answer = client.login(login.email, login.password).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{who} signs in");
    client
}

/// Templates escape `/` as `&#x2f;`.
pub(crate) fn html(response: &Response) -> String {
    response.body.replace("&#x2f;", "/")
}

/// The number in "N entries" above a list.
pub(crate) fn total(body: &str) -> i64 {
    let start = body.find("id=\"list-total\"").expect("a total");
    let text = &body[start..];
    let text = &text[text.find('>').unwrap() + 1..];
    text.chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

fn assert_translated(path: &str, body: &str) {
    for prefix in [
        ">list-",
        ">col-",
        ">filter-",
        ">claim-",
        ">document-",
        ">finance-",
        ">object-kind-",
        ">customer-kind-",
        ">lob-",
        ">nav-",
        ">pager-",
    ] {
        assert!(!body.contains(prefix), "{path}: untranslated {prefix}…");
    }
}

const LISTS: &[&str] = &[
    "/customers",
    "/objects",
    "/claims",
    "/documents",
    "/finances",
];

async fn every_list_pages_sorts_and_exports(app: &TestApp) {
    let mut stefan = signed_in(app, "stefan").await;
    for path in LISTS {
        let page = stefan.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        let body = html(&page);
        assert_translated(path, &body);
        let all = total(&body);
        assert!(all > 0, "{path}: the group has rows");
        // Every sortable column sorts both ways without error.
        let sorts: Vec<String> = body
            .match_indices("sort=")
            .map(|(i, _)| {
                body[i + 5..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect()
            })
            .collect();
        for sort in sorts.iter().take(10) {
            for dir in ["", "&dir=desc"] {
                let sorted = stefan.get(&format!("{path}?sort={sort}{dir}")).await;
                assert_eq!(sorted.status, StatusCode::OK, "{path} by {sort}");
                assert_eq!(
                    total(&html(&sorted)),
                    all,
                    "{path}: sorting keeps every row"
                );
            }
        }
        // Past the end: the last page, not an empty one.
        let far = stefan.get(&format!("{path}?page=99999")).await;
        assert_eq!(far.status, StatusCode::OK);
        let far = html(&far);
        assert_eq!(total(&far), all, "{path}: the total stays");
        assert!(
            !far.contains("rel=\"next\""),
            "{path}: the last page has no next"
        );
        assert!(far.contains("<tbody>"), "{path}: the last page has rows");

        let csv = stefan.get(&format!("{path}.csv")).await;
        assert_eq!(csv.status, StatusCode::OK, "{path}.csv");
        assert_eq!(
            csv.headers.get(header::CONTENT_TYPE).unwrap(),
            "text/csv; charset=utf-8"
        );
        let disposition = csv
            .headers
            .get(header::CONTENT_DISPOSITION)
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            disposition.starts_with("attachment; filename=\""),
            "{disposition}"
        );
        assert!(csv.body.starts_with('\u{feff}'), "{path}: BOM");
        let lines: Vec<&str> = csv.body.trim_end().split("\r\n").collect();
        assert!(
            lines[0].contains(';'),
            "{path}: German uses semicolons: {}",
            lines[0]
        );
        assert_eq!(lines.len() as i64 - 1, all, "{path}: one line per row");
    }
}

#[tokio::test]
async fn every_list_pages_sorts_and_exports_on_sqlite() {
    let app = spawn_app().await;
    every_list_pages_sorts_and_exports(&app).await;
}

#[tokio::test]
async fn every_list_pages_sorts_and_exports_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    every_list_pages_sorts_and_exports(&app).await;
    // Before the hidden-field check, which hides the claim amounts.
    bad_filter_values(&app).await;
    scope_and_hidden_fields(&app).await;
    drop(app);
    pg.drop_db().await;
}

/// Jens W. (Augsburg site) sees his site's objects and claims only; a
/// private customer sees no one else's; hidden fields leave page and CSV.
async fn scope_and_hidden_fields(app: &TestApp) {
    let mut stefan = signed_in(app, "stefan").await;
    let mut jens = signed_in(app, "jens").await;
    for path in ["/objects", "/claims"] {
        let all = total(&html(&stefan.get(path).await));
        let page = jens.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let site = total(&html(&page));
        assert!(site > 0 && site < all, "{path}: Jens sees {site} of {all}");
        let csv = jens.get(&format!("{path}.csv")).await;
        if csv.status == StatusCode::OK {
            assert_eq!(csv.body.trim_end().split("\r\n").count() as i64 - 1, site);
        } else {
            assert_eq!(csv.status, StatusCode::FORBIDDEN, "{path}.csv");
        }
    }
    // Every object Jens lists lies at his site.
    let (others,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT COUNT(*) FROM insured_objects WHERE site <> '' AND site NOT LIKE '%Augsburg%'",
        ))
        .await
        .unwrap();
    assert!(others > 0, "the demo has objects at other sites");
    let objects = html(&jens.get("/objects.csv").await);
    for line in objects.lines().skip(1) {
        assert!(
            !line.contains("Hamburg") && !line.contains("Lyon"),
            "{line}"
        );
    }

    // A private customer's lists hold only their own records.
    let mut martina = signed_in(app, "martina").await;
    let claims = martina.get("/claims").await;
    assert_eq!(claims.status, StatusCode::OK);
    assert!(
        !html(&claims).contains("Brenner"),
        "no group claim for a private customer"
    );
    assert_eq!(
        martina.get("/customers").await.status,
        StatusCode::NOT_FOUND
    );

    // Hide the claim amounts in Stefan's profile: gone from page and CSV,
    // and neither filter nor sort by them is possible.
    hide_fields(app, "stefan", &["claim.reserve", "claim.paid"]).await;
    let page = html(&stefan.get("/claims?sort=paid&dir=desc&paid_from=1").await);
    assert!(
        !page.contains("sort=reserve") && !page.contains("sort=paid"),
        "no hidden column"
    );
    assert!(!page.contains("paid_from"), "no filter on a hidden field");
    assert!(
        !page.contains("aria-sort") || page.contains("sort=date"),
        "default order"
    );
    let csv = stefan.get("/claims.csv").await;
    let header_line = csv.body.lines().next().unwrap().to_owned();
    for label in ["Reserve", "Zahlung"] {
        assert!(!header_line.contains(label), "{label} in {header_line}");
    }
}

#[tokio::test]
async fn scope_and_hidden_fields_on_sqlite() {
    let app = spawn_app().await;
    scope_and_hidden_fields(&app).await;
}

/// Text in a date field, an unknown status, a bad amount, a reversed
/// range: a message at the field, the rest of the list still works.
async fn bad_filter_values(app: &TestApp) {
    let mut stefan = signed_in(app, "stefan").await;
    let page = stefan
        .get("/claims?date_from=gestern&status=bogus&paid_from=12a&date_to=2020-01-01")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let body = html(&page);
    assert!(body.contains("id=\"date_from-error\""), "date message");
    assert!(body.contains("id=\"status-error\""), "status message");
    assert!(body.contains("id=\"paid_from-error\""), "amount message");
    assert!(body.contains("aria-invalid=\"true\""));
    assert!(
        body.contains("value=\"gestern\""),
        "the typed value stays in the form"
    );
    // Reversed: start after end.
    let reversed = html(
        &stefan
            .get("/finances?due_from=2026-12-01&due_to=2026-01-01")
            .await,
    );
    assert!(reversed.contains("id=\"due_to-error\""));
    // Junk in every parameter of every list: never a server error.
    for path in LISTS.iter().chain(&["/contracts"]) {
        for query in [
            "?page=-1&sort=%00&dir=up",
            "?page=abc&q=%25%5F%5C",
            "?customer=abc&insurer=-5&kind=x&type=x&context=x&new=maybe",
            "?start_from=2026-13-45&amount_from=1e9&premium_to=--",
        ] {
            let r = stefan.get(&format!("{path}{query}")).await;
            assert_eq!(r.status, StatusCode::OK, "{path}{query}");
            let r = stefan.get(&format!("{path}.csv{query}")).await;
            assert_eq!(r.status, StatusCode::OK, "{path}.csv{query}");
        }
    }
}

#[tokio::test]
async fn bad_filter_values_on_sqlite() {
    let app = spawn_app().await;
    bad_filter_values(&app).await;
}

#[tokio::test]
async fn filters_narrow_and_csv_follows_them() {
    let app = spawn_app().await;
    let mut stefan = signed_in(&app, "stefan").await;
    let all = total(&html(&stefan.get("/claims").await));
    let open = html(&stefan.get("/claims?status=reported").await);
    let reported = total(&open);
    assert!(reported < all, "a status filter narrows");
    let csv = stefan.get("/claims.csv?status=reported").await;
    assert_eq!(
        csv.body.trim_end().split("\r\n").count() as i64 - 1,
        reported
    );
    // The download link carries the filter.
    assert!(
        open.contains("/claims.csv?status=reported"),
        "export keeps the filter"
    );

    let unpaid = total(&html(&stefan.get("/finances?state=open").await));
    let paid = total(&html(&stefan.get("/finances?state=paid").await));
    assert_eq!(unpaid + paid, total(&html(&stefan.get("/finances").await)));

    // English CSV: commas; amounts with a point.
    let csrf = stefan.get("/home").await.hidden("_csrf");
    stefan
        .post(
            "/language",
            &[("lang", "en"), ("_csrf", &csrf), ("next", "/home")],
        )
        .await;
    let csv = stefan.get("/finances.csv").await;
    let first = csv
        .body
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .to_owned();
    assert!(first.contains(',') && !first.contains(';'), "{first}");
    assert!(first.starts_with("Number,"), "{first}");

    // A new document shows as new until opened (the marker is per user).
    let documents = html(&stefan.get("/documents?new=yes").await);
    let fresh = total(&documents);
    assert_eq!(
        fresh,
        total(&html(&stefan.get("/documents").await)),
        "nothing read yet"
    );
    assert!(documents.contains("class=\"badge\""));
}

#[tokio::test]
async fn a_finance_only_profile_gets_finances_and_nothing_else() {
    let app = spawn_app().await;
    let mut claire = signed_in(&app, "claire").await;
    assert_eq!(claire.get("/finances").await.status, StatusCode::OK);
    for path in [
        "/objects",
        "/claims",
        "/contracts",
        "/objects.csv",
        "/claims.csv",
    ] {
        assert_eq!(
            claire.get(path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let home = html(&claire.get("/home").await);
    assert!(home.contains("href=\"/finances\""));
    assert!(!home.contains("href=\"/claims\""));
}
