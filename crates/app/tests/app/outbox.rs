use chrono::Duration;
use kp_app::outbox::{self, DeliveryReport, MAX_ATTEMPTS, deliver_due};
use kp_domain::Language;
use kp_storage::outbox::{NewMail, OutboxMail, OutboxStatus};
use mail_parser::MessageParser;

use crate::harness::{TestApp, mailer, spawn_app};
use crate::smtp::{Mode, TestSmtp, closed_port};

/// Queues mails in one transaction, as a use case would.
async fn enqueue(t: &TestApp, recipients: &[&str]) -> Vec<i64> {
    let mut tx = t.db.begin().await.unwrap();
    let mut ids = Vec::new();
    for (n, to) in recipients.iter().enumerate() {
        let mail = NewMail {
            recipients: vec![(*to).to_owned()],
            template: "document_available".to_owned(),
            language: Language::De,
            subject: format!("Neues Dokument für Sie – Größe {n}"),
            body_html: format!("<p>Ein neues Dokument liegt bereit ({n}).</p>"),
            body_text: format!("Ein neues Dokument liegt bereit ({n})."),
            sender: None,
            tenant: None,
            now: t.app.clock.now(),
        };
        ids.push(kp_storage::outbox::enqueue(&mut tx, &mail).await.unwrap());
    }
    tx.commit().await.unwrap();
    ids
}

async fn stored(t: &TestApp, id: i64) -> OutboxMail {
    kp_storage::outbox::get(&t.db, id).await.unwrap().unwrap()
}

#[tokio::test]
async fn queued_mails_arrive_with_both_parts_and_are_marked_sent() {
    let t = spawn_app().await;
    let smtp = TestSmtp::start(Mode::Accept);
    let ids = enqueue(&t, &["erika@kunde.test", "Max Mustermann <max@kunde.test>"]).await;

    let report = deliver_due(&t.app, &mailer(smtp.port), 10).await.unwrap();
    assert_eq!(
        report,
        DeliveryReport {
            claimed: 2,
            sent: 2,
            ..DeliveryReport::default()
        }
    );

    let inbox = smtp.received(2);
    assert_eq!(inbox.len(), 2);
    let mut to: Vec<&str> = inbox.iter().map(|r| r.to[0].as_str()).collect();
    to.sort_unstable();
    assert_eq!(to, ["erika@kunde.test", "max@kunde.test"]);
    for received in &inbox {
        let n = usize::from(received.to[0] != "erika@kunde.test");
        let parsed = MessageParser::default().parse(&received.data).unwrap();
        assert_eq!(
            parsed.subject(),
            Some(format!("Neues Dokument für Sie – Größe {n}").as_str())
        );
        let text = parsed.body_text(0).unwrap();
        assert!(
            text.contains(&format!("Ein neues Dokument liegt bereit ({n}).")),
            "{text}"
        );
        let html = parsed.body_html(0).unwrap();
        assert!(
            html.contains(&format!("<p>Ein neues Dokument liegt bereit ({n}).</p>")),
            "{html}"
        );
    }

    for id in ids {
        let mail = stored(&t, id).await;
        assert_eq!(mail.status, OutboxStatus::Sent);
        assert_eq!(mail.attempts, 1);
        assert_eq!(mail.sent_at, Some(t.app.clock.now()));
    }
    // Nothing is sent twice.
    let again = deliver_due(&t.app, &mailer(smtp.port), 10).await.unwrap();
    assert!(again.is_empty());
    assert_eq!(smtp.received(3).len(), 2);
}

#[tokio::test]
async fn a_rejected_mail_is_dead_after_one_attempt() {
    let t = spawn_app().await;
    let smtp = TestSmtp::start(Mode::Reject);
    let ids = enqueue(&t, &["niemand@kunde.test"]).await;

    let report = deliver_due(&t.app, &mailer(smtp.port), 10).await.unwrap();
    assert_eq!((report.claimed, report.dead), (1, 1));

    let mail = stored(&t, ids[0]).await;
    assert_eq!(mail.status, OutboxStatus::Dead);
    assert_eq!(mail.attempts, 1);
    let error = mail.last_error.unwrap();
    assert!(error.contains("550"), "{error}");
    assert!(smtp.received(0).is_empty());

    // Dead mails are never tried again, however much time passes.
    t.clock.advance(Duration::days(30));
    let later = deliver_due(&t.app, &mailer(smtp.port), 10).await.unwrap();
    assert!(later.is_empty());
}

