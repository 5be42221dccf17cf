//! The contract list and a contract's page, through the scope and the
//! permission profile.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, demo_login, spawn_app};

async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    client.login(login.email, login.password).await;
    client
}

/// Fails when a message key reached the page untranslated.
fn assert_translated(body: &str) {
    for prefix in [
        ">lob-",
        ">contract-status-",
        ">contract-type-",
        ">payment-frequency-",
        ">object-kind-",
        ">claim-status-",
        ">col-",
        ">field-",
        ">contract-",
        ">contracts-",
        ">pager-",
        ">filter-",
        ">list-",
    ] {
        assert!(!body.contains(prefix), "untranslated {prefix}… in the page");
    }
}

/// The number in "N contracts" above the list.
fn total(body: &str) -> i64 {
    let start = body.find("id=\"list-total\"").unwrap();
    let text = &body[start..];
    let text = &text[text.find('>').unwrap() + 1..];
    text.chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn the_list_pages_sorts_and_searches_within_the_scope() {
    let app = spawn_app().await;
    let mut stefan = signed_in(&app, "stefan").await;
    let page = stefan.get("/contracts").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let all = total(&page.body);
    assert!(all > 25, "the group has more than a page: {all}");
    assert!(page.body.contains("rel=\"next\""));
    assert_translated(&page.body);
    assert!(
        page.body
            .replace("&#x2f;", "/")
            .contains("href=\"/contracts/")
    );
    assert!(page.body.contains("aria-sort=\"ascending\""));
    let second = stefan.get("/contracts?sort=premium&dir=desc&page=2").await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(second.body.contains("rel=\"prev\""));
    assert!(second.body.contains("aria-sort=\"descending\""));

    // A search narrows the list; LIKE wildcards are taken literally.
    let (number,): (String,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT k.policy_number FROM contracts k JOIN customers cu ON cu.id = k.customer_id \
             WHERE cu.organization_id IS NOT NULL ORDER BY k.id LIMIT 1",
        ))
        .await
        .unwrap();
    let found = stefan
        .get(&format!(
            "/contracts?q={}",
            kp_web::pages::urlencode(&number)
        ))
        .await;
    assert_eq!(total(&found.body), 1, "{number}");
    assert!(found.body.contains(&number));
    let wildcard = stefan.get("/contracts?q=%25").await;
    assert_eq!(total(&wildcard.body), 0);

    // A private customer sees only her own contracts.
    let mut martina = signed_in(&app, "martina").await;
    let mine = martina.get("/contracts").await;
    let own = total(&mine.body);
    assert!(own > 0 && own < all);
    assert!(
        !mine.body.contains(&number),
        "a group contract in Martina K.'s list"
    );
}

#[tokio::test]
async fn a_contract_page_shows_its_objects_and_claims_and_hides_others() {
    let app = spawn_app().await;
    let (id,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT k.id FROM contracts k JOIN customers cu ON cu.id = k.customer_id \
             WHERE cu.organization_id IS NOT NULL AND EXISTS (SELECT 1 FROM claims c WHERE c.contract_id = k.id) \
             ORDER BY k.id LIMIT 1",
        ))
        .await
        .unwrap();
    let mut stefan = signed_in(&app, "stefan").await;
    let page = stefan.get(&format!("/contracts/{id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<h2>"));
    assert!(page.body.contains("class=\"facts\""));
    assert_translated(&page.body);

    let mut martina = signed_in(&app, "martina").await;
    let foreign = martina.get(&format!("/contracts/{id}")).await;
    let missing = martina.get("/contracts/999999999").await;
    let junk = martina.get("/contracts/abc").await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(junk.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_finance_only_profile_has_no_contracts_area() {
    let app = spawn_app().await;
    // Templates escape `/` in attributes as `&#x2f;`.
    let menu = |body: &str| body.replace("&#x2f;", "/").contains("href=\"/contracts\"");
    let mut claire = signed_in(&app, "claire").await;
    let home = claire.get("/home").await;
    assert!(!menu(&home.body), "menu entry shown to Claire D.");
    assert_eq!(claire.get("/contracts").await.status, StatusCode::FORBIDDEN);
    let mut stefan = signed_in(&app, "stefan").await;
    assert!(menu(&stefan.get("/home").await.body));
}
