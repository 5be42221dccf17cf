//! The registration request mail speaks the recipient's language: a staff
//! user's own (tenants keep none), German for any other address; on
//! SQLite and PostgreSQL.

use axum::http::StatusCode;

use crate::account_passwords::signed_in;
use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::registration_support::{Inbox, post_form};

async fn request_access(app: &TestApp, email: &str) {
    let mut visitor = Client::new(app);
    let r = post_form(
        &mut visitor,
        "/register",
        "/register",
        &[
            ("name", "Lea Lang"),
            ("email", email),
            ("company", "Lang GmbH"),
            ("customer_number", ""),
            ("message", "Zugang bitte"),
        ],
    )
    .await;
    assert_eq!(r.location(), "/register/sent", "{}", r.body);
}

async fn check_the_recipients_language(app: &TestApp) {
    let mut inbox = Inbox::start();
    let petra = demo_login("petra");
    let mut staff = signed_in(app, "petra").await;
    let r = post_form(
        &mut staff,
        "/account",
        "/account/language",
        &[("lang", "en")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    for (recipient, subject) in [
        (
            petra.email,
            "New registration request in the customer portal",
        ),
        (
            "anfragen@makler.test",
            "Neue Registrierungsanfrage im Kundenportal",
        ),
    ] {
        let r = post_form(
            &mut staff,
            "/settings/registration?tenant=hamburg",
            "/settings/registration",
            &[
                ("tenant", "hamburg"),
                ("mode", "on_request"),
                ("recipient", recipient),
                ("colour", "#A01010"),
                ("intro_text", ""),
                ("extra_text", ""),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        request_access(app, &format!("lea.{}@firma.test", subject.len())).await;
        let mails = inbox.deliver(app).await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].to, recipient);
        assert_eq!(mails[0].subject, subject);
    }
}

#[tokio::test]
async fn the_registration_request_mail_speaks_the_recipients_language() {
    check_the_recipients_language(&spawn_app().await).await;
}

#[tokio::test]
async fn the_registration_request_mail_speaks_the_recipients_language_on_postgres() {
    let Some((app, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_the_recipients_language(&app).await;
}
