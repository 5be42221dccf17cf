//! Passkeys over HTTP on `/account/two-factor` with the software
//! authenticator: adding one through the JSON endpoints (re-authentication,
//! name, wrong origin and rpId, a replayed ceremony), the list, renaming
//! and removing (another user's passkey id is 404), and the enrolment the
//! policy forces, met by a passkey; on SQLite and PostgreSQL. Sign-in with
//! a passkey: `passkeys_sign_in.rs`.

use axum::http::StatusCode;
use kp_app::webauthn::base64url_encode;
use serde_json::Value;

use crate::harness::{
    Client, Response, TestApp, demo_login, spawn_app_on_postgres_with_settings,
    spawn_app_with_settings,
};
use crate::passkey_authenticator::Authenticator;
use crate::registration_support::count;

pub const RP: &str = "portal.example.de";
pub const ORIGIN: &str = "https://portal.example.de";

/// The app with its public URL at [`ORIGIN`] (the relying party), and
/// staff administrators held to two-factor sign-in when `admins_2fa`.
pub async fn app(
    postgres: bool,
    admins_2fa: bool,
) -> Option<(TestApp, Option<kp_testkit::db::TestDb>)> {
    let settings = move |p: &mut kp_app::Policy, _: &mut kp_web::WebConfig| {
        p.public_url = ORIGIN.to_owned();
        p.admins_need_two_factor = admins_2fa;
        p.login_free_failures_per_account = 8;
    };
    if postgres {
        let (app, pg) = spawn_app_on_postgres_with_settings(settings).await?;
        Some((app, Some(pg)))
    } else {
        Some((spawn_app_with_settings(settings).await, None))
    }
}

pub fn json(r: &Response) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {} {}", r.status, r.body))
}

pub async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut c = Client::new(app);
    let r = c.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    c
}

/// Starts adding a passkey on the account page; the JSON answer.
async fn options(c: &mut Client<'_>, name: &str, password: &str) -> Response {
    let csrf = c.get("/account/two-factor").await.hidden("_csrf");
    c.post(
        "/account/two-factor/passkeys/options",
        &[("_csrf", &csrf), ("name", name), ("password", password)],
    )
    .await
}

/// The browser's part of a registration: `a` answers the options of
/// `started` as the page at `origin` of relying party `rp`, posted to `to`.
pub async fn answer_creation(
    c: &mut Client<'_>,
    to: &str,
    started: &Value,
    a: &Authenticator,
    (rp, origin): (&str, &str),
    name: &str,
) -> Response {
    let challenge = started["publicKey"]["challenge"].as_str().unwrap();
    let (cd, att) = a.create(rp, origin, challenge);
    *a.user_handle.borrow_mut() = started["publicKey"]["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let csrf = c.get("/account/two-factor").await;
    let csrf = if csrf.status == StatusCode::OK {
        csrf.hidden("_csrf")
    } else {
        c.get("/login/two-factor/enrol").await.hidden("_csrf")
    };
    c.post(
        to,
        &[
            ("_csrf", &csrf),
            ("token", started["token"].as_str().unwrap()),
            ("name", name),
            ("client_data_json", &base64url_encode(&cd)),
            ("attestation_object", &base64url_encode(&att)),
        ],
    )
    .await
}

/// Adds a passkey through the account page; returns its id.
pub async fn add(c: &mut Client<'_>, a: &Authenticator, name: &str, password: &str) -> i64 {
    let started = options(c, name, password).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    let to = "/account/two-factor/passkeys";
    let r = answer_creation(c, to, &json(&started), a, (RP, ORIGIN), name).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        json(&r)["redirect"],
        "/account/two-factor?done=passkey-added"
    );
    let page = c.get("/account/two-factor").await;
    let ids = passkey_ids(&page.body);
    *ids.last().unwrap()
}

