//! Automatic self-registration over HTTP with the mails read from the SMTP
//! sink: a private customer by date of birth and a corporate one by
//! postcode register and sign in; the link is single use; a customer with
//! a login gets no second one; mode off is 404. The misses are in
//! `registration_misses.rs`.

use axum::http::StatusCode;
use kp_app::registration_settings::{self, Mode, RegistrationSettings};
use kp_domain::TenantId;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, spawn_app, spawn_app_on_postgres};
use crate::registration_support::{Inbox, count, post_form};

pub(crate) const PASSWORD: &str = "Leuchtturm am Elbstrand 1977";

/// A customer of Hamburg without any login: (number, birth date or postcode).
pub(crate) async fn customer_without_login(app: &TestApp, kind: &str) -> (String, String) {
    let proof = if kind == "person" {
        "CAST(cu.birth_date AS TEXT)"
    } else {
        "cu.postal_code"
    };
    let sql = format!(
        "SELECT cu.external_id, {proof} FROM customers cu JOIN tenants t ON t.id = cu.tenant_id \
         WHERE t.tenant_key = 'hamburg' AND cu.kind = $1 AND cu.organization_id IS NULL \
         AND {proof} IS NOT NULL AND {proof} <> '' \
         AND NOT EXISTS (SELECT 1 FROM portal_users pu WHERE pu.customer_id = cu.id) \
         ORDER BY cu.id LIMIT 1"
    );
    app.db.fetch_one(Sql::new(sql).arg(kind)).await.unwrap()
}

pub(crate) async fn hamburg(app: &TestApp) -> TenantId {
    let (id,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT id FROM tenants WHERE tenant_key = 'hamburg'",
        ))
        .await
        .unwrap();
    TenantId(id)
}

pub(crate) async fn register(
    client: &mut Client<'_>,
    fields: &[(&str, &str)],
) -> crate::harness::Response {
    post_form(client, "/register", "/register", fields).await
}

