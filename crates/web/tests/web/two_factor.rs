//! Two-factor sign-in over HTTP: enrolment with codes computed from the
//! secret, the half-signed-in session that reaches nothing, wrong,
//! replayed and malformed codes, recovery codes, the policy, the staff
//! reset (`two_factor_policy`); on SQLite and PostgreSQL.

use axum::http::StatusCode;
use kp_app::totp_codes;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

pub const MARTINA: &str = "martina";

/// The code of the current 30 s step for a base32 secret.
pub fn code(app: &TestApp, secret: &str) -> String {
    let now = kp_app::Clock::now(app.clock.as_ref()).timestamp() as u64;
    totp_codes::code_at(&totp_codes::decode(secret).unwrap(), now).unwrap()
}

fn next_step(app: &TestApp) {
    app.clock.advance(chrono::Duration::seconds(30));
}

pub async fn sign_in(c: &mut Client<'_>, who: &str) {
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
