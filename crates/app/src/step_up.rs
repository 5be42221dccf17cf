//! Asking a signed-in user for their password again before something that
//! needs more than an open session: changing the password, viewing the
//! portal as a customer (ASVS 7.5.3).
//!
//! A wrong password counts as a failed login of the account from this
//! address, under the same throttle: a stolen session cannot be used to
//! guess the password faster than the login form allows. A correct one is
//! forgotten again (it was no sign-in).

use std::net::IpAddr;

use chrono::Duration;
use kp_storage::login_attempts::{self, Attempt, Outcome};
use kp_storage::users::UserRef;

use crate::auth::MAX_PASSWORD_CHARS;
use crate::{App, AppError, login_throttle};

/// The password to check and where the form came from.
pub struct StepUp<'a> {
    pub user: UserRef,
    pub email: &'a str,
    pub password: &'a str,
    pub client: IpAddr,
    pub user_agent: &'a str,
}

/// Whether `password` is the user's; `TooManyAttempts` while the
/// throttle holds the account or address.
pub async fn password_ok(app: &App, s: &StepUp<'_>) -> Result<bool, AppError> {
    let email = kp_storage::users::normalize_email(s.email);
    let now = app.clock.now();
    let ip = s.client.to_string();
    let (attempt, counts) = login_attempts::begin(
        &app.db,
        &Attempt {
            email: &email,
            ip: &ip,
            device: None,
            user_agent: s.user_agent,
            at: now,
        },
        now - Duration::minutes(app.policy.login_window_minutes),
    )
    .await?;
    if let Some(wait) = login_throttle::wait_secs(&app.policy, &counts, false, now) {
        login_attempts::finish(&app.db, attempt, Outcome::Refused).await?;
        return Err(AppError::TooManyAttempts {
            retry_after_secs: wait,
        });
    }
    // The bounded checker, like a login: these forms cannot keep every
    // core hashing either.
    let stored = kp_storage::account::password_hash(&app.db, s.user).await?;
    let verified = if s.password.chars().count() <= MAX_PASSWORD_CHARS && stored.is_some() {
        app.passwords.verify(s.password.to_owned(), stored).await
    } else {
        Ok(false)
    };
    match verified {
        Ok(true) => login_attempts::discard(&app.db, attempt).await?,
        Ok(false) => login_attempts::finish(&app.db, attempt, Outcome::Failed).await?,
        Err(err) => {
            login_attempts::finish(&app.db, attempt, Outcome::Refused).await?;
            return Err(err);
        }
    }
    verified
}
