//! Signing in with a passkey over HTTP with the software authenticator:
//! as the second factor after the password, and without a password on
//! `/login` (through the consent gate); refused: another origin or rpId,
//! a replayed ceremony, a forged signature, no user verification, a
//! counter gone backwards, an unknown key; the throttle answers 429. On
//! SQLite and PostgreSQL.

use axum::http::StatusCode;
use kp_app::webauthn::base64url_encode;

use crate::harness::{Client, Response, TestApp, demo_login};
use crate::passkey_authenticator::{Authenticator, UP_UV};
use crate::passkeys_pages::{ORIGIN, RP, add, app, json, signed_in};

/// What the authenticator is told: (rp id, origin, flags).
pub type Tamper = (String, String, u8);

/// Answers `options` with `a` (after `tamper`), posted to `to`.
async fn answer(
    c: &mut Client<'_>,
    csrf: &str,
    to: &str,
    options: &Response,
    a: &mut Authenticator,
    tamper: impl FnOnce(&mut Tamper),
) -> Response {
    assert_eq!(options.status, StatusCode::OK, "{}", options.body);
    let started = json(options);
    let challenge = started["publicKey"]["challenge"].as_str().unwrap();
    let mut what = (RP.to_owned(), ORIGIN.to_owned(), UP_UV);
    tamper(&mut what);
    let (cd, data, sig) = a.get(&what.0, &what.1, challenge, what.2);
    let handle = a.user_handle.borrow().clone();
    let fields = [
        ("_csrf", csrf),
        ("token", started["token"].as_str().unwrap()),
        ("credential_id", &a.credential_id()),
        ("client_data_json", &base64url_encode(&cd)),
        ("authenticator_data", &base64url_encode(&data)),
        ("signature", &base64url_encode(&sig)),
        ("user_handle", &handle),
        ("next", "/contracts"),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, &**v)).collect();
    c.post(to, &fields).await
}

/// "Sign in with a passkey" on `/login`.
pub async fn passwordless(
    c: &mut Client<'_>,
    a: &mut Authenticator,
    tamper: impl FnOnce(&mut Tamper),
) -> Response {
    let page = c.get("/login").await;
    assert!(page.body.contains("data-passkey-login"), "{}", page.body);
    let csrf = page.hidden("_csrf");
    let options = c.post("/login/passkey/options", &[("_csrf", &csrf)]).await;
    answer(c, &csrf, "/login/passkey", &options, a, tamper).await
}

async fn step_options(c: &mut Client<'_>, csrf: &str) -> Response {
    c.post("/login/two-factor/passkey/options", &[("_csrf", csrf)])
        .await
}

async fn check_second_factor(app: &TestApp) {
    let m = demo_login("martina");
    let mut key = Authenticator::new(41);
    let mut stefans = Authenticator::new(42);
    add(
        &mut signed_in(app, "martina").await,
        &key,
        "Key",
        m.password,
    )
    .await;
    let s = demo_login("stefan");
    add(
        &mut signed_in(app, "stefan").await,
        &stefans,
        "Laptop",
        s.password,
    )
    .await;

    let mut c = Client::new(app);
    let r = c.login(m.email, m.password).await;
    assert!(
        r.location().starts_with("/login/two-factor"),
        "{}",
        r.location()
    );
    let page = c.get("/login/two-factor").await;
    // The template escapes the slashes of attribute values.
    assert!(
        page.body.contains("two-factor&#x2f;passkey&#x2f;options"),
        "{}",
        page.body
    );
    let csrf = page.hidden("_csrf");
    let to = "/login/two-factor/passkey";
    let o = step_options(&mut c, &csrf).await;
    let allowed = json(&o)["publicKey"]["allowCredentials"].clone();
    assert_eq!(allowed[0]["id"], key.credential_id().as_str());
    assert_eq!(json(&o)["publicKey"]["userVerification"], "preferred");
    // Stefan's passkey, another origin, another relying party: refused.
    let r = answer(&mut c, &csrf, to, &o, &mut stefans, |_| {}).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    let o = step_options(&mut c, &csrf).await;
    let r = answer(&mut c, &csrf, to, &o, &mut key, |w| {
        w.1 = "https://evil.example".into()
    })
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let o = step_options(&mut c, &csrf).await;
    let r = answer(&mut c, &csrf, to, &o, &mut key, |w| {
        w.0 = "evil.example".into()
    })
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(json(&r)["error"].is_string());
    // Still half-signed-in.
    assert_eq!(c.get("/home").await.location(), "/login/two-factor");
    let o = step_options(&mut c, &csrf).await;
    let r = answer(&mut c, &csrf, to, &o, &mut key, |_| {}).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(json(&r)["redirect"], "/contracts");
    assert_eq!(c.get("/home").await.status, StatusCode::OK);
    // The last use is kept for the list.
    let user = kp_storage::users::credentials_by_email(&app.db, m.email)
        .await
        .unwrap()
        .unwrap()
        .user;
    let listed = kp_app::passkeys::manage::list(&app.app, user)
        .await
        .unwrap();
    assert!(listed[0].last_used_at.is_some());
}

