//! The staff search box: staff find customers, contracts, objects and
//! claims of their tenants by name, number and licence plate (in any
//! spelling); another tenant's clerk finds nothing of them; portal users
//! get the 404 of an unknown page.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, demo_login, spawn_app};

/// Sabine works for both tenants, Andreas for München only.
const BOTH_TENANTS: &str = "claims clerk";
const MUNICH_ONLY: &str = "clerk (München)";

async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    client.login(login.email, login.password).await;
    client
}

async fn search(client: &mut Client<'_>, text: &str) -> String {
    let page = client
        .get(&format!("/search?q={}", kp_web::pages::urlencode(text)))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{text}: {}", page.body);
    assert!(
        !page.body.contains(">search-"),
        "untranslated key in the page"
    );
    page.body.replace("&#x2f;", "/")
}

/// A record of the Hamburg tenant only, which Andreas must not find:
/// a vehicle's plate, its object, contract, claim and customer.
struct Hamburg {
    plate: String,
    object_id: i64,
    customer_id: i64,
    customer_number: String,
    policy_number: String,
    contract_id: i64,
}

async fn hamburg_vehicle(app: &TestApp) -> Hamburg {
    let (plate, object_id, customer_id, customer_number, policy_number, contract_id): (
        String,
        i64,
        i64,
        String,
        String,
        i64,
    ) = app
        .db
        .fetch_one(Sql::new(
            "SELECT o.plate, o.id, cu.id, cu.external_id, k.policy_number, k.id \
             FROM insured_objects o JOIN contracts k ON k.id = o.contract_id \
             JOIN customers cu ON cu.id = k.customer_id \
             WHERE o.plate LIKE '%-% %' AND k.tenant_id NOT IN ( \
               SELECT st.tenant_id FROM staff_user_tenants st \
               JOIN staff_users s ON s.id = st.staff_user_id WHERE s.name = 'Andreas Huber') \
             AND cu.tenant_id = k.tenant_id ORDER BY o.id LIMIT 1",
        ))
        .await
        .unwrap();
    Hamburg {
        plate,
        object_id,
        customer_id,
        customer_number,
        policy_number,
        contract_id,
    }
}

/// `M-AB 1234` as `m ab1234` and `MAB1234`.
fn spellings(plate: &str) -> Vec<String> {
    vec![
        plate.to_owned(),
        plate.replace('-', " ").to_lowercase().replacen(' ', "", 1),
        plate.replace(['-', ' '], ""),
        plate.replace(['-', ' '], "").to_lowercase(),
    ]
}

async fn finds_by_every_key(app: &TestApp) {
    let h = hamburg_vehicle(app).await;
    let customer_link = format!("href=\"/customers/{}\"", h.customer_id);
    let object_link = format!("href=\"/objects/{}\"", h.object_id);
    let contract_link = format!("href=\"/contracts/{}\"", h.contract_id);
    let mut sabine = signed_in(app, BOTH_TENANTS).await;
    let mut andreas = signed_in(app, MUNICH_ONLY).await;
    for spelling in spellings(&h.plate) {
        let body = search(&mut sabine, &spelling).await;
        assert!(body.contains(&object_link), "{spelling}: {body}");
        assert!(body.contains(&customer_link), "{spelling}");
        let body = search(&mut andreas, &spelling).await;
        assert!(!body.contains(&object_link), "{spelling}: a leak");
        assert!(!body.contains(&customer_link), "{spelling}: a leak");
    }
    let body = search(&mut sabine, &h.customer_number).await;
    assert!(body.contains(&customer_link), "{body}");
    let body = search(&mut sabine, &h.policy_number.to_lowercase()).await;
    assert!(body.contains(&contract_link), "{body}");
    assert!(body.contains(&customer_link));
    for text in [&h.customer_number, &h.policy_number] {
        let body = search(&mut andreas, text).await;
        assert!(!body.contains(&customer_link), "{text}: a leak");
        assert!(!body.contains(&contract_link), "{text}: a leak");
    }

    // Claims by the broker's and the insurer's number.
    let (claim_id, broker, insurer, claim_customer): (i64, String, String, i64) = app
        .db
        .fetch_one(
            Sql::new(
                "SELECT c.id, c.broker_claim_number, c.insurer_claim_number, k.customer_id \
                 FROM claims c JOIN contracts k ON k.id = c.contract_id \
                 JOIN customers cu ON cu.id = k.customer_id \
                 WHERE c.broker_claim_number <> '' AND c.insurer_claim_number <> '' \
                 AND k.tenant_id = (SELECT tenant_id FROM contracts WHERE id = $1) \
                 ORDER BY c.id LIMIT 1",
            )
            .arg(h.contract_id),
        )
        .await
        .unwrap();
    let claim_link = format!("href=\"/claims/{claim_id}\"");
    for number in [&broker, &insurer] {
        let body = search(&mut sabine, number).await;
        assert!(body.contains(&claim_link), "{number}: {body}");
        assert!(body.contains(&format!("href=\"/customers/{claim_customer}\"")));
        let body = search(&mut andreas, number).await;
        assert!(!body.contains(&claim_link), "{number}: a leak");
    }
}

