//! The claim, object and customer pages and the contract page's additions:
//! their facts, the scope (a record outside it is exactly the 404 of one
//! that does not exist), hidden fields left out, on SQLite and PostgreSQL.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

const JENS: &str = "jens.wagner@brenner-gruppe.example.de";

async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    client.login(login.email, login.password).await;
    client
}

async fn id(app: &TestApp, sql: &str) -> i64 {
    let (id,): (i64,) = app
        .db
        .fetch_one(Sql::new(sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    id
}

/// The body as a browser shows it: `/` unescaped.
fn text(body: &str) -> String {
    body.replace("&#x2f;", "/")
}

/// Fails when a message key reached the page untranslated.
fn assert_translated(body: &str) {
    for prefix in [
        ">details-",
        ">claim-",
        ">object-",
        ">customer-",
        ">contract-",
        ">col-",
        ">field-",
        ">lob-",
        "\"details-",
    ] {
        assert!(!body.contains(prefix), "untranslated {prefix}… in the page");
    }
}

/// `path` answers exactly the 404 page of a record that does not exist.
async fn assert_plain_404(client: &mut Client<'_>, path: &str, missing: &str) {
    let plain = |path: &str, body: &str| {
        text(body)
            .replace(path, "{path}")
            .lines()
            .filter(|l| !l.contains("request-id") && !l.contains("_csrf"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let foreign = client.get(path).await;
    let nothing = client.get(missing).await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND, "{path}");
    assert_eq!(nothing.status, StatusCode::NOT_FOUND, "{missing}");
    assert_eq!(
        plain(path, &foreign.body),
        plain(missing, &nothing.body),
        "{path}"
    );
}

/// Hides fields in the group's full-access profile (Dr. Stefan B.'s).
async fn hide_fields(app: &TestApp, fields: &[&str]) {
    let list = serde_json::to_string(fields).unwrap();
    app.db
        .execute(
            Sql::new(
                "UPDATE permission_profiles SET hidden_fields = $1 WHERE name = 'Vollzugriff'",
            )
            .arg(list),
        )
        .await
        .unwrap();
}

const JENS_OBJECTS: &str = "SELECT s.object_id FROM portal_user_scope_objects s \
     JOIN portal_users u ON u.id = s.portal_user_id \
     WHERE u.email = 'jens.wagner@brenner-gruppe.example.de'";

async fn claim_page(app: &TestApp) {
    // The machine breakdown in Augsburg: Jens W.'s site.
    let mine = id(
        app,
        &format!(
            "SELECT c.id FROM claims c WHERE c.reserve_minor > 0 AND c.object_id IN ({JENS_OBJECTS}) \
             AND EXISTS (SELECT 1 FROM claim_status_history h WHERE h.claim_id = c.id) \
             ORDER BY c.id LIMIT 1"
        ),
    )
    .await;
    let other_site = id(
        app,
        &format!(
            "SELECT c.id FROM claims c JOIN contracts k ON k.id = c.contract_id \
             JOIN customers cu ON cu.id = k.customer_id WHERE cu.organization_id IS NOT NULL \
             AND (c.object_id IS NULL OR c.object_id NOT IN ({JENS_OBJECTS})) ORDER BY c.id LIMIT 1"
        ),
    )
    .await;
    let (number, external, object): (String, String, i64) = app
        .db
        .fetch_one(
            Sql::new(
                "SELECT broker_claim_number, external_id, object_id FROM claims WHERE id = $1",
            )
            .arg(mine),
        )
        .await
        .unwrap();

    let mut jens = signed_in(app, JENS).await;
    let page = jens.get(&format!("/claims/{mine}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = text(&page.body);
    assert_translated(&body);
    assert!(body.contains(&number));
    assert!(body.contains("<ol class=\"timeline\""), "status timeline");
    assert!(body.contains(&format!("href=\"/objects/{object}\"")));
    assert!(body.contains("href=\"/contracts/"));
    assert!(body.contains("Reserve"), "the reserve is shown");
    assert!(
        !body.contains(&external),
        "back-office id shown to a customer"
    );
    assert_plain_404(
        &mut jens,
        &format!("/claims/{other_site}"),
        "/claims/999999999",
    )
    .await;
    assert_eq!(jens.get("/claims/abc").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        jens.get("/claims/99999999999999999999").await.status,
        StatusCode::NOT_FOUND
    );

    let mut martina = signed_in(app, "martina").await;
    assert_plain_404(
        &mut martina,
        &format!("/claims/{mine}"),
        "/claims/999999999",
    )
    .await;

    // Staff see the back-office fields.
    let mut petra = signed_in(app, "petra").await;
    let staff = petra.get(&format!("/claims/{mine}")).await;
    assert_eq!(staff.status, StatusCode::OK);
    assert!(staff.body.contains(&external));

    // Hidden amounts are not in the page at all.
    let mut stefan = signed_in(app, "stefan").await;
    let shown = stefan.get(&format!("/claims/{mine}")).await.body;
    assert!(shown.contains(">Reserve<") && shown.contains(">Gezahlt<"));
    hide_fields(app, &["claim.reserve", "claim.paid"]).await;
    let hidden = stefan.get(&format!("/claims/{mine}")).await.body;
    assert!(!hidden.contains(">Reserve<") && !hidden.contains(">Gezahlt<"));
    assert!(!hidden.contains("\u{a0}EUR"), "an amount in the page");
}

#[tokio::test]
async fn the_claim_page_within_the_scope() {
    claim_page(&spawn_app().await).await;
}

#[tokio::test]
async fn the_claim_page_within_the_scope_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    claim_page(&app).await;
    drop(app);
    pg.drop_db().await;
}

async fn object_page(app: &TestApp) {
    let machine = id(
        app,
        &format!(
            "SELECT o.id FROM insured_objects o WHERE o.kind = 'machine' AND o.manufacturer <> '' \
             AND o.id IN ({JENS_OBJECTS}) ORDER BY o.id LIMIT 1"
        ),
    )
    .await;
    let other_site = id(
        app,
        &format!(
            "SELECT o.id FROM insured_objects o JOIN contracts k ON k.id = o.contract_id \
             JOIN customers cu ON cu.id = k.customer_id WHERE cu.organization_id IS NOT NULL \
             AND o.id NOT IN ({JENS_OBJECTS}) ORDER BY o.id LIMIT 1"
        ),
    )
    .await;
    let (make, model): (String, String) = app
        .db
        .fetch_one(
            Sql::new("SELECT manufacturer, model FROM insured_objects WHERE id = $1").arg(machine),
        )
        .await
        .unwrap();
    let mut jens = signed_in(app, JENS).await;
    let page = jens.get(&format!("/objects/{machine}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = text(&page.body);
    assert_translated(&body);
    assert!(body.contains(&make) && body.contains(&model), "{body}");
    assert!(body.contains(">Hersteller<"), "machine facts");
    assert!(body.contains(">Versicherungswert<"));
    assert_plain_404(
        &mut jens,
        &format!("/objects/{other_site}"),
        "/objects/999999999",
    )
    .await;
    assert_eq!(jens.get("/objects/-1").await.status, StatusCode::NOT_FOUND);
    assert_eq!(jens.get("/objects/1x").await.status, StatusCode::NOT_FOUND);

    // A vehicle shows plate and VIN.
    let (vehicle, plate, vin): (i64, String, String) = app
        .db
        .fetch_one(Sql::new(
            "SELECT o.id, o.plate, o.vin FROM insured_objects o JOIN contracts k ON k.id = o.contract_id \
             JOIN customers cu ON cu.id = k.customer_id WHERE cu.organization_id IS NOT NULL \
             AND o.kind = 'vehicle' AND o.vin <> '' ORDER BY o.id LIMIT 1",
        ))
        .await
        .unwrap();
    let mut stefan = signed_in(app, "stefan").await;
    let car = stefan.get(&format!("/objects/{vehicle}")).await;
    assert_eq!(car.status, StatusCode::OK);
    assert!(car.body.contains(&plate) && car.body.contains(&vin));

    let mut martina = signed_in(app, "martina").await;
    assert_plain_404(
        &mut martina,
        &format!("/objects/{vehicle}"),
        "/objects/999999999",
    )
    .await;

    hide_fields(app, &["object.value"]).await;
    let hidden = stefan.get(&format!("/objects/{vehicle}")).await.body;
    assert!(!hidden.contains(">Versicherungswert<"));
    assert!(!hidden.contains("\u{a0}EUR"), "an amount in the page");
}

#[tokio::test]
async fn the_object_page_within_the_scope() {
    object_page(&spawn_app().await).await;
}

#[tokio::test]
async fn the_object_page_within_the_scope_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    object_page(&app).await;
    drop(app);
    pg.drop_db().await;
}

async fn customer_page(app: &TestApp) {
    let martina_customer = id(
        app,
        "SELECT customer_id FROM portal_users WHERE email = 'martina.keller@example.de'",
    )
    .await;
    let company = id(
        app,
        "SELECT id FROM customers WHERE organization_id IS NOT NULL AND iban <> '' ORDER BY id LIMIT 1",
    )
    .await;
    let (name, iban): (String, String) = app
        .db
        .fetch_one(Sql::new("SELECT display_name, iban FROM customers WHERE id = $1").arg(company))
        .await
        .unwrap();

    let mut martina = signed_in(app, "martina").await;
    let own = martina.get(&format!("/customers/{martina_customer}")).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    let body = text(&own.body);
    assert_translated(&body);
    assert!(body.contains("Martina") && body.contains("Keller"));
    assert!(body.contains("href=\"/contracts/"), "her contracts");
    assert!(body.contains(">Betreuer<"), "her account manager");
    assert_plain_404(
        &mut martina,
        &format!("/customers/{company}"),
        "/customers/999999999",
    )
    .await;
    assert_eq!(
        martina.get("/customers/%20").await.status,
        StatusCode::NOT_FOUND
    );

    let mut stefan = signed_in(app, "stefan").await;
    let group = stefan.get(&format!("/customers/{company}")).await;
    assert_eq!(group.status, StatusCode::OK);
    assert!(text(&group.body).contains(&name));
    assert!(group.body.contains(&iban), "bank data shown");
    assert_plain_404(
        &mut stefan,
        &format!("/customers/{martina_customer}"),
        "/customers/999999999",
    )
    .await;
    hide_fields(app, &["customer.bank"]).await;
    let hidden = stefan.get(&format!("/customers/{company}")).await;
    assert!(!hidden.body.contains(&iban) && !hidden.body.contains(">IBAN<"));
}

#[tokio::test]
async fn the_customer_page_within_the_scope() {
    customer_page(&spawn_app().await).await;
}

#[tokio::test]
async fn the_customer_page_within_the_scope_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    customer_page(&app).await;
    drop(app);
    pg.drop_db().await;
}

async fn contract_page(app: &TestApp) {
    // A group contract with finance items and documents of its own.
    let contract = id(
        app,
        "SELECT k.id FROM contracts k JOIN customers cu ON cu.id = k.customer_id \
         WHERE cu.organization_id IS NOT NULL \
         AND EXISTS (SELECT 1 FROM finance_items f WHERE f.contract_id = k.id) \
         AND EXISTS (SELECT 1 FROM documents d WHERE d.contract_id = k.id AND d.object_id IS NULL \
                     AND d.claim_id IS NULL AND d.message_id IS NULL) \
         AND EXISTS (SELECT 1 FROM claims c WHERE c.contract_id = k.id) ORDER BY k.id LIMIT 1",
    )
    .await;
    let (holder, number): (i64, String) = app
        .db
        .fetch_one(
            Sql::new(
                "SELECT k.customer_id, f.number FROM contracts k JOIN finance_items f \
                 ON f.contract_id = k.id WHERE k.id = $1 ORDER BY f.id LIMIT 1",
            )
            .arg(contract),
        )
        .await
        .unwrap();
    let martina_customer = id(
        app,
        "SELECT customer_id FROM portal_users WHERE email = 'martina.keller@example.de'",
    )
    .await;
    // Martina K. co-insured on a group contract: she sees the contract,
    // but not the group company's own page.
    app.db
        .execute(
            Sql::new("INSERT INTO contract_co_insured (contract_id, customer_id) VALUES ($1, $2)")
                .arg(contract)
                .arg(martina_customer),
        )
        .await
        .unwrap();

    let mut stefan = signed_in(app, "stefan").await;
    let page = stefan.get(&format!("/contracts/{contract}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = text(&page.body);
    assert_translated(&body);
    assert!(body.contains(&format!("href=\"/customers/{holder}\"")));
    assert!(body.contains("href=\"/claims/"));
    assert!(body.contains(&number), "finance item {number}");
    assert!(
        body.contains("/preview\"") && body.contains("/file\""),
        "documents"
    );
    assert!(body.contains(">Mitversicherungsnehmer<"));
    assert!(body.contains("Keller"), "the co-insured customer by name");
    assert!(
        !body.contains(&format!("href=\"/customers/{martina_customer}\"")),
        "a link to a customer outside the group"
    );

    let mut martina = signed_in(app, "martina").await;
    let co = text(&martina.get(&format!("/contracts/{contract}")).await.body);
    assert!(co.contains(&format!("href=\"/customers/{martina_customer}\"")));
    assert!(!co.contains(&format!("href=\"/customers/{holder}\"")));
    assert_plain_404(
        &mut martina,
        &format!("/customers/{holder}"),
        "/customers/999999999",
    )
    .await;

    // The site profile has no Finances area: no finance items.
    let mut jens = signed_in(app, JENS).await;
    let site = id(
        app,
        &format!(
            "SELECT o.contract_id FROM insured_objects o WHERE o.id IN ({JENS_OBJECTS}) \
             AND EXISTS (SELECT 1 FROM finance_items f WHERE f.contract_id = o.contract_id) \
             ORDER BY o.id LIMIT 1"
        ),
    )
    .await;
    let narrow = jens.get(&format!("/contracts/{site}")).await;
    assert_eq!(narrow.status, StatusCode::OK);
    assert!(!narrow.body.contains(">Rechnungen und Zahlungen<"));
}

#[tokio::test]
async fn the_contract_page_links_everything_it_has() {
    contract_page(&spawn_app().await).await;
}

#[tokio::test]
async fn the_contract_page_links_everything_it_has_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    contract_page(&app).await;
    drop(app);
    pg.drop_db().await;
}

/// The detail pages in `bench/pages.txt` name fixed ids of the small set,
/// which the large set (measured) contains unchanged: they must answer.
#[tokio::test]
async fn the_benchmarked_detail_pages_exist() {
    let app = spawn_app().await;
    let pages = include_str!("../../../../bench/pages.txt");
    let mut checked = 0;
    for line in pages.lines().filter(|l| !l.starts_with('#')) {
        let [_, path, login] = line.split_whitespace().collect::<Vec<_>>()[..] else {
            continue;
        };
        let detail = ["/claims/", "/objects/", "/customers/", "/contracts/"]
            .iter()
            .any(|p| {
                path.strip_prefix(p)
                    .is_some_and(|id| id.parse::<i64>().is_ok())
            });
        if !detail {
            continue;
        }
        let mut client = signed_in(&app, login).await;
        assert_eq!(client.get(path).await.status, StatusCode::OK, "{line}");
        checked += 1;
    }
    assert!(checked >= 2, "{checked} detail pages in bench/pages.txt");
}
