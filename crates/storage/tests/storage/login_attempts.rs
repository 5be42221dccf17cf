use chrono::{Duration, Utc};
use kp_storage::login_attempts::{self, Attempt, Outcome};

use crate::backends;

fn attempt<'a>(email: &'a str, ip: &'a str, device: Option<&'a str>) -> Attempt<'a> {
    Attempt {
        email,
        ip,
        device,
        user_agent: "test",
        at: Utc::now(),
    }
}

#[tokio::test]
async fn attempts_are_counted_per_browser_account_and_address() {
    for t in backends::all().await {
        let since = Utc::now() - Duration::minutes(5);
        let db = &t.db;
        for _ in 0..3 {
            let (id, _) = login_attempts::begin(db, &attempt("a@x.org", "10.0.0.1", None), since)
                .await
                .unwrap();
            login_attempts::finish(db, id, Outcome::Failed)
                .await
                .unwrap();
        }
        // A refused attempt checked no password: it does not count.
        let (id, _) = login_attempts::begin(db, &attempt("a@x.org", "10.0.0.1", None), since)
            .await
            .unwrap();
        login_attempts::finish(db, id, Outcome::Refused)
            .await
            .unwrap();
        // One still pending counts like a failure.
        login_attempts::begin(db, &attempt("a@x.org", "10.0.0.2", None), since)
            .await
            .unwrap();

        let (_, counts) = login_attempts::begin(db, &attempt("a@x.org", "10.0.0.1", None), since)
            .await
            .unwrap();
        assert_eq!(counts.browser.count, 3, "{}", t.label);
        assert_eq!(counts.account.count, 4, "{}", t.label);
        assert_eq!(counts.ip.count, 3, "{}", t.label);
        assert!(counts.browser.last_at.is_some(), "{}", t.label);

        // A known browser has its own counter and adds to no other.
        let (id, counts) =
            login_attempts::begin(db, &attempt("a@x.org", "10.0.0.1", Some("n1")), since)
                .await
                .unwrap();
        assert_eq!(counts.browser.count, 0, "{}", t.label);
        login_attempts::finish(db, id, Outcome::Failed)
            .await
            .unwrap();
        let (id, counts) =
            login_attempts::begin(db, &attempt("a@x.org", "10.0.0.1", Some("n1")), since)
                .await
                .unwrap();
        assert_eq!(counts.browser.count, 1, "{}", t.label);
        login_attempts::finish(db, id, Outcome::Succeeded)
            .await
            .unwrap();
        // A success resets that browser's counter, not the account's.
        let (_, counts) =
            login_attempts::begin(db, &attempt("a@x.org", "10.0.0.9", Some("n1")), since)
                .await
                .unwrap();
        assert_eq!(counts.browser.count, 0, "{}", t.label);
        let (_, counts) = login_attempts::begin(db, &attempt("a@x.org", "10.0.0.9", None), since)
            .await
            .unwrap();
        // 3 failed, 2 left pending; refused and known-browser ones do not count.
        assert_eq!(counts.account.count, 5, "{}", t.label);

        // Older than the window: forgotten.
        let (_, counts) = login_attempts::begin(
            db,
            &attempt("a@x.org", "10.0.0.1", None),
            Utc::now() + Duration::minutes(1),
        )
        .await
        .unwrap();
        assert_eq!(counts.account.count, 0, "{}", t.label);
        t.drop_db().await;
    }
}

#[tokio::test]
async fn parallel_attempts_all_count() {
    for t in backends::all().await {
        let since = Utc::now() - Duration::minutes(5);
        let mut tasks = Vec::new();
        for _ in 0..64 {
            let db = t.db.clone();
            tasks.push(tokio::spawn(async move {
                login_attempts::begin(&db, &attempt("p@x.org", "10.0.0.1", None), since)
                    .await
                    .unwrap()
                    .1
                    .account
                    .count
            }));
        }
        let mut seen = Vec::new();
        for task in tasks {
            seen.push(task.await.unwrap());
        }
        let outcomes = login_attempts::outcomes(&t.db, "p@x.org").await.unwrap();
        assert_eq!(outcomes, vec![("pending".to_owned(), 64)], "{}", t.label);
        // Serialised on SQLite, each saw all before it; the last saw 63.
        assert_eq!(seen.iter().max(), Some(&63), "{}: {seen:?}", t.label);
        t.drop_db().await;
    }
}