#[tokio::test]
async fn staff_find_their_tenants_records_by_plate_number_and_name() {
    let app = spawn_app().await;
    finds_by_every_key(&app).await;
}

#[tokio::test]
async fn staff_find_their_tenants_records_on_postgres() {
    let Some((app, pg)) = crate::harness::spawn_app_on_postgres().await else {
        return;
    };
    finds_by_every_key(&app).await;
    wildcards_match_literally(&app).await;
    drop(app);
    pg.drop_db().await;
}

async fn wildcards_match_literally(app: &TestApp) {
    let h = hamburg_vehicle(app).await;
    app.db
        .execute(
            Sql::new("UPDATE customers SET display_name = $1 WHERE id = $2")
                .arg("Rabatt 50%_Spezial GmbH")
                .arg(h.customer_id),
        )
        .await
        .unwrap();
    let mut sabine = signed_in(app, BOTH_TENANTS).await;
    let customer_link = format!("href=\"/customers/{}\"", h.customer_id);
    let body = search(&mut sabine, "50%_s").await;
    assert!(body.contains(&customer_link), "{body}");
    // Unescaped, `%_` and `__` would match nearly every record.
    for text in ["0%_x", "%%", "__"] {
        let body = search(&mut sabine, text).await;
        assert!(body.contains("id=\"search-nothing\""), "{text}: {body}");
    }
}

#[tokio::test]
async fn like_wildcards_in_the_text_match_literally() {
    let app = spawn_app().await;
    wildcards_match_literally(&app).await;
}

#[tokio::test]
async fn a_short_or_empty_text_asks_for_more() {
    let app = spawn_app().await;
    let mut sabine = signed_in(&app, BOTH_TENANTS).await;
    for path in [
        "/search",
        "/search?q=",
        "/search?q=+",
        "/search?q=M",
        "/search?q=%20x%20",
    ] {
        let page = sabine.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains("id=\"search-message\""), "{path}");
        assert!(!page.body.contains("id=\"search-summary\""), "{path}");
    }
    // A long text is cut, not refused.
    let long = "x".repeat(500);
    let body = search(&mut sabine, &long).await;
    assert!(body.contains("id=\"search-nothing\""));
}

#[tokio::test]
async fn the_header_offers_the_box_to_staff_only_and_portal_users_get_404() {
    let app = spawn_app().await;
    let mut sabine = signed_in(&app, BOTH_TENANTS).await;
    let home = sabine.get("/home").await;
    assert!(home.body.contains("role=\"search\""));
    assert!(
        home.body.contains("action=\"/search\"") || home.body.contains("action=\"&#x2f;search\"")
    );
    assert!(home.body.contains("<label for=\"site-search-q\""));

    let unknown = sabine.get("/no-such-page").await;
    for who in [
        "private customer",
        "risk manager",
        "plant manager",
        "finance",
    ] {
        let mut portal = signed_in(&app, who).await;
        let home = portal.get("/home").await;
        assert_eq!(home.status, StatusCode::OK, "{who}");
        assert!(!home.body.contains("site-search-q"), "{who}");
        let page = portal.get("/search?q=Brenner").await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{who}");
        let missing = portal.get("/no-such-page").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        // The page's main part; the header differs by path (language form).
        let strip = |b: &str| {
            let main = &b[b.find("<main").unwrap()..];
            main.split("request-id")
                .next()
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(strip(&page.body), strip(&missing.body), "{who}");
    }
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    // Signed out: the login page, as for every page.
    let mut anonymous = Client::new(&app);
    let page = anonymous.get("/search?q=Brenner").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_group_with_more_rows_links_to_its_full_list() {
    let app = spawn_app().await;
    let mut petra = signed_in(&app, "portal administrator").await;
    // Every policy number of the demo has a hyphen.
    let body = search(&mut petra, "-0").await;
    assert!(body.contains("id=\"search-contracts\""), "{body}");
    assert!(body.contains("href=\"/contracts?q=-0\""), "{body}");
}
