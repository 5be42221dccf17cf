//! Automatic self-registration's misses: no match, several matches, a
//! customer or an e-mail with a login and a throttled address all get the
//! same answer page and no mail (and a note for the staff); the link
//! expires with the invitation validity.

use axum::http::StatusCode;
use chrono::{Duration, NaiveDate};
use kp_storage::Sql;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::registration_auto::{PASSWORD, customer_without_login, hamburg, register};
use crate::registration_support::{Inbox, count};

async fn check_every_miss_gets_the_same_page_and_no_mail(app: &TestApp) {
    let mut inbox = Inbox::start();
    let (number, birth) = customer_without_login(app, "person").await;
    let wrong_birth = NaiveDate::parse_from_str(&birth, "%Y-%m-%d").unwrap() + Duration::days(1);
    let martina = demo_login("martina");
    let tenant = hamburg(app).await;

    // Several customers match (numbers compare without case, spaces and
    // hyphens): a second one is made for that.
    let date = NaiveDate::parse_from_str(&birth, "%Y-%m-%d").unwrap();
    app.db
        .execute(
            Sql::new(
                "INSERT INTO customers (tenant_id, external_id, kind, display_name, birth_date, \
                 created_at, updated_at) VALUES ($1, $2, 'person', 'Doppelt', $3, $4, $4)",
            )
            .arg(tenant)
            .arg(number.replace('-', "").to_lowercase())
            .arg(date)
            .arg(app.app.clock.now()),
        )
        .await
        .unwrap();

    let cases: Vec<(&str, Vec<(&str, String)>)> = vec![
        (
            "no such number",
            vec![
                ("customer_number", "KD-999999".into()),
                ("birth_date", birth.clone()),
                ("email", "a@kunde.test".into()),
            ],
        ),
        (
            "wrong birth date",
            vec![
                ("customer_number", number.clone()),
                ("birth_date", wrong_birth.to_string()),
                ("email", "b@kunde.test".into()),
            ],
        ),
        (
            "several matches",
            vec![
                ("customer_number", number.clone()),
                ("birth_date", birth.clone()),
                ("email", "c@kunde.test".into()),
            ],
        ),
    ];
    let mut pages = Vec::new();
    for (ip, (what, fields)) in cases.iter().enumerate() {
        let mut visitor = Client::from_ip(app, &format!("127.0.1.{ip}"));
        let mut form: Vec<(&str, &str)> = vec![("kind", "private")];
        form.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
        let r = register(&mut visitor, &form).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{what}");
        assert_eq!(r.location(), "/register/sent", "{what}");
        pages.push(visitor.get("/register/sent").await.status);
        assert!(inbox.deliver(app).await.is_empty(), "{what}: no mail");
    }
    assert!(pages.iter().all(|s| *s == StatusCode::OK));
    for status in ["unmatched", "ambiguous"] {
        let n = count(
            app,
            &format!("SELECT COUNT(*) FROM registrations WHERE status = '{status}'"),
        )
        .await;
        assert!(n >= 1, "{status} noted for the staff");
    }

    // Remove the duplicate: now one match, but the e-mail has a login.
    app.db
        .execute(Sql::new(
            "DELETE FROM customers WHERE display_name = 'Doppelt'",
        ))
        .await
        .unwrap();
    let mut visitor = Client::from_ip(app, "127.0.2.1");
    let r = register(
        &mut visitor,
        &[
            ("kind", "private"),
            ("customer_number", &number),
            ("birth_date", &birth),
            ("email", martina.email),
        ],
    )
    .await;
    assert_eq!(r.location(), "/register/sent");
    assert!(inbox.deliver(app).await.is_empty(), "taken e-mail: no mail");

    // Throttled per address: after three tries within the hour the fourth,
    // although it matches, sends nothing.
    let mut visitor = Client::from_ip(app, "127.0.2.2");
    for _ in 0..3 {
        register(
            &mut visitor,
            &[
                ("kind", "private"),
                ("customer_number", "KD-000000"),
                ("birth_date", &birth),
                ("email", "eilig@kunde.test"),
            ],
        )
        .await;
    }
    let r = register(
        &mut visitor,
        &[
            ("kind", "private"),
            ("customer_number", &number),
            ("birth_date", &birth),
            ("email", "eilig@kunde.test"),
        ],
    )
    .await;
    assert_eq!(r.location(), "/register/sent");
    assert!(
        inbox.deliver(app).await.is_empty(),
        "over the limit: no mail"
    );

    // An hour later it goes through; the link expires with the invitation
    // validity.
    app.clock.advance(Duration::minutes(61));
    let r = register(
        &mut visitor,
        &[
            ("kind", "private"),
            ("customer_number", &number),
            ("birth_date", &birth),
            ("email", "eilig@kunde.test"),
        ],
    )
    .await;
    assert_eq!(r.location(), "/register/sent");
    let mails = inbox.deliver(app).await;
    assert_eq!(mails.len(), 1);
    let link = mails[0].link("/register/verify/");
    assert_eq!(visitor.get(&link).await.status, StatusCode::OK);
    app.clock
        .advance(Duration::days(app.app.policy.invitation_link_days) + Duration::minutes(1));
    let expired = visitor.get(&link).await;
    assert_eq!(expired.status, StatusCode::NOT_FOUND);
    assert!(expired.body.contains("Link ungültig"));
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
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM portal_users WHERE email = 'eilig@kunde.test'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn every_miss_gets_the_same_page_and_no_mail() {
    check_every_miss_gets_the_same_page_and_no_mail(&spawn_app().await).await;
}

#[tokio::test]
async fn every_miss_gets_the_same_page_and_no_mail_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_every_miss_gets_the_same_page_and_no_mail(&app).await;
    drop(app);
    pg.drop_db().await;
}
