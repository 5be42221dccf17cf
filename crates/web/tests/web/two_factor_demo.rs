//! The demo's two-factor user: after `kp_demo::enrol_two_factor` she signs
//! in with her password and a code computed from the printed secret, and
//! with nothing less; on SQLite and PostgreSQL.

use axum::http::StatusCode;
use kp_app::totp_codes;

use crate::harness::{Client, TestApp, spawn_app, spawn_app_on_postgres};

fn code(app: &TestApp, secret: &str) -> String {
    let now = kp_app::Clock::now(app.clock.as_ref()).timestamp() as u64;
    totp_codes::code_at(&totp_codes::decode(secret).unwrap(), now).unwrap()
}

async fn check_demo_totp_user(app: &TestApp) {
    kp_demo::enrol_two_factor(&app.db, &app.app).await.unwrap();
    let totp = kp_demo::totp_login();
    // Not part of the password-only table the every-login journey reads.
    assert!(
        kp_demo::logins()
            .iter()
            .all(|l| l.email != totp.login.email)
    );

    let mut c = Client::new(app);
    let r = c.login(totp.login.email, totp.login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        r.location().starts_with("/login/two-factor"),
        "{}",
        r.location()
    );
    // The password alone reaches nothing.
    assert_ne!(c.get("/home").await.status, StatusCode::OK);

    let csrf = c.get("/login/two-factor").await.hidden("_csrf");
    let wrong = c
        .post("/login/two-factor", &[("_csrf", &csrf), ("code", "000000")])
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = c
        .post(
            "/login/two-factor",
            &[("_csrf", &csrf), ("code", &code(app, totp.secret))],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let home = c.get("/home").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Lena Vogt"), "{}", home.body);
}

#[tokio::test]
async fn demo_totp_user_signs_in_with_a_code_from_the_printed_secret() {
    let app = spawn_app().await;
    check_demo_totp_user(&app).await;
}

#[tokio::test]
async fn demo_totp_user_signs_in_with_a_code_from_the_printed_secret_on_postgres() {
    let Some((app, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_demo_totp_user(&app).await;
}
