//! The mail template API as other use cases call it: queued in their
//! transaction, delivered through the real SMTP sink, with the tenant's
//! sender and the broker's texts; and the link tokens behind the links.

use chrono::Duration;
use kp_app::link_tokens::{self, Purpose};
use kp_app::mail_templates::{self, MailKind, MailVars};
use kp_app::outbox::deliver_due;
use kp_domain::{Language, StaffRole};
use kp_storage::users::UserRef;
use mail_parser::MessageParser;

use crate::harness::{TestApp, mailer, spawn_app};
use crate::smtp::{Mode, TestSmtp};

async fn staff(t: &TestApp, email: &str) -> UserRef {
    let tenant = kp_app::tenants::create(&t.app, "nord", "Makler Nord GmbH")
        .await
        .unwrap();
    let mut tx = t.db.begin().await.unwrap();
    let id = kp_storage::users::create_staff(
        &mut tx,
        email,
        "Erika Beraterin",
        StaffRole::Admin,
        "x",
        &[tenant],
        t.app.clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    UserRef::Staff(id)
}

#[tokio::test]
async fn a_queued_mail_arrives_with_the_tenants_sender_name_and_link() {
    let t = spawn_app().await;
    let smtp = TestSmtp::start(Mode::Accept);
    let tenant = kp_app::tenants::create(&t.app, "sued", "Makler Süd & Co")
        .await
        .unwrap();
    kp_storage::settings::put(
        &t.db,
        kp_storage::settings::SettingScope::Tenant(tenant),
        "mail_sender",
        r#"{"name":"Makler Süd","address":"service@sued.test"}"#,
        t.app.clock.now(),
    )
    .await
    .unwrap();
    let vars = MailVars {
        name: "Max <Mustermann>".to_owned(),
        link: Some(t.app.link("/activate/abc")),
        expires_at: Some(t.app.clock.now() + Duration::days(7)),
        ..MailVars::default()
    };
    let mut tx = t.db.begin().await.unwrap();
    mail_templates::queue(
        &t.app,
        &mut tx,
        Some(tenant),
        MailKind::Invitation,
        Language::Fr,
        "max@kunde.test",
        &vars,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    // A mail queued in a transaction that is rolled back is never sent.
    let mut tx = t.db.begin().await.unwrap();
    mail_templates::queue(
        &t.app,
        &mut tx,
        None,
        MailKind::PasswordReset,
        Language::De,
        "nie@kunde.test",
        &vars,
    )
    .await
    .unwrap();
    drop(tx);

    let report = deliver_due(&t.app, &mailer(smtp.port), 10).await.unwrap();
    assert_eq!(report.sent, 1);
    let inbox = smtp.received(1);
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].from, "service@sued.test");
    let parsed = MessageParser::default().parse(&inbox[0].data).unwrap();
    let subject = parsed.subject().unwrap();
    assert!(subject.contains("Makler Süd & Co"), "{subject}");
    assert!(subject.contains("invitation"), "{subject}");
    let from = parsed.from().unwrap().first().unwrap();
    assert_eq!(from.name(), Some("Makler Süd"));
    let text = parsed.body_text(0).unwrap();
    assert!(text.contains("Bonjour Max <Mustermann>"), "{text}");
    assert!(
        text.contains("http://127.0.0.1:8080/activate/abc"),
        "{text}"
    );
    let html = parsed.body_html(0).unwrap();
    assert!(html.contains("Max &lt;Mustermann&gt;"), "{html}");
}

