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
