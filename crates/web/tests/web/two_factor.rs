//! Two-factor sign-in over HTTP: enrolment with codes computed from the
//! secret, the half-signed-in session that reaches nothing, wrong,
//! replayed and malformed codes, recovery codes, the policy, the staff
//! reset; on SQLite and PostgreSQL.

use axum::http::StatusCode;
use kp_app::totp_codes;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

const MARTINA: &str = "martina";

/// The code of the current 30 s step for a base32 secret.
fn code(app: &TestApp, secret: &str) -> String {
    let now = kp_app::Clock::now(app.clock.as_ref()).timestamp() as u64;
    totp_codes::code_at(&totp_codes::decode(secret).unwrap(), now).unwrap()
}

fn next_step(app: &TestApp) {
    app.clock.advance(chrono::Duration::seconds(30));
}

async fn sign_in(c: &mut Client<'_>, who: &str) {
    let login = demo_login(who);
    let r = c.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// Enrols TOTP for the signed-in client; returns (secret, recovery codes).
async fn enrol(app: &TestApp, c: &mut Client<'_>, password: &str) -> (String, Vec<String>) {
    let page = c.get("/account/two-factor").await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = page.hidden("_csrf");
    // A wrong password: the message at the field, nothing started.
    let wrong = c
        .post(
            "/account/two-factor/totp",
            &[("_csrf", &csrf), ("password", "nope")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("password-totp-error"), "{}", wrong.body);
    let start = c
        .post(
            "/account/two-factor/totp",
            &[("_csrf", &csrf), ("password", password)],
        )
        .await;
    assert_eq!(start.status, StatusCode::OK, "{}", start.body);
    // The QR code as an SVG data URL (the template escapes its slash).
    assert!(start.body.contains("src=\"data:image&#x2f;svg+xml,%3Csvg"));
    let secret = start.body.split("data-secret=\"").nth(1).unwrap();
    let secret = secret.split('"').next().unwrap().to_owned();
    // Wrong and malformed codes: 422, still not enrolled.
    for bad in ["000000", "12ab"] {
        let r = c
            .post(
                "/account/two-factor/totp/confirm",
                &[("_csrf", &csrf), ("code", bad)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(r.body.contains("code-error"));
    }
    let ok = c
        .post(
            "/account/two-factor/totp/confirm",
            &[("_csrf", &csrf), ("code", &code(app, &secret))],
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let codes: Vec<String> = ok
        .body
        .split("<li><code>")
        .skip(1)
        .map(|s| s.split('<').next().unwrap().to_owned())
        .collect();
    assert_eq!(codes.len(), 10);
    (secret, codes)
}

/// Signs out and in with the password: the browser is half-signed-in.
async fn password_step(c: &mut Client<'_>, who: &str) {
    let csrf = c.get("/account/two-factor").await.hidden("_csrf");
    c.post("/logout", &[("_csrf", &csrf)]).await;
    let login = demo_login(who);
    let r = c.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        r.location().starts_with("/login/two-factor"),
        "{}",
        r.location()
    );
}

async fn submit_code(c: &mut Client<'_>, code: &str) -> crate::harness::Response {
    let csrf = c.get("/login/two-factor").await.hidden("_csrf");
    c.post("/login/two-factor", &[("_csrf", &csrf), ("code", code)])
        .await
}

async fn check_totp_flow(app: &TestApp) {
    let mut c = Client::new(app);
    sign_in(&mut c, MARTINA).await;
    let (secret, codes) = enrol(app, &mut c, demo_login(MARTINA).password).await;

    // The secret is stored sealed, neither in base32 nor in hex.
    let (stored,): (String,) = app
        .db
        .fetch_one(kp_storage::Sql::new(
            "SELECT secret_encrypted FROM two_factor_totp WHERE confirmed",
        ))
        .await
        .unwrap();
    let raw = totp_codes::decode(&secret).unwrap();
    assert!(!stored.contains(&secret) && !stored.to_lowercase().contains(&hex_of(&raw)));

    password_step(&mut c, MARTINA).await;
    // Half-signed-in: no page, no file, no form reaches anything.
    for path in [
        "/home",
        "/contracts",
        "/documents",
        "/contact",
        "/account/two-factor",
    ] {
        let r = c.get(path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(r.location(), "/login/two-factor", "{path}");
    }
    let csrf = c.get("/login/two-factor").await.hidden("_csrf");
    let r = c
        .post(
            "/account/two-factor/recovery-codes",
            &[("_csrf", &csrf), ("password", demo_login(MARTINA).password)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    // The code of the enrolment's step was used: replayed, it fails.
    let replay = submit_code(&mut c, &code(app, &secret)).await;
    assert_eq!(replay.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(replay.body.contains("bereits verwendet"), "{}", replay.body);
    let wrong = submit_code(&mut c, "123456").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let malformed = submit_code(&mut c, "12-34").await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(malformed.body.contains("sechs Ziffern"));

    next_step(app);
    let ok = submit_code(&mut c, &code(app, &secret)).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(ok.location(), "/home");
    assert_eq!(c.get("/home").await.status, StatusCode::OK);

    // A recovery code works once.
    password_step(&mut c, MARTINA).await;
    let r = submit_code(&mut c, &codes[0].to_uppercase()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    password_step(&mut c, MARTINA).await;
    let r = submit_code(&mut c, &codes[0]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Regenerated codes replace the old ones.
    let r = submit_code(&mut c, &codes[1]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let csrf = c.get("/account/two-factor").await.hidden("_csrf");
    let fresh = c
        .post(
            "/account/two-factor/recovery-codes",
            &[("_csrf", &csrf), ("password", demo_login(MARTINA).password)],
        )
        .await;
    assert_eq!(fresh.status, StatusCode::OK);
    let new_code = fresh
        .body
        .split("<li><code>")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    password_step(&mut c, MARTINA).await;
    assert_eq!(
        submit_code(&mut c, &codes[2]).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        submit_code(&mut c, &new_code).await.status,
        StatusCode::SEE_OTHER
    );
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn totp_enrolment_sign_in_and_recovery_codes() {
    let app = spawn_app().await;
    check_totp_flow(&app).await;
}

#[tokio::test]
async fn totp_enrolment_sign_in_and_recovery_codes_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_totp_flow(&app).await;
    drop(app);
    pg.drop_db().await;
}

#[tokio::test]
async fn wrong_codes_are_throttled_like_passwords() {
    let app = spawn_app().await;
    let mut c = Client::new(&app);
    sign_in(&mut c, MARTINA).await;
    enrol(&app, &mut c, demo_login(MARTINA).password).await;
    password_step(&mut c, MARTINA).await;
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(submit_code(&mut c, "000000").await.status);
    }
    assert!(
        statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
}

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
