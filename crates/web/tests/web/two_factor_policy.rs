//! The two-factor policy over HTTP: who must enrol is led to it and can
//! do nothing else, administrators always; the staff reset of a user's
//! second factor (audited, mailed). On SQLite and PostgreSQL.

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use axum::http::StatusCode;

use crate::two_factor::{MARTINA, code, sign_in};

async fn check_policy_and_reset(app: &TestApp) {
    // The administrator requires two-factor sign-in for everyone.
    let mut admin = Client::new(app);
    sign_in(&mut admin, "petra").await;
    let csrf = admin.get("/settings/two-factor").await.hidden("_csrf");
    let bad = admin
        .post(
            "/settings/two-factor",
            &[("_csrf", &csrf), ("required", "martians")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let r = admin
        .post(
            "/settings/two-factor",
            &[("_csrf", &csrf), ("required", "everyone")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    // Martina is led to enrol and can do nothing else.
    let mut c = Client::new(app);
    let login = demo_login(MARTINA);
    let r = c.login(login.email, login.password).await;
    assert_eq!(r.location(), "/login/two-factor/enrol");
    let home = c.get("/home").await;
    assert_eq!(home.location(), "/login/two-factor/enrol");
    let page = c.get("/login/two-factor/enrol").await;
    let csrf = page.hidden("_csrf");
    let secret = page
        .body
        .split("data-secret=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let ok = c
        .post(
            "/login/two-factor/enrol",
            &[("_csrf", &csrf), ("code", &code(app, &secret))],
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(c.get("/home").await.status, StatusCode::OK);

    // Staff reset: 404 for portal users, 403 for other staff.
    let (id,): (i64,) = app
        .db
        .fetch_one(
            kp_storage::Sql::new("SELECT id FROM portal_users WHERE email = $1").arg(login.email),
        )
        .await
        .unwrap();
    let path = format!("/staff/users/{id}/reset-two-factor");
    assert_eq!(c.get(&path).await.status, StatusCode::NOT_FOUND);
    let mut clerk = Client::new(app);
    // Staff must enrol too under "everyone": the clerk is half-signed-in.
    sign_in(&mut clerk, "sabine").await;
    assert_eq!(clerk.get(&path).await.status, StatusCode::SEE_OTHER);
    let mut admin = Client::new(app);
    sign_in(&mut admin, "petra").await;
    assert_eq!(admin.get(&path).await.location(), "/login/two-factor/enrol");

    // Back to "staff": the clerk and the administrator (not required under
    // the harness's policy) get in, the clerk is refused the reset.
    let (setting_count,): (i64,) = app
        .db
        .fetch_one(kp_storage::Sql::new(
            "SELECT COUNT(*) FROM settings WHERE key = 'two_factor'",
        ))
        .await
        .unwrap();
    assert_eq!(setting_count, 1);
    app.db
        .execute(kp_storage::Sql::new(
            "UPDATE settings SET value = '{\"required\":\"nobody\"}' WHERE key = 'two_factor'",
        ))
        .await
        .unwrap();
    let mut clerk = Client::new(app);
    sign_in(&mut clerk, "sabine").await;
    assert_eq!(clerk.get(&path).await.status, StatusCode::FORBIDDEN);
    let mut admin = Client::new(app);
    sign_in(&mut admin, "petra").await;
    let page = admin.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        admin
            .get("/staff/users/99999999/reset-two-factor")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = admin.post(&path, &[("_csrf", &page.hidden("_csrf"))]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("reset-done"));

    let count = |sql: &'static str| async move {
        let (n,): (i64,) = app
            .db
            .fetch_one(kp_storage::Sql::new(sql).arg(id))
            .await
            .unwrap();
        n
    };
    assert_eq!(
        count("SELECT COUNT(*) FROM two_factor_totp WHERE portal_user_id = $1").await,
        0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM sessions WHERE portal_user_id = $1").await,
        0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM audit_entries WHERE action = 'two_factor.reset' AND target_id = $1").await,
        1
    );
    let (mails,): (i64,) = app
        .db
        .fetch_one(
            kp_storage::Sql::new("SELECT COUNT(*) FROM outbox_mails WHERE template = 'two_factor_reset' AND recipients LIKE $1")
                .arg(format!("%{}%", login.email)),
        )
        .await
        .unwrap();
    assert_eq!(mails, 1);
    // Martina's old session is gone; she signs in with the password alone.
    assert_eq!(c.get("/home").await.status, StatusCode::SEE_OTHER);
    let mut again = Client::new(app);
    sign_in(&mut again, MARTINA).await;
    assert_eq!(again.get("/home").await.status, StatusCode::OK);
}

#[tokio::test]
async fn policy_forces_enrolment_and_staff_reset() {
    let app = spawn_app().await;
    check_policy_and_reset(&app).await;
}

#[tokio::test]
async fn policy_forces_enrolment_and_staff_reset_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_policy_and_reset(&app).await;
    drop(app);
    pg.drop_db().await;
}

#[tokio::test]
async fn administrators_must_always_enrol() {
    let app = crate::harness::spawn_app_with_settings(|policy, _| {
        policy.admins_need_two_factor = true;
    })
    .await;
    let mut c = Client::new(&app);
    let login = demo_login("petra");
    let r = c.login(login.email, login.password).await;
    assert_eq!(r.location(), "/login/two-factor/enrol");
    assert_eq!(
        c.get("/settings").await.location(),
        "/login/two-factor/enrol"
    );
    // Other staff are not affected.
    let mut clerk = Client::new(&app);
    sign_in(&mut clerk, "sabine").await;
    assert_eq!(clerk.get("/home").await.status, StatusCode::OK);
}
