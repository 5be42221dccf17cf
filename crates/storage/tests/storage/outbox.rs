use std::collections::HashSet;

use chrono::{DateTime, Duration, SubsecRound, Utc};
use kp_domain::Language;
use kp_storage::Db;
use kp_storage::outbox::{self, NewMail, OutboxStatus};

use crate::backends;

/// Whole milliseconds, which both backends store exactly (PostgreSQL keeps
/// microseconds, the system clock has nanoseconds).
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(3)
}

fn mail(n: usize, now: DateTime<Utc>) -> NewMail {
    NewMail {
        recipients: vec![
            format!("kunde{n}@kunde.test"),
            "Müller, Erika <erika@kunde.test>".to_owned(),
        ],
        template: "document_available".to_owned(),
        language: Language::Fr,
        subject: format!("Mail {n}"),
        body_html: "<p>Hallo</p>".to_owned(),
        body_text: "Hallo".to_owned(),
        sender: None,
        tenant: None,
        now,
    }
}

async fn enqueue_many(db: &Db, count: usize, now: DateTime<Utc>) -> Vec<i64> {
    let mut tx = db.begin().await.unwrap();
    let mut ids = Vec::new();
    for n in 0..count {
        ids.push(outbox::enqueue(&mut tx, &mail(n, now)).await.unwrap());
    }
    tx.commit().await.unwrap();
    ids
}

#[tokio::test]
async fn a_mail_goes_from_pending_through_sending_to_sent_or_dead() {
    for t in backends::all().await {
        let now = now();
        let ids = enqueue_many(&t.db, 3, now).await;

        let stored = outbox::get(&t.db, ids[0]).await.unwrap().unwrap();
        assert_eq!(stored.status, OutboxStatus::Pending, "{}", t.label);
        assert_eq!(stored.recipients, mail(0, now).recipients, "{}", t.label);
        assert_eq!(stored.language, Language::Fr);
        assert_eq!(stored.attempts, 0);

        // Not yet due a moment before it was queued.
        let early = outbox::claim_due(&t.db, now - Duration::seconds(1), 10)
            .await
            .unwrap();
        assert!(early.is_empty(), "{}", t.label);

        let claimed = outbox::claim_due(&t.db, now, 2).await.unwrap();
        let claimed_ids: Vec<i64> = claimed.iter().map(|m| m.id).collect();
        assert_eq!(claimed_ids, ids[..2], "{}: oldest first", t.label);
        assert!(claimed.iter().all(|m| m.status == OutboxStatus::Sending));
        assert!(claimed.iter().all(|m| m.next_attempt_at > now));

        assert!(outbox::mark_sent(&t.db, ids[0], now).await.unwrap());
        // Marking twice is refused: the row is no longer claimed.
        assert!(!outbox::mark_sent(&t.db, ids[0], now).await.unwrap());
        let long = "Fehler ".repeat(200);
        assert!(
            outbox::mark_failed(&t.db, ids[1], now, &long, None)
                .await
                .unwrap()
        );

        let sent = outbox::get(&t.db, ids[0]).await.unwrap().unwrap();
        assert_eq!(sent.status, OutboxStatus::Sent);
        assert_eq!(sent.attempts, 1);
        assert!(sent.sent_at.is_some());
        let dead = outbox::get(&t.db, ids[1]).await.unwrap().unwrap();
        assert_eq!(dead.status, OutboxStatus::Dead);
        assert_eq!(dead.attempts, 1);
        let error = dead.last_error.unwrap();
        assert!(error.chars().count() <= outbox::MAX_ERROR_CHARS + 1);

        let counts = outbox::counts_by_status(&t.db).await.unwrap();
        assert_eq!(
            (counts.pending, counts.sending, counts.sent, counts.dead),
            (1, 0, 1, 1),
            "{}",
            t.label
        );
        t.drop_db().await;
    }
}

#[tokio::test]
async fn retries_wait_for_their_time_and_expired_leases_are_reclaimed() {
    for t in backends::all().await {
        let now = now();
        let ids = enqueue_many(&t.db, 2, now).await;
        let claimed = outbox::claim_due(&t.db, now, 10).await.unwrap();
        assert_eq!(claimed.len(), 2);

        let retry_at = now + Duration::minutes(5);
        outbox::mark_failed(&t.db, ids[0], now, "421 busy", Some(retry_at))
            .await
            .unwrap();
        let pending = outbox::get(&t.db, ids[0]).await.unwrap().unwrap();
        assert_eq!(pending.status, OutboxStatus::Pending);
        assert_eq!(pending.attempts, 1);
        assert_eq!(pending.last_error.as_deref(), Some("421 busy"));

        // ids[1] stays claimed, as if its worker died. Within the lease
        // nothing is due; the retry is due at its time, the abandoned row
        // once the lease has run out.
        let before = outbox::claim_due(&t.db, retry_at - Duration::seconds(1), 10)
            .await
            .unwrap();
        assert!(before.is_empty(), "{}", t.label);
        let at_retry = outbox::claim_due(&t.db, retry_at, 10).await.unwrap();
        assert_eq!(at_retry.iter().map(|m| m.id).collect::<Vec<_>>(), [ids[0]]);
        let after_lease = outbox::claim_due(&t.db, now + outbox::LEASE, 10)
            .await
            .unwrap();
        assert_eq!(
            after_lease.iter().map(|m| m.id).collect::<Vec<_>>(),
            [ids[1]],
            "{}",
            t.label
        );

        // Released rows keep their attempt count and wait until told.
        let later = now + Duration::hours(1);
        let n = outbox::release(&t.db, &[ids[1]], now, later).await.unwrap();
        assert_eq!(n, 1);
        let released = outbox::get(&t.db, ids[1]).await.unwrap().unwrap();
        assert_eq!(
            (released.status, released.attempts, released.next_attempt_at),
            (OutboxStatus::Pending, 0, later)
        );
        t.drop_db().await;
    }
}

#[tokio::test]
async fn concurrent_claims_never_return_the_same_row() {
    for t in backends::all().await {
        let now = now();
        let total = 120;
        let ids = enqueue_many(&t.db, total, now).await;

        // Several workers claim in small batches until nothing is left.
        let workers = (0..6).map(|_| {
            let db = t.db.clone();
            tokio::spawn(async move {
                let mut got = Vec::new();
                loop {
                    let batch = outbox::claim_due(&db, now, 7).await.unwrap();
                    if batch.is_empty() {
                        return got;
                    }
                    got.extend(batch.into_iter().map(|m| m.id));
                }
            })
        });
        let mut seen = HashSet::new();
        let mut claims = 0;
        for worker in workers.collect::<Vec<_>>() {
            for id in worker.await.unwrap() {
                claims += 1;
                assert!(seen.insert(id), "{}: mail {id} claimed twice", t.label);
            }
        }
        assert_eq!(claims, total, "{}", t.label);
        assert_eq!(seen, ids.into_iter().collect::<HashSet<_>>());
        let counts = outbox::counts_by_status(&t.db).await.unwrap();
        assert_eq!(counts.sending, total as i64);
        t.drop_db().await;
    }
}