fn passkey_ids(body: &str) -> Vec<i64> {
    body.split("data-passkey=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().parse().unwrap())
        .collect()
}

async fn check_account_passkeys(app: &TestApp) {
    let m = demo_login("martina");
    let mut martina = signed_in(app, "martina").await;
    let page = martina.get("/account/two-factor").await;
    assert_eq!(page.status, StatusCode::OK);
    // Without the script the form stays hidden and the note says why.
    assert!(
        page.body.contains("data-passkeys-unsupported"),
        "{}",
        page.body
    );
    assert!(page.body.contains("data-passkey-register"));
    assert!(page.body.contains("/static/passkeys."));
    assert!(page.body.contains("id=\"passkeys-none\""));

    // Re-authentication and the name first: 422 with messages per field.
    let r = options(&mut martina, "", "wrong").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = json(&r);
    assert!(body["errors"]["password"].is_string(), "{body}");
    assert!(body["errors"]["name"].is_string(), "{body}");

    let started = json(&options(&mut martina, "Laptop", m.password).await);
    assert_eq!(started["publicKey"]["rp"]["id"], RP);
    assert_eq!(started["publicKey"]["pubKeyCredParams"][0]["alg"], -7);
    assert_eq!(started["publicKey"]["user"]["name"], m.email);
    let key = Authenticator::new(31);
    let to = "/account/two-factor/passkeys";
    // A page of another origin, or another relying party: refused.
    let evil = answer_creation(
        &mut martina,
        to,
        &started,
        &key,
        (RP, "https://evil.example"),
        "x",
    )
    .await;
    assert_eq!(
        evil.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        evil.body
    );
    assert!(json(&evil)["error"].is_string());
    let started = json(&options(&mut martina, "Laptop", m.password).await);
    let evil = answer_creation(
        &mut martina,
        to,
        &started,
        &key,
        ("evil.example", ORIGIN),
        "x",
    )
    .await;
    assert_eq!(evil.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The same ceremony once more: it is used up.
    let again = answer_creation(&mut martina, to, &started, &key, (RP, ORIGIN), "x").await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(passkey_ids(&martina.get("/account/two-factor").await.body).is_empty());

    let id = add(&mut martina, &key, "Laptop", m.password).await;
    let page = martina.get("/account/two-factor?done=passkey-added").await;
    assert!(page.body.contains("Laptop"));
    assert!(!page.body.contains("id=\"passkeys-none\""));
    // The same authenticator once more: excluded by the options, refused.
    let started = json(&options(&mut martina, "Again", m.password).await);
    let excluded = started["publicKey"]["excludeCredentials"][0]["id"].clone();
    assert_eq!(excluded, key.credential_id().as_str());
    let dup = answer_creation(&mut martina, to, &started, &key, (RP, ORIGIN), "Again").await;
    assert_eq!(dup.status, StatusCode::CONFLICT);

    // Stefan's passkey: Martina's forms reach it as a missing one.
    let s = demo_login("stefan");
    let mut stefan = signed_in(app, "stefan").await;
    let his = add(&mut stefan, &Authenticator::new(32), "Tablet", s.password).await;
    let csrf = martina.get("/account/two-factor").await.hidden("_csrf");
    let path = format!("/account/two-factor/passkeys/{his}/rename");
    let r = martina
        .post(
            &path,
            &[("_csrf", &csrf), ("name", "Mine"), ("password", m.password)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let path = format!("/account/two-factor/passkeys/{his}/remove");
    let r = martina
        .post(&path, &[("_csrf", &csrf), ("password", m.password)])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = martina
        .post(
            "/account/two-factor/passkeys/abc/remove",
            &[("_csrf", &csrf), ("password", m.password)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        stefan
            .get("/account/two-factor")
            .await
            .body
            .contains("Tablet")
    );

    // A wrong password: the message at that passkey's form, the typed name kept.
    let rename = format!("/account/two-factor/passkeys/{id}/rename");
    let r = martina
        .post(
            &rename,
            &[
                ("_csrf", &csrf),
                ("name", "Work laptop"),
                ("password", "nope"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains(&format!("id=\"password-rename-{id}-error\"")),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"Work laptop\""));
    let long = "x".repeat(101);
    let r = martina
        .post(
            &rename,
            &[("_csrf", &csrf), ("name", &long), ("password", m.password)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&format!("id=\"name-rename-{id}-error\"")));
    let r = martina
        .post(
            &rename,
            &[
                ("_csrf", &csrf),
                ("name", "Work laptop"),
                ("password", m.password),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/account/two-factor?done=passkey-renamed");
    assert!(
        martina
            .get("/account/two-factor")
            .await
            .body
            .contains("Work laptop")
    );
    // The form token is required.
    let r = martina
        .post(
            &format!("/account/two-factor/passkeys/{id}/remove"),
            &[("password", m.password)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = martina
        .post(
            &format!("/account/two-factor/passkeys/{id}/remove"),
            &[("_csrf", &csrf), ("password", m.password)],
        )
        .await;
    assert_eq!(r.location(), "/account/two-factor?done=passkey-removed");
    assert!(passkey_ids(&martina.get("/account/two-factor").await.body).is_empty());
    // Both changes are audited, the user as actor and target.
    let audited = |action: &str| {
        format!(
            "SELECT COUNT(*) FROM audit_entries WHERE action = '{action}' \
             AND actor_portal_user_id = target_id AND ip = '127.0.0.1'"
        )
    };
    assert_eq!(count(app, &audited("passkey.added")).await, 2);
    assert_eq!(count(app, &audited("passkey.removed")).await, 1);
}

#[tokio::test]
async fn passkeys_are_added_renamed_and_removed_on_the_account_page() {
    let (app, _) = app(false, false).await.unwrap();
    check_account_passkeys(&app).await;
}

#[tokio::test]
async fn passkeys_are_added_renamed_and_removed_on_the_account_page_on_postgres() {
    let Some((app, _pg)) = app(true, false).await else {
        return;
    };
    check_account_passkeys(&app).await;
}

/// An administrator who must enrol (policy) does so with a passkey and is
/// signed in; afterwards the passkey alone signs them in.
async fn check_enrolment(app: &TestApp) {
    let petra = demo_login("petra");
    let mut c = Client::new(app);
    let r = c.login(petra.email, petra.password).await;
    assert_eq!(r.location(), "/login/two-factor/enrol");
    let page = c.get("/login/two-factor/enrol").await;
    assert!(
        page.body.contains("enrol&#x2f;passkey&#x2f;options"),
        "{}",
        page.body
    );
    let csrf = page.hidden("_csrf");
    let empty = c
        .post(
            "/login/two-factor/enrol/passkey/options",
            &[("_csrf", &csrf), ("name", " ")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let started = c
        .post(
            "/login/two-factor/enrol/passkey/options",
            &[("_csrf", &csrf), ("name", "Key")],
        )
        .await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    let mut key = Authenticator::new(33);
    let to = "/login/two-factor/enrol/passkey";
    let r = answer_creation(&mut c, to, &json(&started), &key, (RP, ORIGIN), "Key").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(json(&r)["redirect"], "/home");
    assert_eq!(c.get("/home").await.status, StatusCode::OK);

    let mut fresh = Client::new(app);
    let r = crate::passkeys_sign_in::passwordless(&mut fresh, &mut key, |_| {}).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(fresh.get("/home").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_forced_enrolment_is_met_by_a_passkey() {
    let (app, _) = app(false, true).await.unwrap();
    check_enrolment(&app).await;
}

#[tokio::test]
async fn the_forced_enrolment_is_met_by_a_passkey_on_postgres() {
    let Some((app, _pg)) = app(true, true).await else {
        return;
    };
    check_enrolment(&app).await;
}