async fn check_private_and_corporate_customers_register(app: &TestApp) {
    let mut inbox = Inbox::start();
    let mut visitor = Client::new(app);
    let login = visitor.get("/login").await;
    assert!(
        login.body.contains("href=\"/register\""),
        "offered on the login page"
    );
    let form = visitor.get("/register").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("Es gelten die Nutzungsbedingungen"),
        "D13 on the form"
    );

    // Bad input: messages at the fields, what was typed kept, nothing stored.
    let before = count(app, "SELECT COUNT(*) FROM registrations").await;
    let r = register(
        &mut visitor,
        &[
            ("kind", "private"),
            ("customer_number", ""),
            ("birth_date", "31.02.1990"),
            ("email", "kein-at"),
            ("name", "Nina Neu"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"customer_number-error\""));
    assert!(r.body.contains("TT.MM.JJJJ"), "{}", r.body);
    assert!(r.body.contains("gültige E-Mail-Adresse"));
    assert!(r.body.contains("value=\"kein-at\"") && r.body.contains("value=\"Nina Neu\""));
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM registrations").await,
        before
    );
    assert!(inbox.deliver(app).await.is_empty());

    let (number, birth) = customer_without_login(app, "person").await;
    let r = register(
        &mut visitor,
        &[
            ("kind", "private"),
            ("customer_number", &number.to_lowercase().replace('-', " ")),
            ("birth_date", &birth),
            ("email", "Nina.Neu@Kunde.test"),
            ("name", "Nina Neu"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/register/sent");
    let sent = visitor.get("/register/sent").await;
    assert!(
        sent.body
            .contains("Wenn Ihre Angaben zu unseren Unterlagen passen")
    );
    let mails = inbox.deliver(app).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "Nina.Neu@Kunde.test");
    assert!(
        mails[0].text.contains("Es gelten die Nutzungsbedingungen"),
        "D13 in the mail"
    );
    let link = mails[0].link("/register/verify/");

    // The link opens the password form; the policy and the confirmation apply.
    let page = visitor.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = page.hidden("_csrf");
    let r = visitor
        .post(
            &link,
            &[
                ("_csrf", &csrf),
                ("password", "kurz"),
                ("password_confirm", "kurz"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"password-error\""));
    assert!(!r.body.contains("value=\"kurz\""), "never a password");
    let r = visitor
        .post(
            &link,
            &[
                ("_csrf", &csrf),
                ("password", PASSWORD),
                ("password_confirm", "anders"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("stimmen nicht überein"));
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM portal_users WHERE email = 'nina.neu@kunde.test'"
        )
        .await,
        0
    );
    let r = visitor
        .post(
            &link,
            &[
                ("_csrf", &csrf),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body
            .contains("Ihr Zugang zum Kundenportal ist eingerichtet")
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM events WHERE event_type = 'user.registered'"
        )
        .await,
        1
    );

    // The new user signs in, accepts the terms and privacy notice like
    // every new account, and sees their customer's home.
    let mut nina = Client::new(app);
    let r = nina.login("nina.neu@kunde.test", PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(nina.get("/home").await.location(), "/consent");
    let token = nina.get("/consent").await.hidden("_csrf");
    let accepted = nina
        .post(
            "/consent",
            &[("_csrf", &token), ("terms", "1"), ("privacy", "1")],
        )
        .await;
    assert_eq!(accepted.location(), "/home");
    assert_eq!(nina.get("/home").await.status, StatusCode::OK);

    // The link is used up: the same page as a forged one.
    let again = visitor.get(&link).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert!(again.body.contains("Link ungültig"));
    let csrf = visitor.get("/register").await.hidden("_csrf");
    let r = visitor
        .post(
            &link,
            &[
                ("_csrf", &csrf),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let forged = visitor
        .get(&format!("/register/verify/{}", "ab".repeat(32)))
        .await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    assert!(forged.body.contains("Link ungültig"));

    // The customer has a login now: the same answer, no mail.
    let r = register(
        &mut visitor,
        &[
            ("kind", "private"),
            ("customer_number", &number),
            ("birth_date", &birth),
            ("email", "zweite@kunde.test"),
        ],
    )
    .await;
    assert_eq!(r.location(), "/register/sent");
    assert!(inbox.deliver(app).await.is_empty());

    // A corporate customer by postcode.
    let (number, postcode) = customer_without_login(app, "company").await;
    let mut office = Client::from_ip(app, "127.0.0.9");
    let r = register(
        &mut office,
        &[
            ("kind", "corporate"),
            ("customer_number", &number),
            ("postcode", &postcode),
            ("email", "buero@firma.test"),
        ],
    )
    .await;
    assert_eq!(r.location(), "/register/sent");
    let mails = inbox.deliver(app).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "buero@firma.test");
    let link = mails[0].link("/register/verify/");
    let csrf = office.get(&link).await.hidden("_csrf");
    let r = office
        .post(
            &link,
            &[
                ("_csrf", &csrf),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        Client::new(app)
            .login("buero@firma.test", PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn private_and_corporate_customers_register() {
    check_private_and_corporate_customers_register(&spawn_app().await).await;
}

#[tokio::test]
async fn private_and_corporate_customers_register_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_private_and_corporate_customers_register(&app).await;
    drop(app);
    pg.drop_db().await;
}

#[tokio::test]
async fn registration_switched_off_is_not_found() {
    let app = spawn_app().await;
    let tenant = hamburg(&app).await;
    registration_settings::put(&app.app, tenant, &RegistrationSettings::default())
        .await
        .unwrap();
    let mut visitor = Client::new(&app);
    assert!(
        !visitor
            .get("/login")
            .await
            .body
            .contains("href=\"/register\"")
    );
    assert_eq!(visitor.get("/register").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        visitor.get("/register/sent").await.status,
        StatusCode::NOT_FOUND
    );
    let csrf = visitor.get("/login").await.hidden("_csrf");
    let r = visitor
        .post(
            "/register",
            &[
                ("_csrf", &csrf),
                ("kind", "private"),
                ("customer_number", "KD-1"),
                ("email", "x@kunde.test"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // München never offered it; an unknown tenant key is the same 404.
    assert_eq!(
        visitor.get("/register?tenant=muenchen").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        visitor.get("/register?tenant=nirgends").await.status,
        StatusCode::NOT_FOUND
    );
    let on = RegistrationSettings {
        mode: Mode::Automatic,
        ..RegistrationSettings::default()
    };
    registration_settings::put(&app.app, tenant, &on)
        .await
        .unwrap();
    assert_eq!(visitor.get("/register").await.status, StatusCode::OK);
}