#[tokio::test]
async fn a_malformed_address_is_dead_at_once() {
    let t = spawn_app().await;
    let smtp = TestSmtp::start(Mode::Accept);
    let ids = enqueue(&t, &["kein-at-zeichen", "ok@kunde.test"]).await;
    let report = deliver_due(&t.app, &mailer(smtp.port), 10).await.unwrap();
    assert_eq!((report.dead, report.sent), (1, 1));
    assert_eq!(stored(&t, ids[0]).await.status, OutboxStatus::Dead);
    assert_eq!(stored(&t, ids[1]).await.status, OutboxStatus::Sent);
}

#[tokio::test]
async fn an_unreachable_server_means_retry_with_backoff_and_the_retry_waits_its_turn() {
    let t = spawn_app().await;
    let ids = enqueue(&t, &["a@kunde.test", "b@kunde.test", "c@kunde.test"]).await;
    let start = t.app.clock.now();

    let report = deliver_due(&t.app, &mailer(closed_port()), 10)
        .await
        .unwrap();
    // The first mail is tried; the others are handed back untried instead
    // of each waiting for the dead server.
    assert_eq!(
        report,
        DeliveryReport {
            claimed: 3,
            retried: 1,
            released: 2,
            ..DeliveryReport::default()
        }
    );
    let first = stored(&t, ids[0]).await;
    assert_eq!(first.status, OutboxStatus::Pending);
    assert_eq!(first.attempts, 1);
    assert_eq!(first.next_attempt_at, start + Duration::minutes(1));
    assert!(first.last_error.is_some());
    for &id in &ids[1..] {
        let rest = stored(&t, id).await;
        assert_eq!(
            (rest.status, rest.attempts, rest.next_attempt_at),
            (OutboxStatus::Pending, 0, start + Duration::minutes(1))
        );
    }

    // The server is back, but the retry is not due yet.
    let smtp = TestSmtp::start(Mode::Accept);
    t.clock.advance(Duration::seconds(59));
    let early = deliver_due(&t.app, &mailer(smtp.port), 10).await.unwrap();
    assert!(early.is_empty(), "{early:?}");
    assert!(smtp.received(0).is_empty());

    t.clock.advance(Duration::seconds(1));
    let due = deliver_due(&t.app, &mailer(smtp.port), 10).await.unwrap();
    assert_eq!((due.claimed, due.sent), (3, 3));
    assert_eq!(smtp.received(3).len(), 3);
    let first = stored(&t, ids[0]).await;
    assert_eq!((first.status, first.attempts), (OutboxStatus::Sent, 2));
    assert_eq!(first.last_error, None);
}

#[tokio::test]
async fn transient_failures_back_off_and_end_dead_after_the_last_attempt() {
    let t = spawn_app().await;
    let ids = enqueue(&t, &["a@kunde.test"]).await;
    let broken = mailer(closed_port());
    let mut waits = Vec::new();
    for attempt in 1..=MAX_ATTEMPTS {
        let before = t.app.clock.now();
        let report = deliver_due(&t.app, &broken, 10).await.unwrap();
        assert_eq!(report.claimed, 1, "attempt {attempt}");
        let mail = stored(&t, ids[0]).await;
        assert_eq!(mail.attempts, attempt);
        if attempt < MAX_ATTEMPTS {
            assert_eq!(mail.status, OutboxStatus::Pending);
            let wait = mail.next_attempt_at - before;
            assert_eq!(Some(wait), outbox::retry_delay(attempt));
            waits.push(wait.num_minutes());
            t.clock.advance(wait);
        } else {
            assert_eq!(mail.status, OutboxStatus::Dead);
        }
    }
    assert!(waits.windows(2).all(|w| w[0] <= w[1]), "{waits:?}");
    assert_eq!(waits.first(), Some(&1));
}

#[tokio::test]
async fn sent_mails_are_pruned_after_the_keeping_period_but_dead_ones_stay() {
    let t = spawn_app().await;
    let smtp = TestSmtp::start(Mode::Accept);
    let ids = enqueue(&t, &["erika@kunde.test", "unknown@kunde.test"]).await;
    deliver_due(&t.app, &mailer(smtp.port), 10).await.unwrap();
    assert_eq!(stored(&t, ids[1]).await.status, OutboxStatus::Dead);

    t.clock.advance(Duration::days(outbox::KEEP_SENT_DAYS - 1));
    assert_eq!(outbox::prune(&t.app).await.unwrap(), 0);
    t.clock.advance(Duration::days(2));
    assert_eq!(outbox::prune(&t.app).await.unwrap(), 1);
    assert!(
        kp_storage::outbox::get(&t.db, ids[0])
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(stored(&t, ids[1]).await.status, OutboxStatus::Dead);
}
