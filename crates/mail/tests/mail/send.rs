use std::net::TcpListener;

use kp_mail::{MailError, Mailer, OutgoingMail, SmtpSettings};
use mail_parser::MessageParser;

use kp_testkit::smtp::{Mode, TestSmtp};

fn settings(port: u16) -> SmtpSettings {
    SmtpSettings {
        host: "127.0.0.1".to_owned(),
        port,
        from: "Maklerbüro Beispiel <portal@makler.test>".to_owned(),
        timeout_secs: 5,
        ..SmtpSettings::default()
    }
}

fn mail(to: &str) -> OutgoingMail {
    OutgoingMail {
        to: vec![to.to_owned()],
        subject: "Ihre Police für Größe & Straße – 100 €".to_owned(),
        html: "<p>Sehr geehrte Frau Müller,</p><p>Ihre Unterlagen liegen bereit: Größe, Straße, €.</p>"
            .to_owned(),
        text: "Sehr geehrte Frau Müller,\n\nIhre Unterlagen liegen bereit: Größe, Straße, €.\n"
            .to_owned(),
        message_id: Some("outbox-42@makler.test".to_owned()),
        reply_to: Some("Erika Beraterin <beraterin@makler.test>".to_owned()),
        from: None,
    }
}

#[tokio::test]
async fn delivers_multipart_mail_with_utf8_intact() {
    let server = TestSmtp::start(Mode::Accept);
    let mailer = Mailer::new(&settings(server.port)).unwrap();
    mailer
        .send(&mail("erika.mueller@kunde.test"))
        .await
        .unwrap();

    let inbox = server.received(1);
    assert_eq!(inbox.len(), 1);
    let received = &inbox[0];
    assert_eq!(received.from, "portal@makler.test");
    assert_eq!(received.to, ["erika.mueller@kunde.test"]);

    let raw = String::from_utf8_lossy(&received.data);
    assert!(raw.contains("multipart/alternative"), "{raw}");

    let parsed = MessageParser::default().parse(&received.data).unwrap();
    assert_eq!(
        parsed.subject(),
        Some("Ihre Police für Größe & Straße – 100 €")
    );
    assert_eq!(parsed.message_id(), Some("outbox-42@makler.test"));
    let reply_to = parsed
        .reply_to()
        .and_then(|r| r.first())
        .and_then(|a| a.address());
    assert_eq!(reply_to, Some("beraterin@makler.test"));
    let from = parsed.from().and_then(|r| r.first()).unwrap();
    assert_eq!(from.name(), Some("Maklerbüro Beispiel"));

    assert_eq!(parsed.text_body.len(), 1);
    assert_eq!(parsed.html_body.len(), 1);
    let text = parsed.body_text(0).unwrap();
    assert!(
        text.contains("Ihre Unterlagen liegen bereit: Größe, Straße, €."),
        "{text}"
    );
    let html = parsed.body_html(0).unwrap();
    assert!(html.contains("<p>Sehr geehrte Frau Müller,</p>"), "{html}");
}

#[tokio::test]
async fn generates_a_message_id_when_none_is_given() {
    let server = TestSmtp::start(Mode::Accept);
    let mailer = Mailer::new(&settings(server.port)).unwrap();
    let mut outgoing = mail("a@kunde.test");
    outgoing.message_id = None;
    outgoing.reply_to = None;
    outgoing.to.push("b@kunde.test".to_owned());
    mailer.send(&outgoing).await.unwrap();

    let inbox = server.received(1);
    assert_eq!(inbox[0].to, ["a@kunde.test", "b@kunde.test"]);
    let parsed = MessageParser::default().parse(&inbox[0].data).unwrap();
    assert!(parsed.message_id().is_some_and(|id| id.contains('@')));
}

#[tokio::test]
async fn closed_port_is_a_transient_error() {
    // Bind and drop to get a port that is very likely closed.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mailer = Mailer::new(&settings(port)).unwrap();
    let err = mailer.send(&mail("a@kunde.test")).await.unwrap_err();
    assert!(err.is_transient(), "{err:?}");
    assert!(matches!(err, MailError::Temporary(_)), "{err:?}");
    assert_eq!(err.smtp_code(), None);
}

#[tokio::test]
async fn rejected_recipient_is_permanent() {
    let server = TestSmtp::start(Mode::Accept);
    let mailer = Mailer::new(&settings(server.port)).unwrap();
    let err = mailer.send(&mail("unknown@kunde.test")).await.unwrap_err();
    assert!(err.is_permanent(), "{err:?}");
    assert_eq!(err.smtp_code(), Some(550));
}

#[tokio::test]
async fn temporary_server_failure_is_transient() {
    let server = TestSmtp::start(Mode::Accept);
    let mailer = Mailer::new(&settings(server.port)).unwrap();
    let err = mailer.send(&mail("full@kunde.test")).await.unwrap_err();
    assert!(err.is_transient(), "{err:?}");
    assert_eq!(err.smtp_code(), Some(452));
}

#[tokio::test]
async fn malformed_address_is_permanent_and_sends_nothing() {
    let server = TestSmtp::start(Mode::Accept);
    let mailer = Mailer::new(&settings(server.port)).unwrap();
    let err = mailer.send(&mail("kein-at-zeichen")).await.unwrap_err();
    assert!(matches!(err, MailError::InvalidAddress { .. }), "{err:?}");
    assert!(err.is_permanent());
    assert!(server.received(0).is_empty());
}

#[test]
fn settings_deserialize_with_defaults() {
    let settings: SmtpSettings = serde_json::from_str(
        r#"{"host": "smtp.makler.test", "port": 587, "security": "starttls",
            "username": "portal", "password": "geheim"}"#,
    )
    .unwrap();
    assert_eq!(settings.host, "smtp.makler.test");
    assert_eq!(settings.port, 587);
    assert_eq!(settings.security, kp_mail::SmtpSecurity::Starttls);
    assert_eq!(settings.timeout_secs, SmtpSettings::default().timeout_secs);
    assert!(!format!("{settings:?}").contains("geheim"));
    assert!(Mailer::new(&settings).is_ok());

    let tls: SmtpSettings = serde_json::from_str(r#"{"security": "tls", "port": 465}"#).unwrap();
    assert_eq!(tls.security, kp_mail::SmtpSecurity::Tls);
    assert_eq!(tls.host, "localhost");
    assert!(Mailer::new(&tls).is_ok());

    let typo = serde_json::from_str::<SmtpSettings>(r#"{"passwort": "x"}"#);
    assert!(typo.is_err(), "unknown keys must not be ignored silently");
}
