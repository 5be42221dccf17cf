//! The claim, object and customer pages and the contract page's additions:
//! their facts, the scope (a record outside it is exactly the 404 of one
//! that does not exist), hidden fields left out, on SQLite and PostgreSQL.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, demo_login, hide_fields, spawn_app, spawn_app_on_postgres};

pub(crate) const JENS: &str = "jens.wagner@brenner-gruppe.example.de";

pub(crate) async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    client.login(login.email, login.password).await;
    client
}

pub(crate) async fn id(app: &TestApp, sql: &str) -> i64 {
    let (id,): (i64,) = app
        .db
        .fetch_one(Sql::new(sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    id
}

/// The body as a browser shows it: `/` unescaped.
pub(crate) fn text(body: &str) -> String {
    body.replace("&#x2f;", "/")
}

/// Fails when a message key reached the page untranslated.
pub(crate) fn assert_translated(body: &str) {
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
pub(crate) async fn assert_plain_404(client: &mut Client<'_>, path: &str, missing: &str) {
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

pub(crate) const JENS_OBJECTS: &str = "SELECT s.object_id FROM portal_user_scope_objects s \
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
    hide_fields(app, "stefan", &["claim.reserve", "claim.paid"]).await;
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

    hide_fields(app, "stefan", &["object.value"]).await;
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
    hide_fields(app, "stefan", &["customer.bank"]).await;
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