#[tokio::test]
async fn a_passkey_is_the_second_factor() {
    let (app, _) = app(false, false).await.unwrap();
    check_second_factor(&app).await;
}

#[tokio::test]
async fn a_passkey_is_the_second_factor_on_postgres() {
    let Some((app, _pg)) = app(true, false).await else {
        return;
    };
    check_second_factor(&app).await;
}

async fn check_passwordless(app: &TestApp) {
    let m = demo_login("martina");
    let mut key = Authenticator::new(51);
    add(
        &mut signed_in(app, "martina").await,
        &key,
        "Key",
        m.password,
    )
    .await;

    // Signed in without a password, straight to `next`.
    let mut c = Client::new(app);
    let r = passwordless(&mut c, &mut key, |_| {}).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(json(&r)["redirect"], "/contracts");
    assert_eq!(c.get("/home").await.status, StatusCode::OK);
    // In the sign-in history of "My account" like a password sign-in.
    assert_eq!(c.get("/account").await.status, StatusCode::OK);

    let refused = |r: &Response| assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    // A replayed answer: the ceremony is used up.
    let mut d = Client::new(app);
    let page = d.get("/login").await;
    let csrf = page.hidden("_csrf");
    let options = d.post("/login/passkey/options", &[("_csrf", &csrf)]).await;
    assert_eq!(json(&options)["publicKey"]["userVerification"], "required");
    let first = answer(&mut d, &csrf, "/login/passkey", &options, &mut key, |_| {}).await;
    assert_eq!(first.status, StatusCode::OK);
    let mut e = Client::new(app);
    let csrf = e.get("/login").await.hidden("_csrf");
    refused(&answer(&mut e, &csrf, "/login/passkey", &options, &mut key, |_| {}).await);
    assert_eq!(e.get("/home").await.status, StatusCode::SEE_OTHER);

    // A forged signature: another key claiming Martina's credential id.
    let mut forged = Authenticator::new(52);
    forged.id = key.id.clone();
    forged.count = 100;
    refused(&passwordless(&mut e, &mut forged, |_| {}).await);
    // Present but not verified (no PIN or biometrics): not both factors.
    refused(&passwordless(&mut e, &mut key, |w| w.2 = 0x01).await);
    // Another origin or relying party.
    refused(&passwordless(&mut e, &mut key, |w| w.1 = "https://evil.example".into()).await);
    // An unknown key.
    refused(&passwordless(&mut e, &mut Authenticator::new(53), |_| {}).await);
    // A counter behind the stored one: a cloned key, refused.
    let saved = key.count;
    key.count = 0;
    refused(&passwordless(&mut e, &mut key, |_| {}).await);
    key.count = saved;
    assert_eq!(e.get("/home").await.status, StatusCode::SEE_OTHER);

    // In the audit log like password sign-ins: Martina never mistyped her
    // password here, so these failures are her key's.
    let petra = demo_login("Petra");
    let mut admin = Client::new(app);
    admin.login(petra.email, petra.password).await;
    let failed = admin
        .get("/staff/audit?person=martina.keller&action=sign_in.failed")
        .await;
    assert!(
        failed.body.contains("<code>sign_in.failed</code>"),
        "{}",
        failed.body
    );

    // The consent gate: Jonas has not accepted the terms.
    let jonas = kp_demo::consent_login();
    let mut j = Client::new(app);
    let r = j.login(jonas.email, jonas.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let user = kp_storage::users::credentials_by_email(&app.db, jonas.email)
        .await
        .unwrap()
        .unwrap()
        .user;
    let mut his = Authenticator::new(54);
    let started = kp_app::passkeys::start_registration(&app.app, user)
        .await
        .unwrap();
    let (cd, att) = his.create(RP, ORIGIN, &started.challenge);
    his.user_handle.replace(kp_app::passkeys::user_handle(user));
    let rp = kp_app::passkeys::RelyingParty::of(&app.app).unwrap();
    kp_app::passkeys::finish_registration(&app.app, &rp, user, &started.token, "Phone", &cd, &att)
        .await
        .unwrap();
    let mut j = Client::new(app);
    let r = passwordless(&mut j, &mut his, |_| {}).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(j.get("/home").await.location(), "/consent");

    // The throttle: failures under Martina's account beyond the free ones
    // (eight in these tests) pause her sign-in, with a passkey too.
    let mut t = Client::from_ip(app, "203.0.113.9");
    let mut throttled = false;
    for _ in 0..10 {
        let r = passwordless(&mut t, &mut forged, |_| {}).await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            throttled = true;
            break;
        }
        refused(&r);
    }
    assert!(throttled);
    let r = passwordless(&mut t, &mut key, |_| {}).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert!(r.headers.contains_key("retry-after"));
}

