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
    use kp_storage::write::{bulk, portal_users};
    use kp_storage::{Arg, Sql};

    const N: i64 = 20_000;
    let (contract, org): (i64, i64) = app
        .db
        .fetch_one(Sql::new(
            "SELECT k.id, cu.organization_id FROM contracts k JOIN customers cu ON cu.id = k.customer_id \
             WHERE cu.organization_id IS NOT NULL ORDER BY k.id LIMIT 1",
        ))
        .await
        .unwrap();
    let (first,): (i64,) = app
        .db
        .fetch_one(Sql::new("SELECT MAX(id) + 1 FROM insured_objects"))
        .await
        .unwrap();
    let now = chrono::Utc::now();
    let rows: Vec<Vec<Arg>> = (0..N)
        .map(|i| {
            vec![
                Arg::from(first + i),
                Arg::from(1_i64),
                Arg::from(contract),
                Arg::from(format!("plant-{i}")),
                Arg::from("building"),
                Arg::from("Halle"),
                Arg::from(now),
                Arg::from(now),
            ]
        })
        .collect();
    let columns = [
        "id",
        "tenant_id",
        "contract_id",
        "external_id",
        "kind",
        "description",
        "created_at",
        "updated_at",
    ];
    let mut tx = app.db.begin().await.unwrap();
    bulk::insert_rows(&mut tx, "insured_objects", &columns, &rows)
        .await
        .unwrap();
    let password = "Werk-Zwanzigtausend-1";
    let user = portal_users::insert(
        &mut tx,
        &portal_users::NewPortalUser {
            email: "werk@brenner-gruppe.example.de".to_owned(),
            name: "Werkleitung".to_owned(),
            language: kp_domain::Language::De,
            status: kp_domain::PortalUserStatus::Active,
            password_hash: Some(kp_app::passwords::hash(password).unwrap()),
            owner: portal_users::PortalUserOwner::Organization(kp_domain::OrganizationId(org)),
            permission_profile_id: None,
            scope: portal_users::ScopeRestrictions {
                objects: Some(vec![]),
                ..Default::default()
            },
            created_at: now,
        },
    )
    .await
    .unwrap();
    let listed: Vec<Vec<Arg>> = (0..N)
        .map(|i| vec![Arg::from(user.0), Arg::from(first + i)])
        .collect();
    bulk::insert_rows(
        &mut tx,
        "portal_user_scope_objects",
        &["portal_user_id", "object_id"],
        &listed,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

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
