//! Forgotten password over HTTP, with the mail received through the SMTP
//! sink and its link followed; on SQLite and, when configured, PostgreSQL.

use axum::http::StatusCode;
use chrono::Duration;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::mail_support::Inbox;

async fn ask(c: &mut Client<'_>, email: &str) -> crate::harness::Response {
    let page = c.get("/password/forgot").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csrf = page.hidden("_csrf");
    c.post("/password/forgot", &[("email", email), ("_csrf", &csrf)])
        .await
}

async fn set_password(
    c: &mut Client<'_>,
    path: &str,
    pw: &str,
    confirm: &str,
) -> crate::harness::Response {
    let page = c.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csrf = page.hidden("_csrf");
    c.post(
        path,
        &[
            ("password", pw),
            ("password_confirm", confirm),
            ("_csrf", &csrf),
        ],
    )
    .await
}

async fn reset_flow(t: &TestApp) {
    let mut inbox = Inbox::new();
    let martina = demo_login("Martina");
    // A signed-in session elsewhere, which the reset must end.
    let mut other = Client::new(t);
    assert_eq!(
        other.login(martina.email, martina.password).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(other.get("/home").await.status, StatusCode::OK);

    let mut c = Client::new(t);
    let login = c.get("/login").await;
    assert!(login.body.contains("href=\"/password/forgot\""));
    // Known and unknown e-mails get the same page; only the known one a mail.
    let known = ask(&mut c, &martina.email.to_uppercase()).await;
    let unknown = ask(&mut c, "niemand@example.de").await;
    assert_eq!(
        (known.status, unknown.status),
        (StatusCode::OK, StatusCode::OK)
    );
    assert_eq!(
        known.body.replace(&known.hidden("_csrf"), ""),
        unknown.body.replace(&unknown.hidden("_csrf"), "")
    );
    let mails = inbox.deliver(t).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].to, martina.email);
    assert_eq!(mails[0].subject, "Passwort zurücksetzen");
    assert_eq!(mails[0].from, "portal@makler.test");
    assert!(
        mails[0].html.contains("Martina Keller"),
        "{}",
        mails[0].html
    );
    let link = mails[0].link("/password/reset/");

    // A weak password is refused at its field; the link still works.
    let weak = set_password(&mut c, &link, "kurz", "kurz").await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.body.contains("id=\"password-error\""), "{}", weak.body);
    assert!(!weak.body.contains("value=\"kurz\""));
    let mismatch = set_password(
        &mut c,
        &link,
        "ein langes neues Passwort",
        "ein anderes langes Passwort",
    )
    .await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(mismatch.body.contains("id=\"password_confirm-error\""));

    let done = set_password(
        &mut c,
        &link,
        "ein langes neues Passwort",
        "ein langes neues Passwort",
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/login?notice=password-reset-done");
    assert!(
        c.get(done.location())
            .await
            .body
            .contains("role=\"status\"")
    );
    // Every session ended; the old password is gone, the new one works.
    assert_eq!(other.get("/home").await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        Client::new(t)
            .login(martina.email, martina.password)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        Client::new(t)
            .login(martina.email, "ein langes neues Passwort")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    // The notice went out; the link is used up.
    let notice = inbox.deliver(t).await;
    assert_eq!(notice.len(), 1);
    assert_eq!(notice[0].subject, "Ihr Passwort wurde geändert");
    assert_eq!(c.get(&link).await.status, StatusCode::NOT_FOUND);
    let csrf = c.get("/login").await.hidden("_csrf");
    let reused = c
        .post(
            &link,
            &[
                ("password", "noch ein langes Passwort"),
                ("password_confirm", "noch ein langes Passwort"),
                ("_csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(reused.status, StatusCode::NOT_FOUND);
    assert_eq!(
        Client::new(t)
            .login(martina.email, "ein langes neues Passwort")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_reset_link_arrives_by_mail_sets_a_new_password_once_and_ends_every_session() {
    reset_flow(&spawn_app().await).await;
}

#[tokio::test]
async fn the_reset_flow_works_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    reset_flow(&t).await;
}

#[tokio::test]
async fn expired_and_forged_links_are_the_same_404_and_staff_can_reset_too() {
    let t = spawn_app().await;
    let mut inbox = Inbox::new();
    let petra = demo_login("administrator");
    let mut c = Client::new(&t);
    ask(&mut c, petra.email).await;
    let mails = inbox.deliver(&t).await;
    let link = mails[0].link("/password/reset/");
    let forged = c.get(&format!("/password/reset/{}", "ab".repeat(32))).await;
    let garbage = c.get("/password/reset/x%2F..").await;
    t.clock.advance(Duration::minutes(61));
    let expired = c.get(&link).await;
    for r in [&forged, &garbage, &expired] {
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    // The same page apart from the path echoed in the language form.
    let strip = |b: &str| b.split("<main").nth(1).unwrap().to_owned();
    assert_eq!(strip(&forged.body), strip(&expired.body));
    // A new link works for staff as well.
    ask(&mut c, petra.email).await;
    let link = inbox.deliver(&t).await[0].link("/password/reset/");
    let done = set_password(
        &mut c,
        &link,
        "Gruene Wiesen im Mai 3",
        "Gruene Wiesen im Mai 3",
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(
        Client::new(&t)
            .login(petra.email, "Gruene Wiesen im Mai 3")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn requests_are_limited_per_email_and_per_address() {
    let t = spawn_app().await;
    let mut inbox = Inbox::new();
    let martina = demo_login("Martina");
    let mut c = Client::new(&t);
    for _ in 0..kp_app::password_reset::MAX_PER_EMAIL {
        assert_eq!(ask(&mut c, martina.email).await.status, StatusCode::OK);
    }
    let refused = ask(&mut c, martina.email).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers.contains_key("retry-after"));
    // Unknown addresses count alike, so the limit reveals nothing.
    for _ in 0..kp_app::password_reset::MAX_PER_EMAIL {
        ask(&mut c, "niemand@example.de").await;
    }
    assert_eq!(
        ask(&mut c, "niemand@example.de").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(inbox.deliver(&t).await.len(), 3);
    // One address asking for many e-mails is stopped too.
    let mut d = Client::from_ip(&t, "203.0.113.9");
    let mut refused = 0;
    for n in 0..25 {
        if ask(&mut d, &format!("x{n}@example.de")).await.status == StatusCode::TOO_MANY_REQUESTS {
            refused += 1;
        }
    }
    assert_eq!(refused, 25 - kp_app::password_reset::MAX_PER_ADDRESS);
    // After the window, asking works again.
    t.clock.advance(Duration::minutes(61));
    assert_eq!(ask(&mut c, martina.email).await.status, StatusCode::OK);
    // An empty form is a field message, not a request.
    let csrf = c.get("/password/forgot").await.hidden("_csrf");
    let empty = c
        .post("/password/forgot", &[("email", ""), ("_csrf", &csrf)])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("id=\"email-error\""));
}
