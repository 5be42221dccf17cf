//! What each demo user's home page counts must stay inside their scope.

use crate::harness::{Client, demo_login, spawn_app};

fn first_tile_number(body: &str) -> i64 {
    let start = body.find("tile-number\">").unwrap() + "tile-number\">".len();
    body[start..]
        .split('<')
        .next()
        .unwrap()
        .replace(['.', ',', '\u{202f}'], "")
        .parse()
        .unwrap()
}

async fn contracts_on_home(app: &crate::harness::TestApp, who: &str) -> i64 {
    let login = demo_login(who);
    let mut client = Client::new(app);
    client.login(login.email, login.password).await;
    first_tile_number(&client.get("/home").await.body)
}

#[tokio::test]
async fn narrower_scopes_see_fewer_contracts() {
    let app = spawn_app().await;
    let stefan = contracts_on_home(&app, "stefan").await;
    let jens = contracts_on_home(&app, "jens").await;
    let martina = contracts_on_home(&app, "martina").await;
    assert!(stefan > jens && jens > 0, "stefan {stefan}, jens {jens}");
    assert!(martina > 0 && martina < stefan, "martina {martina}");
}

/// A plant manager limited to 20,000 objects (more than SQLite could take
/// as bound values) signs in and gets his home page with all of them.
async fn restricted_to_twenty_thousand_objects(app: &crate::harness::TestApp) {
    use kp_storage::Sql;

    const N: i64 = 20_000;
    let (contract, org): (i64, i64) = app
        .db
        .fetch_one(Sql::new(
            "SELECT k.id, cu.organization_id FROM contracts k JOIN customers cu ON cu.id = k.customer_id \
             WHERE cu.organization_id IS NOT NULL ORDER BY k.id LIMIT 1",
        ))
        .await
        .unwrap();
    let password = "Werk-Zwanzigtausend-1";
    kp_testkit::fixtures::user_listed_to_new_objects(
        &app.db,
        contract,
        kp_domain::OrganizationId(org),
        N,
        "werk@brenner-gruppe.example.de",
        Some(kp_app::passwords::hash(password).unwrap()),
    )
    .await;

    let mut client = Client::new(app);
    client
        .login("werk@brenner-gruppe.example.de", password)
        .await;
    let home = client.get("/home").await;
    assert_eq!(home.status, axum::http::StatusCode::OK, "{}", home.body);
    assert!(
        home.body.contains(">20.000<"),
        "20,000 objects on the home page: {}",
        home.body
    );
}

#[tokio::test]
async fn a_user_restricted_to_twenty_thousand_objects_gets_home() {
    let app = spawn_app().await;
    restricted_to_twenty_thousand_objects(&app).await;
}

#[tokio::test]
async fn a_user_restricted_to_twenty_thousand_objects_gets_home_on_postgres() {
    let Some((app, pg)) = crate::harness::spawn_app_on_postgres().await else {
        return;
    };
    restricted_to_twenty_thousand_objects(&app).await;
    pg.drop_db().await;
}