#[tokio::test]
async fn a_passkey_signs_in_without_a_password() {
    let (app, _) = app(false, false).await.unwrap();
    check_passwordless(&app).await;
}

#[tokio::test]
async fn a_passkey_signs_in_without_a_password_on_postgres() {
    let Some((app, _pg)) = app(true, false).await else {
        return;
    };
    check_passwordless(&app).await;
}

/// Every passwordless ceremony stores a row before anyone is known: one
/// address gets 30 per 10 minutes, then 429 with `Retry-After` and no row.
/// The user handle a discoverable passkey reports: required without a
/// user named beforehand, and it must be the credential owner's, however
/// good the signature (WebAuthn §7.2 step 6).
async fn check_user_handle(app: &TestApp) {
    let m = demo_login("martina");
    let mut key = Authenticator::new(61);
    add(
        &mut signed_in(app, "martina").await,
        &key,
        "Key",
        m.password,
    )
    .await;
    let refused = |r: &Response| assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    let mut c = Client::new(app);
    let handle = key.user_handle.borrow().clone();
    key.user_handle.replace(String::new());
    refused(&passwordless(&mut c, &mut key, |_| {}).await);
    let another =
        kp_app::passkeys::user_handle(kp_storage::users::UserRef::Staff(kp_domain::StaffUserId(1)));
    key.user_handle.replace(another);
    refused(&passwordless(&mut c, &mut key, |_| {}).await);
    assert_eq!(c.get("/home").await.status, StatusCode::SEE_OTHER);
    key.user_handle.replace(handle);
    let r = passwordless(&mut c, &mut key, |_| {}).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn a_passkey_must_report_its_owners_user_handle() {
    let (app, _) = app(false, false).await.unwrap();
    check_user_handle(&app).await;
}

#[tokio::test]
async fn a_passkey_must_report_its_owners_user_handle_on_postgres() {
    let Some((app, _pg)) = app(true, false).await else {
        return;
    };
    check_user_handle(&app).await;
}

#[tokio::test]
async fn anonymous_passkey_ceremonies_are_limited_per_address() {
    let (app, _) = app(false, false).await.unwrap();
    let mut c = Client::new(&app);
    let page = c.get("/login").await;
    let csrf = page.hidden("_csrf");
    for i in 0..30 {
        let r = c.post("/login/passkey/options", &[("_csrf", &csrf)]).await;
        assert_eq!(r.status, StatusCode::OK, "request {i}: {}", r.body);
    }
    let r = c.post("/login/passkey/options", &[("_csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert!(r.headers.contains_key("retry-after"), "Retry-After is set");
    assert!(json(&r)["error"].as_str().is_some_and(|m| !m.is_empty()));
}
