use std::net::IpAddr;

use chrono::Duration;
use kp_app::AppError;
use kp_app::auth::{self, LoginRequest};
use kp_storage::login_attempts;

use crate::harness::{TestApp, spawn_app};

const EMAIL: &str = "owner@makler.test";
const PASSWORD: &str = "correct horse battery";

async fn app_with_owner() -> TestApp {
    let t = spawn_app().await;
    kp_app::staff::create_admin(&t.app, EMAIL, "Owner", PASSWORD)
        .await
        .unwrap();
    t
}

fn request<'a>(email: &'a str, password: &'a str, ip: &str) -> LoginRequest<'a> {
    LoginRequest {
        email,
        password,
        client: ip.parse::<IpAddr>().unwrap(),
        device_cookie: None,
        previous_session: None,
        language: None,
        user_agent: "test",
    }
}

#[tokio::test]
async fn parallel_wrong_attempts_are_all_counted_before_any_check() {
    let t = app_with_owner().await;
    let mut tasks = Vec::new();
    for _ in 0..64 {
        let app = t.app.clone();
        tasks.push(tokio::spawn(async move {
            auth::login(&app, request(EMAIL, "wrong password", "10.0.0.7")).await
        }));
    }
    let mut wrong = 0;
    let mut throttled = 0;
    for task in tasks {
        match task.await.unwrap() {
            Err(AppError::InvalidCredentials) => wrong += 1,
            Err(AppError::TooManyAttempts { .. }) | Err(AppError::Busy { .. }) => throttled += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    let stored = login_attempts::outcomes(&t.db, EMAIL).await.unwrap();
    let total: i64 = stored.iter().map(|(_, n)| n).sum();
    assert_eq!(total, 64, "{stored:?}");
    let free = t.app.policy.login_free_failures_per_device;
    // Only the free failures reached a password check (fewer if the check
    // queue was full, as on a single core); every other attempt saw them
    // in flight and was refused.
    assert!(wrong >= 1 && wrong <= free, "{wrong} {stored:?}");
    assert_eq!(wrong + throttled, 64);
    assert_eq!(t.app.password_checks(), u64::try_from(wrong).unwrap());
    assert_eq!(
        stored,
        vec![
            ("failed".to_owned(), wrong),
            ("refused".to_owned(), 64 - wrong)
        ]
    );
}

#[tokio::test]
async fn over_long_input_fails_without_hashing() {
    let t = app_with_owner().await;
    let long_email = format!("{}@makler.test", "a".repeat(250));
    let long_password = "p".repeat(1025);
    for (email, password) in [
        (long_email.as_str(), PASSWORD),
        (EMAIL, long_password.as_str()),
    ] {
        let result = auth::login(&t.app, request(email, password, "10.0.0.7")).await;
        assert!(matches!(result, Err(AppError::InvalidCredentials)));
    }
    assert_eq!(t.app.password_checks(), 0);
    // The limits themselves are allowed.
    let longest = "p".repeat(1024);
    let result = auth::login(&t.app, request(EMAIL, &longest, "10.0.0.7")).await;
    assert!(matches!(result, Err(AppError::InvalidCredentials)));
    assert_eq!(t.app.password_checks(), 1);
}

#[tokio::test]
async fn a_known_device_is_not_slowed_by_someone_elses_failures() {
    let t = app_with_owner().await;
    let owner = auth::login(&t.app, request(EMAIL, PASSWORD, "10.0.0.1"))
        .await
        .unwrap();
    // Guesses from one address, each after waiting out its pause, until the
    // account counter for unseen browsers is past its free failures.
    let mut failures = 0;
    while failures < t.app.policy.login_free_failures_per_account + 2 {
        match auth::login(&t.app, request(EMAIL, "guess", "10.6.6.6")).await {
            Err(AppError::InvalidCredentials) => failures += 1,
            Err(AppError::TooManyAttempts { retry_after_secs }) => t
                .clock
                .advance(Duration::seconds(i64::try_from(retry_after_secs).unwrap())),
            other => panic!("unexpected {other:?}"),
        }
    }
    let stranger = auth::login(&t.app, request(EMAIL, PASSWORD, "10.0.0.2")).await;
    assert!(
        matches!(stranger, Err(AppError::TooManyAttempts { .. })),
        "{stranger:?}"
    );
    let known = LoginRequest {
        device_cookie: owner.device_cookie.as_deref(),
        ..request(EMAIL, PASSWORD, "10.6.6.6")
    };
    auth::login(&t.app, known).await.unwrap();
}

#[tokio::test]
async fn sessions_end_after_the_absolute_lifetime_however_active() {
    let t = app_with_owner().await;
    let logged_in = auth::login(&t.app, request(EMAIL, PASSWORD, "10.0.0.1"))
        .await
        .unwrap();
    let hours = t.app.policy.session_absolute_hours;
    for _ in 0..(hours * 2 - 1) {
        t.clock.advance(Duration::minutes(30));
        assert!(
            auth::session(&t.app, &logged_in.token)
                .await
                .unwrap()
                .is_some(),
            "an active session lives until its absolute end"
        );
    }
    t.clock.advance(Duration::minutes(30));
    assert!(
        auth::session(&t.app, &logged_in.token)
            .await
            .unwrap()
            .is_none()
    );
    // Housekeeping removes it too.
    auth::prune(&t.app).await.unwrap();
    let (left,): (i64,) =
        t.db.fetch_one(kp_storage::Sql::new("SELECT COUNT(*) FROM sessions"))
            .await
            .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn login_replaces_the_browsers_previous_session() {
    let t = app_with_owner().await;
    let first = auth::login(&t.app, request(EMAIL, PASSWORD, "10.0.0.1"))
        .await
        .unwrap();
    let second = auth::login(
        &t.app,
        LoginRequest {
            previous_session: Some(&first.token),
            ..request(EMAIL, PASSWORD, "10.0.0.1")
        },
    )
    .await
    .unwrap();
    assert!(auth::session(&t.app, &first.token).await.unwrap().is_none());
    assert!(
        auth::session(&t.app, &second.token)
            .await
            .unwrap()
            .is_some()
    );
}
