//! Signing in with a passkey: instead of the password (the user found from
//! the credential; with user verification the passkey stands for both
//! factors), as the second factor of a half-signed-in session, and as the
//! enrolment the broker's policy asks for right after the password.
//!
//! Each attempt goes through the login throttle and into the sign-in
//! history like a password (`login_attempts`): under the owner's e-mail
//! when the credential id the browser names is registered, otherwise under
//! that id alone.

use kp_domain::Language;
use kp_storage::login_attempts::{self, Outcome};
use kp_storage::passkeys as store;
use kp_storage::sessions::cut;
use kp_storage::users;

use super::ceremony::RelyingParty;
use super::sign_in::{Assertion, finish_assertion};
use crate::auth::{self, LoggedIn, NewLogin, Pending, Stage};
use crate::two_factor::sign_in::{self as two_step, Browser, Completed};
use crate::{App, AppError};

/// A passwordless sign-in as the browser sent it.
#[derive(Debug, Clone)]
pub struct PasskeyLogin<'a> {
    pub token: &'a str,
    pub answer: Assertion<'a>,
    pub from: Browser<'a>,
    /// The browser's current session token: replaced by the new one.
    pub previous_session: Option<&'a str>,
    /// The language chosen on the login page, over the stored one.
    pub language: Option<Language>,
}

async fn settle(app: &App, attempt: i64, outcome: Outcome) -> Result<(), AppError> {
    login_attempts::finish(&app.db, attempt, outcome).await?;
    Ok(())
}

/// Signs in the owner of a verified passkey, fully: the consent gate still
/// runs on the new session (its `consent_check` is set as at every
/// sign-in). Any refusal is `InvalidCredentials`, alike for the browser.
pub async fn without_password(
    app: &App,
    rp: &RelyingParty,
    req: PasskeyLogin<'_>,
) -> Result<LoggedIn, AppError> {
    let claimed = store::by_credential_id(&app.db, req.answer.credential_id).await?;
    let owner = match &claimed {
        Some(found) => users::principal(&app.db, found.user).await?,
        None => None,
    };
    let account = match &owner {
        Some(principal) => users::normalize_email(&principal.email),
        None => format!("passkey:{}", cut(req.answer.credential_id, 64)),
    };
    let attempt =
        two_step::begin_attempt(app, &account, claimed.as_ref().map(|c| c.user), req.from).await?;
    let user = match finish_assertion(app, rp, None, req.token, &req.answer).await {
        Ok(user) => user,
        Err(AppError::InvalidCredentials) => {
            settle(app, attempt, Outcome::Failed).await?;
            let ip = req.from.client.to_string();
            let claimed_user = claimed.as_ref().map(|c| c.user);
            crate::audit_log::sign_in(app, claimed_user, &account, "sign_in.failed", &ip).await?;
            return Err(AppError::InvalidCredentials);
        }
        Err(other) => {
            settle(app, attempt, Outcome::Refused).await?;
            return Err(other);
        }
    };
    // A deactivated account has no principal: refused like a wrong key.
    let credentials = match &owner {
        Some(principal) => users::credentials_by_email(&app.db, &principal.email)
            .await?
            .filter(|c| c.user == user && c.can_log_in),
        None => None,
    };
    let ip = req.from.client.to_string();
    let Some(credentials) = credentials else {
        tracing::info!(?user, "passkey sign-in refused: account cannot sign in");
        settle(app, attempt, Outcome::Failed).await?;
        crate::audit_log::sign_in(app, Some(user), &account, "sign_in.failed", &ip).await?;
        return Err(AppError::InvalidCredentials);
    };
    settle(app, attempt, Outcome::Succeeded).await?;
    crate::audit_log::sign_in(app, Some(user), &account, "sign_in.succeeded", &ip).await?;
    auth::open_session(
        app,
        NewLogin {
            user,
            language: req.language.unwrap_or(credentials.language),
            // A passkey is a factor itself: the enrolment policy is met.
            stage: Stage::Full,
            attempt,
            previous_session: req.previous_session,
            user_agent: req.from.user_agent,
            ip: &ip,
        },
    )
    .await
}

/// A passkey as the second factor of the half-signed-in session `pending`.
pub async fn second_factor(
    app: &App,
    rp: &RelyingParty,
    pending: &Pending,
    token: &str,
    answer: &Assertion<'_>,
    from: Browser<'_>,
) -> Result<Completed, AppError> {
    if pending.stage != Stage::SecondFactor {
        return Err(AppError::Forbidden);
    }
    let email = users::normalize_email(&pending.email);
    let ip = from.client.to_string();
    let user = Some(pending.user);
    let attempt = two_step::begin_attempt(app, &email, user, from).await?;
    match finish_assertion(app, rp, user, token, answer).await {
        Ok(_) => {
            settle(app, attempt, Outcome::Succeeded).await?;
            crate::audit_log::sign_in(app, user, &email, "sign_in.succeeded", &ip).await?;
            two_step::complete(app, pending).await
        }
        Err(AppError::InvalidCredentials) => {
            settle(app, attempt, Outcome::Failed).await?;
            let action = "sign_in.second_factor_failed";
            crate::audit_log::sign_in(app, user, &email, action, &ip).await?;
            Err(AppError::InvalidCredentials)
        }
        Err(other) => {
            settle(app, attempt, Outcome::Refused).await?;
            Err(other)
        }
    }
}

/// The enrolment the policy requires, with a passkey: registered for the
/// half-signed-in user, and the sign-in completes.
pub async fn enrol(
    app: &App,
    rp: &RelyingParty,
    pending: &Pending,
    answer: super::Registration<'_>,
) -> Result<Completed, AppError> {
    if pending.stage != Stage::Enrol {
        return Err(AppError::Forbidden);
    }
    super::register::finish(app, rp, pending.user, answer).await?;
    two_step::complete(app, pending).await
}
