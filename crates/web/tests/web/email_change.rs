//! Changing the login e-mail over HTTP: the link goes to the new address
//! and the address changes only when it is followed (user row and login
//! identity together, a notice to the old address); a wrong password, a
//! malformed or taken address change nothing; the link is single use,
//! expires, and a taken address at confirmation changes nothing either.

use axum::http::StatusCode;
use chrono::Duration;

use crate::account_passwords::signed_in;
use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::registration_support::{Inbox, count, post_form};

async fn ask(client: &mut Client<'_>, new_email: &str, password: &str) -> crate::harness::Response {
    post_form(
        client,
        "/account/email",
        "/account/email",
        &[("new_email", new_email), ("password", password)],
    )
    .await
}

async fn check_the_email_change(app: &TestApp) {
    let mut inbox = Inbox::start();
    let martina = demo_login("martina");
    let stefan = demo_login("stefan");
    let mut client = signed_in(app, "martina").await;
    assert_eq!(client.get("/account/email").await.status, StatusCode::OK);
    assert_eq!(
        Client::new(app).get("/account/email").await.status,
        StatusCode::SEE_OTHER
    );

    let r = ask(&mut client, "martina.neu@example.de", "falsch").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"password-error\"") && r.body.contains("Passwort ist nicht richtig")
    );
    assert!(
        r.body.contains("value=\"martina.neu@example.de\""),
        "keeps what was typed"
    );
    assert!(!r.body.contains("value=\"falsch\""));
    let r = ask(&mut client, "kein-at", martina.password).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"new_email-error\""));
    let r = ask(&mut client, stefan.email, martina.password).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("bereits von einem anderen Zugang verwendet")
    );
    assert!(inbox.deliver(app).await.is_empty());

    let r = ask(&mut client, "Martina.Neu@Example.de", martina.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/account/email?sent=1");
    let mails = inbox.deliver(app).await;
    assert_eq!(mails.len(), 1, "only the link, the address is unchanged");
    assert_eq!(mails[0].to, "martina.neu@example.de");
    let link = mails[0].link("/account/email/confirm/");
    // Nothing changed yet.
    assert_eq!(
        Client::new(app)
            .login(martina.email, martina.password)
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    // The link works without a session; a GET changes nothing.
    let mut other_browser = Client::new(app);
    let page = other_browser.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("martina.neu@example.de"));
    let csrf = page.hidden("_csrf");
    let r = other_browser.post(&link, &[("_csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("E-Mail-Adresse wurde geändert"));
    let mails = inbox.deliver(app).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0].to, martina.email,
        "the notice goes to the old address"
    );
    // Every other session of hers ended (signed in elsewhere under the old
    // address), and the change is audited.
    let home = client.get("/home").await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
    assert!(home.location().starts_with("/login"), "{}", home.location());
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM audit_entries WHERE action = 'account.email_changed' \
             AND actor_portal_user_id = target_id AND target_kind = 'portal_user'"
        )
        .await,
        1
    );
    assert_eq!(
        Client::new(app)
            .login("martina.neu@example.de", martina.password)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_ne!(
        Client::new(app)
            .login(martina.email, martina.password)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM login_identities WHERE email = 'martina.neu@example.de'"
        )
        .await,
        1
    );

    // Used up.
    let again = other_browser.get(&link).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    let r = other_browser.post(&link, &[("_csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Taken between asking and confirming: nothing changes.
    let mut client = Client::new(app);
    client
        .login("martina.neu@example.de", martina.password)
        .await;
    let r = ask(&mut client, "frei@example.de", martina.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let link = inbox.deliver(app).await[0].link("/account/email/confirm/");
    let mut stefan_client = Client::new(app);
    stefan_client.login(stefan.email, stefan.password).await;
    let r = ask(&mut stefan_client, "frei@example.de", stefan.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let stefan_link = inbox.deliver(app).await[0].link("/account/email/confirm/");
    let csrf = other_browser.get(&stefan_link).await.hidden("_csrf");
    assert_eq!(
        other_browser
            .post(&stefan_link, &[("_csrf", &csrf)])
            .await
            .status,
        StatusCode::OK
    );
    inbox.deliver(app).await;
    let csrf = other_browser.get(&link).await.hidden("_csrf");
    let r = other_browser.post(&link, &[("_csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("Es wurde nichts geändert"));
    assert!(inbox.deliver(app).await.is_empty(), "no notice");
    assert_eq!(
        Client::new(app)
            .login("martina.neu@example.de", martina.password)
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    // Expired.
    let r = ask(&mut client, "spaeter@example.de", martina.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let link = inbox.deliver(app).await[0].link("/account/email/confirm/");
    app.clock.advance(Duration::hours(25));
    assert_eq!(other_browser.get(&link).await.status, StatusCode::NOT_FOUND);
    let forged = other_browser.get("/account/email/confirm/00").await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    assert!(forged.body.contains("Link ungültig"));
}

/// Confirmed in the user's own signed-in browser: that session stays,
/// their other one ends.
async fn check_the_confirming_session_stays(app: &TestApp) {
    let mut inbox = Inbox::start();
    let stefan = demo_login("stefan");
    let mut here = signed_in(app, "stefan").await;
    let mut elsewhere = signed_in(app, "stefan").await;
    let r = ask(&mut here, "stefan.neu@example.de", stefan.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let link = inbox.deliver(app).await[0].link("/account/email/confirm/");
    let csrf = here.get(&link).await.hidden("_csrf");
    assert_eq!(
        here.post(&link, &[("_csrf", &csrf)]).await.status,
        StatusCode::OK
    );
    assert_eq!(here.get("/home").await.status, StatusCode::OK);
    assert_eq!(elsewhere.get("/home").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_confirming_session_stays() {
    check_the_confirming_session_stays(&spawn_app().await).await;
}

#[tokio::test]
async fn the_confirming_session_stays_on_postgres() {
    let Some((app, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_the_confirming_session_stays(&app).await;
}

#[tokio::test]
async fn the_email_change() {
    check_the_email_change(&spawn_app().await).await;
}

#[tokio::test]
async fn the_email_change_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_the_email_change(&app).await;
    drop(app);
    pg.drop_db().await;
}
