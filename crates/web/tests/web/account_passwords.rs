//! The password policy's setting (C2): administrators set the minimum
//! length from 8 to 1,024; other staff get 403, portal users the 404 of an
//! unknown page; a bad value is shown at its field and stores nothing.

use axum::http::StatusCode;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

pub(crate) async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    let r = client.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{who} signs in");
    client
}

pub(crate) async fn set_min_length(
    petra: &mut Client<'_>,
    value: &str,
) -> crate::harness::Response {
    let token = petra.get("/settings/passwords").await.hidden("_csrf");
    petra
        .post(
            "/settings/passwords",
            &[("_csrf", &token), ("min_length", value)],
        )
        .await
}

async fn check_the_minimum_length_setting(app: &TestApp) {
    assert_eq!(kp_app::passwords::min_length(&app.app).await.unwrap(), 12);
    let mut petra = signed_in(app, "petra").await;
    let page = petra.get("/settings/passwords").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("name=\"min_length\" type=\"number\" min=\"8\" max=\"1024\" value=\"12\"")
    );
    assert!(
        petra
            .get("/settings")
            .await
            .body
            .contains("href=\"/settings/passwords\"")
    );

    for bad in ["7", "0", "-3", "1025", "zwölf", ""] {
        let r = set_min_length(&mut petra, bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(r.body.contains("id=\"min_length-error\""), "{bad}");
        assert!(r.body.contains("ganze Zahl von 8 bis 1.024"), "{bad}");
        assert!(
            r.body.contains(&format!("value=\"{bad}\"")),
            "keeps what was typed"
        );
        assert_eq!(kp_app::passwords::min_length(&app.app).await.unwrap(), 12);
    }
    let r = set_min_length(&mut petra, "8").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/settings/passwords?saved=1");
    assert_eq!(kp_app::passwords::min_length(&app.app).await.unwrap(), 8);
    let r = set_min_length(&mut petra, " 16 ").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(kp_app::passwords::min_length(&app.app).await.unwrap(), 16);

    // Without the form token nothing changes.
    let r = petra
        .post(
            "/settings/passwords",
            &[("_csrf", "forged"), ("min_length", "9")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(kp_app::passwords::min_length(&app.app).await.unwrap(), 16);

    let mut sabine = signed_in(app, "sabine").await;
    assert_eq!(
        sabine.get("/settings/passwords").await.status,
        StatusCode::FORBIDDEN
    );
    let token = sabine.get("/home").await.hidden("_csrf");
    let r = sabine
        .post(
            "/settings/passwords",
            &[("_csrf", &token), ("min_length", "9")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut martina = signed_in(app, "martina").await;
    assert_eq!(
        martina.get("/settings/passwords").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(kp_app::passwords::min_length(&app.app).await.unwrap(), 16);
}

#[tokio::test]
async fn the_minimum_length_setting() {
    let app = spawn_app().await;
    check_the_minimum_length_setting(&app).await;
}

#[tokio::test]
async fn the_minimum_length_setting_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_the_minimum_length_setting(&app).await;
    drop(app);
    pg.drop_db().await;
}
