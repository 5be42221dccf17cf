//! Action links sent by mail (invitation, password reset, and for later
//! flows e-mail verification and change): a random 32-byte token in the
//! link, only its SHA-256 stored, single use, with an expiry checked on
//! the server. An unknown, used and expired token all look the same to
//! the caller ([`None`]), so a link reveals nothing about accounts.

use chrono::Duration;
use kp_storage::Tx;
use kp_storage::link_tokens::{self, LinkToken, NewLinkToken};
use kp_storage::users::UserRef;

use crate::auth::{random_token, token_hash};
use crate::{App, AppError};

/// What a link is for; a token of one purpose never works for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Activation,
    PasswordReset,
    RegistrationVerify,
    EmailChange,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::Activation => "activation",
            Purpose::PasswordReset => "password_reset",
            Purpose::RegistrationVerify => "registration_verify",
            Purpose::EmailChange => "email_change",
        }
    }
}

/// Longest token accepted from a link; real ones are 64 hex characters.
const MAX_TOKEN_CHARS: usize = 128;

/// Makes a new token for `user` valid for `valid_for`, voiding the user's
/// earlier unused ones of the same purpose, in the caller's transaction.
/// Returns the raw token for the link; it is not kept.
pub async fn issue(
    app: &App,
    tx: &mut Tx,
    purpose: Purpose,
    user: UserRef,
    payload: Option<&str>,
    valid_for: Duration,
) -> Result<String, AppError> {
    let now = app.clock.now();
    link_tokens::invalidate(tx, user, purpose.code(), now).await?;
    let token = random_token();
    link_tokens::create(
        tx,
        &NewLinkToken {
            token_hash: &token_hash(&token),
            purpose: purpose.code(),
            user,
            payload,
            expires_at: now + valid_for,
            now,
        },
    )
    .await?;
    Ok(token)
}

fn plausible(token: &str) -> bool {
    !token.is_empty() && token.len() <= MAX_TOKEN_CHARS
}

/// The token if it can still be used, without using it (to show the form
/// the link opens).
pub async fn peek(app: &App, purpose: Purpose, token: &str) -> Result<Option<LinkToken>, AppError> {
    if !plausible(token) {
        return Ok(None);
    }
    Ok(
        link_tokens::find_valid(&app.db, &token_hash(token), purpose.code(), app.clock.now())
            .await?,
    )
}

/// Uses the token in the caller's transaction: `None` when it is unknown,
/// used or expired. If the transaction is rolled back, the token stays
/// usable.
pub async fn consume(
    app: &App,
    tx: &mut Tx,
    purpose: Purpose,
    token: &str,
) -> Result<Option<LinkToken>, AppError> {
    if !plausible(token) {
        return Ok(None);
    }
    Ok(link_tokens::consume(tx, &token_hash(token), purpose.code(), app.clock.now()).await?)
}
