//! "My account" (issue 8): the password change with the policy and the
//! current password, other sessions ended by it, the session list with
//! "sign out" for the user's own sessions only, and the sign-in history
//! with its failures.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::account_passwords::{set_min_length, signed_in};
use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

const FIREFOX: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";
const SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1";

async fn signed_in_with<'a>(app: &'a TestApp, who: &str, ip: &str, agent: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::from_ip(app, ip);
    client.headers.push(("user-agent".into(), agent.into()));
    let r = client.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    client
}

async fn change_password(
    client: &mut Client<'_>,
    current: &str,
    new: &str,
    repeat: &str,
) -> crate::harness::Response {
    let token = client.get("/account").await.hidden("_csrf");
    client
        .post(
            "/account/password",
            &[
                ("_csrf", &token),
                ("current_password", current),
                ("new_password", new),
                ("new_password_repeat", repeat),
            ],
        )
        .await
}

/// Session ids of a user, by the table.
async fn session_ids(app: &TestApp, email: &str) -> Vec<i64> {
    let rows: Vec<(i64,)> = app
        .db
        .fetch_all(
            Sql::new(
                "SELECT s.id FROM sessions s JOIN login_identities li \
                 ON li.portal_user_id = s.portal_user_id OR li.staff_user_id = s.staff_user_id \
                 WHERE li.email = $1 ORDER BY s.id",
            )
            .arg(email),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

async fn check_the_password_change(app: &TestApp) {
    let martina = demo_login("martina");
    let mut here = signed_in_with(app, "martina", "192.0.2.10", FIREFOX).await;
    let mut there = signed_in_with(app, "martina", "198.51.100.7", SAFARI).await;
    let mut stefan = signed_in(app, "stefan").await;
    let page = here.get("/account").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("href=\"/account\""), "header link");
    assert!(page.body.contains("Mindestens 12 Zeichen"));

    // Every rule of the policy, each with its own message; nothing changes
    // and no password is put back into the form.
    let cases = [
        ("kurz", "Das Passwort ist zu kurz"),
        ("password1234", "häufigsten Passwörtern"),
        ("martina.keller hier", "E-Mail-Adresse nicht enthalten"),
        ("der garten von keller", "Ihren Namen nicht enthalten"),
    ];
    for (new, message) in cases {
        let r = change_password(&mut here, martina.password, new, new).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{new}");
        assert!(r.body.contains(message), "{new}: {}", r.body);
        assert!(r.body.contains("id=\"new_password-error\""));
        assert!(
            !r.body.contains(&format!("value=\"{new}\"")),
            "the password is not echoed"
        );
        assert!(!r.body.contains(martina.password));
    }
    let long = "ab".repeat(513);
    let r = change_password(&mut here, martina.password, &long, &long).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("höchstens 1.024 Zeichen"));
    let r = change_password(
        &mut here,
        "falsch-falsch",
        "ein ganz neuer satz",
        "ein ganz neuer satz",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Das aktuelle Passwort ist nicht korrekt"));
    assert!(r.body.contains("id=\"current_password-error\""));
    let r = change_password(
        &mut here,
        martina.password,
        "ein ganz neuer satz",
        "ein anderer satz",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("stimmen nicht überein"));
    // Nothing changed: the other session still works, the old password too.
    assert_eq!(there.get("/home").await.status, StatusCode::OK);
    assert_eq!(session_ids(app, martina.email).await.len(), 2);

    // The minimum length follows the setting.
    let mut petra = signed_in(app, "petra").await;
    assert_eq!(
        set_min_length(&mut petra, "20").await.status,
        StatusCode::SEE_OTHER
    );
    let r = change_password(
        &mut here,
        martina.password,
        "vierzehn zeich",
        "vierzehn zeich",
    )
    .await;
    assert!(r.body.contains("Das Passwort ist zu kurz"));
    assert_eq!(
        set_min_length(&mut petra, "8").await.status,
        StatusCode::SEE_OTHER
    );

    let new = "Blaue Berge am Morgen";
    let r = change_password(&mut here, martina.password, new, new).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/account?done=password#password");
    // This session goes on, the other one is gone, other users' are not.
    assert_eq!(here.get("/home").await.status, StatusCode::OK);
    let away = there.get("/home").await;
    assert_eq!(away.status, StatusCode::SEE_OTHER);
    assert!(away.location().starts_with("/login"));
    assert_eq!(session_ids(app, martina.email).await.len(), 1);
    assert_eq!(stefan.get("/home").await.status, StatusCode::OK);
    // The owner is told, without content (A11): exactly one notice.
    let (notices,): (i64,) = app
        .db
        .fetch_one(
            kp_storage::Sql::new(
                "SELECT COUNT(*) FROM outbox_mails WHERE template = 'password_changed' \
                 AND recipients LIKE $1",
            )
            .arg(format!("%{}%", martina.email)),
        )
        .await
        .unwrap();
    assert_eq!(notices, 1);
    // The new password signs in, the old one no longer.
    let mut again = Client::new(app);
    assert_eq!(
        again.login(martina.email, martina.password).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        again.login(martina.email, new).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_password_change() {
    let app = spawn_app().await;
    check_the_password_change(&app).await;
}

#[tokio::test]
async fn the_password_change_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_the_password_change(&app).await;
    drop(app);
    pg.drop_db().await;
}

async fn check_sessions_and_history(app: &TestApp) {
    let stefan_login = demo_login("stefan");
    // A failed attempt first, from another address and browser.
    let mut wrong = Client::from_ip(app, "203.0.113.9");
    wrong.headers.push(("user-agent".into(), SAFARI.into()));
    let r = wrong.login(stefan_login.email, "nicht das passwort").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    let mut here = signed_in_with(app, "stefan", "192.0.2.10", FIREFOX).await;
    let mut there = signed_in_with(app, "stefan", "198.51.100.7", SAFARI).await;
    let mut third = signed_in_with(app, "stefan", "198.51.100.8", SAFARI).await;
    let mut jens = signed_in(app, "jens").await;

    let page = here.get("/account").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("Firefox unter Windows"), "{body}");
    assert!(body.contains("Safari unter iOS"));
    assert!(body.contains("198.51.100.7"));
    assert!(body.contains("diese Sitzung"));
    assert_eq!(
        body.matches("name=\"session\"").count(),
        3,
        "only his own three"
    );
    // The history: newest first, the failure with its address and browser.
    let history = &body[body.find("id=\"sign-ins-table\"").unwrap()..];
    assert_eq!(history.matches("Fehlgeschlagen").count(), 1);
    assert_eq!(history.matches("<td>Angemeldet</td>").count(), 3);
    assert!(history.contains("203.0.113.9"));
    assert!(history.find("198.51.100.8").unwrap() < history.find("203.0.113.9").unwrap());
    assert!(!history.contains("jens"), "no other account's attempts");
    // Staff see their own page too.
    let mut petra = signed_in(app, "petra").await;
    let staff_page = petra.get("/account").await;
    assert_eq!(staff_page.status, StatusCode::OK);
    assert!(!staff_page.body.contains("id=\"consents\""));

    // Signing out another user's session, a forged id or garbage is the 404
    // of a missing one, and ends nothing.
    let ids = session_ids(app, stefan_login.email).await;
    let jens_ids = session_ids(app, demo_login("jens").email).await;
    let token = here.get("/account").await.hidden("_csrf");
    for forged in [
        jens_ids[0].to_string(),
        "999999".into(),
        "x".into(),
        String::new(),
    ] {
        let r = here
            .post(
                "/account/sessions/end",
                &[("_csrf", &token), ("session", &forged)],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{forged}");
    }
    assert_eq!(jens.get("/home").await.status, StatusCode::OK);
    // Without the form token: 403, nothing ended.
    let r = here
        .post(
            "/account/sessions/end",
            &[("_csrf", "forged"), ("session", &ids[1].to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(session_ids(app, stefan_login.email).await, ids);

    // His own other session: ended.
    let r = here
        .post(
            "/account/sessions/end",
            &[("_csrf", &token), ("session", &ids[1].to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(there.get("/home").await.status, StatusCode::SEE_OTHER);
    assert_eq!(third.get("/home").await.status, StatusCode::OK);
    // "Everywhere else": the third ends, this one stays.
    let r = here
        .post("/account/sessions/end-others", &[("_csrf", &token)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(third.get("/home").await.status, StatusCode::SEE_OTHER);
    assert_eq!(here.get("/home").await.status, StatusCode::OK);
    assert_eq!(jens.get("/home").await.status, StatusCode::OK);
    // Ending the current session signs out.
    let r = here
        .post(
            "/account/sessions/end",
            &[("_csrf", &token), ("session", &ids[0].to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/login");
    assert!(session_ids(app, stefan_login.email).await.is_empty());

    // The language is saved on the user: the next sign-in uses it.
    let mut claire = signed_in(app, "claire").await;
    let token = claire.get("/account").await.hidden("_csrf");
    let r = claire
        .post("/account/language", &[("_csrf", &token), ("lang", "xx")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = claire
        .post("/account/language", &[("_csrf", &token), ("lang", "es")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(claire.get("/account").await.body.contains("Mi cuenta"));
    let (lang,): (String,) = app
        .db
        .fetch_one(
            Sql::new("SELECT language FROM portal_users WHERE email = $1")
                .arg(demo_login("claire").email),
        )
        .await
        .unwrap();
    assert_eq!(lang, "es");
}

#[tokio::test]
async fn sessions_and_sign_in_history() {
    let app = spawn_app().await;
    check_sessions_and_history(&app).await;
}

#[tokio::test]
async fn sessions_and_sign_in_history_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_sessions_and_history(&app).await;
    drop(app);
    pg.drop_db().await;
}

/// A wrong current password is a failed sign-in under the login throttle:
/// a stolen session cannot guess the password faster than the login form.
async fn check_guessing_the_current_password_is_throttled(app: &TestApp) {
    let jens = demo_login("jens");
    let mut client = signed_in(app, "jens").await;
    let mut refused = false;
    for i in 0..8 {
        let guess = format!("geraten-{i}-geraten");
        let r = change_password(
            &mut client,
            &guess,
            "ein ganz neuer satz",
            "ein ganz neuer satz",
        )
        .await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            refused = true;
            break;
        }
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "guess {i}");
    }
    let outcomes: Vec<(String, String, String)> = app
        .db
        .fetch_all(Sql::new("SELECT email, ip, outcome FROM login_attempts"))
        .await
        .unwrap();
    assert!(refused, "guessing is paused: {outcomes:?}");
    // During the pause even the right password is not checked.
    let r = change_password(
        &mut client,
        jens.password,
        "ein ganz neuer satz",
        "ein ganz neuer satz",
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // The guesses are in the history; the password is unchanged.
    let page = client.get("/account").await;
    assert!(page.body.matches("Fehlgeschlagen").count() >= 5);
    let mut again = Client::from_ip(app, "192.0.2.99");
    assert_eq!(
        again.login(jens.email, jens.password).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled() {
    let app = spawn_app().await;
    check_guessing_the_current_password_is_throttled(&app).await;
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_guessing_the_current_password_is_throttled(&app).await;
    drop(app);
    pg.drop_db().await;
}