#[tokio::test]
async fn the_brokers_own_texts_replace_the_default_for_their_tenant_only() {
    let t = spawn_app().await;
    let tenant = kp_app::tenants::create(&t.app, "west", "Makler West")
        .await
        .unwrap();
    kp_storage::settings::put(
        &t.db,
        kp_storage::settings::SettingScope::Tenant(tenant),
        "mail:password_reset:de",
        r#"{"subject":"Eigener Betreff {{ tenant }}","html":"<p>Hallo {{ name }}</p>","text":"Hallo {{ name }}: {{ link }}"}"#,
        t.app.clock.now(),
    )
    .await
    .unwrap();
    let vars = MailVars {
        name: "Lea".to_owned(),
        link: Some(t.app.link("/password/reset/x")),
        ..MailVars::default()
    };
    let mut tx = t.db.begin().await.unwrap();
    for tenant in [Some(tenant), None] {
        mail_templates::queue(
            &t.app,
            &mut tx,
            tenant,
            MailKind::PasswordReset,
            Language::De,
            "lea@kunde.test",
            &vars,
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let (mails, total) = kp_storage::outbox_list::page(&t.db, None, 0, 10)
        .await
        .unwrap();
    assert_eq!(total, 2);
    let own = mails.iter().find(|m| m.tenant == Some(tenant)).unwrap();
    assert_eq!(own.subject, "Eigener Betreff Makler West");
    assert_eq!(
        own.body_text,
        "Hallo Lea: http://127.0.0.1:8080/password/reset/x\n"
    );
    let other = mails.iter().find(|m| m.tenant.is_none()).unwrap();
    assert_eq!(other.subject, "Passwort zurücksetzen");
    // A tenant administrator's page shows their tenant's mail only.
    let (theirs, n) = kp_storage::outbox_list::page(&t.db, Some(&[tenant]), 0, 10)
        .await
        .unwrap();
    assert_eq!((n, theirs.len(), theirs[0].id), (1, 1, own.id));
    assert!(
        kp_storage::outbox_list::get_visible(&t.db, other.id, Some(&[tenant]))
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn link_tokens_work_once_before_they_expire_and_for_their_purpose_only() {
    let t = spawn_app().await;
    let user = staff(&t, "erika@makler.test").await;
    let mut tx = t.db.begin().await.unwrap();
    let first = link_tokens::issue(
        &t.app,
        &mut tx,
        Purpose::PasswordReset,
        user,
        None,
        Duration::hours(1),
    )
    .await
    .unwrap();
    let second = link_tokens::issue(
        &t.app,
        &mut tx,
        Purpose::PasswordReset,
        user,
        None,
        Duration::hours(1),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(first.len(), 64);
    // Only the hash is stored.
    let (stored,): (String,) =
        t.db.fetch_one(kp_storage::Sql::new(
            "SELECT token_hash FROM link_tokens ORDER BY id DESC LIMIT 1",
        ))
        .await
        .unwrap();
    assert_ne!(stored, second);

    // The newer link voided the older one; another purpose or a forged
    // token finds nothing.
    assert!(
        link_tokens::peek(&t.app, Purpose::PasswordReset, &first)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        link_tokens::peek(&t.app, Purpose::Activation, &second)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        link_tokens::peek(&t.app, Purpose::PasswordReset, &"0".repeat(64))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        link_tokens::peek(&t.app, Purpose::PasswordReset, &"x".repeat(5000))
            .await
            .unwrap()
            .is_none()
    );
    let found = link_tokens::peek(&t.app, Purpose::PasswordReset, &second)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.user, user);

    // Used once, then gone.
    let mut tx = t.db.begin().await.unwrap();
    assert!(
        link_tokens::consume(&t.app, &mut tx, Purpose::PasswordReset, &second)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        link_tokens::consume(&t.app, &mut tx, Purpose::PasswordReset, &second)
            .await
            .unwrap()
            .is_none()
    );
    tx.commit().await.unwrap();

    // Expired: the same answer as unknown.
    let mut tx = t.db.begin().await.unwrap();
    let third = link_tokens::issue(
        &t.app,
        &mut tx,
        Purpose::PasswordReset,
        user,
        None,
        Duration::hours(1),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    t.clock.advance(Duration::minutes(61));
    assert!(
        link_tokens::peek(&t.app, Purpose::PasswordReset, &third)
            .await
            .unwrap()
            .is_none()
    );
    let mut tx = t.db.begin().await.unwrap();
    assert!(
        link_tokens::consume(&t.app, &mut tx, Purpose::PasswordReset, &third)
            .await
            .unwrap()
            .is_none()
    );
    tx.commit().await.unwrap();
}
