//! Proving a passkey: as the second factor of `user`, or (`user` None)
//! instead of the password, where the key's owner is the one signing in.

use std::net::IpAddr;

use chrono::Duration;
use kp_storage::passkeys as store;
use kp_storage::request_throttle;
use kp_storage::users::UserRef;

use super::Credential;
use super::ceremony::{self, RelyingParty, Started};
use crate::webauthn::{self, Expected, StoredCredential, base64url_decode};
use crate::{App, AppError};

const SECOND_FACTOR: &str = "second_factor";

/// Passwordless ceremonies one client address may start per window. Each
/// stores a row before anyone is known, so an anonymous caller must not be
/// able to make them without bound; a person needs one or two.
const PASSWORDLESS_PER_ADDRESS: i64 = 30;
const PASSWORDLESS_WINDOW_MINUTES: i64 = 10;
const PASSWORDLESS_THROTTLE: &str = "passkey_passwordless";
const PASSWORDLESS: &str = "passwordless";

fn kind(user: Option<UserRef>) -> &'static str {
    if user.is_some() {
        SECOND_FACTOR
    } else {
        PASSWORDLESS
    }
}

/// Passwordless sign-in requires user verification (PIN, biometrics): the
/// passkey then stands for both factors.
pub async fn start_assertion(app: &App, user: Option<UserRef>) -> Result<Started, AppError> {
    ceremony::start(app, kind(user), user, user.is_none()).await
}

/// Starts a passwordless sign-in for an anonymous browser at `client`;
/// `TooManyAttempts` beyond [`PASSWORDLESS_PER_ADDRESS`] per window.
pub async fn start_passwordless(app: &App, client: IpAddr) -> Result<Started, AppError> {
    let now = app.clock.now();
    let ip = client.to_string();
    let since = now - Duration::minutes(PASSWORDLESS_WINDOW_MINUTES);
    let mut tx = app.db.begin().await?;
    let recent = request_throttle::count_since(&mut tx, PASSWORDLESS_THROTTLE, &ip, since).await?;
    if recent >= PASSWORDLESS_PER_ADDRESS {
        tracing::warn!(%ip, "passwordless sign-in refused: too many ceremonies");
        return Err(AppError::TooManyAttempts {
            retry_after_secs: u64::try_from(PASSWORDLESS_WINDOW_MINUTES * 60).unwrap_or(600),
        });
    }
    request_throttle::record(&mut tx, PASSWORDLESS_THROTTLE, &ip, now).await?;
    tx.commit().await?;
    start_assertion(app, None).await
}

/// The browser's answer to `navigator.credentials.get`, as sent.
#[derive(Debug, Clone)]
pub struct Assertion<'a> {
    /// Base64url, as the browser reports it.
    pub credential_id: &'a str,
    pub client_data_json: &'a [u8],
    pub authenticator_data: &'a [u8],
    pub signature: &'a [u8],
    /// The `userHandle` the authenticator stored with a discoverable
    /// credential (base64url), when the browser reported one.
    pub user_handle: Option<&'a str>,
}

/// Returns the user the passkey belongs to. Any refusal — unknown
/// credential, another user's, a replayed or expired challenge, a bad
/// signature — is `InvalidCredentials`, alike for the browser.
pub async fn finish_assertion(
    app: &App,
    rp: &RelyingParty,
    user: Option<UserRef>,
    token: &str,
    answer: &Assertion<'_>,
) -> Result<UserRef, AppError> {
    let refuse = |why: &str| {
        tracing::info!(why, "passkey sign-in refused");
        AppError::InvalidCredentials
    };
    let (challenge, user_verification) = match ceremony::take(app, kind(user), user, token).await {
        Ok(c) => c,
        Err(AppError::NotFound) => return Err(refuse("no such ceremony")),
        Err(e) => return Err(e),
    };
    let Some(found) = store::by_credential_id(&app.db, answer.credential_id).await? else {
        return Err(refuse("unknown credential"));
    };
    if user.is_some_and(|u| u != found.user) {
        return Err(refuse("another user's credential"));
    }
    // WebAuthn §7.2 step 6: without a user named beforehand the handle
    // must be present, and where present it must be the credential's
    // owner's, so a credential id reassigned by a compromised store does
    // not sign in someone else.
    match answer.user_handle {
        Some(handle) if handle != super::user_handle(found.user) => {
            return Err(refuse("user handle of another user"));
        }
        None if user.is_none() => return Err(refuse("no user handle")),
        _ => {}
    }
    let mut credential: Credential = serde_json::from_str(&found.credential)
        .map_err(|e| AppError::Internal(format!("credential: {e}")))?;
    let public_key = base64url_decode(&credential.public_key)
        .ok_or_else(|| AppError::Internal("credential key".into()))?;
    let expected = Expected {
        rp_id: &rp.id,
        origin: &rp.origin,
        challenge: &challenge,
        user_verification,
    };
    let stored = StoredCredential {
        public_key: &public_key,
        sign_count: credential.sign_count,
    };
    credential.sign_count = webauthn::verify_assertion(
        &expected,
        stored,
        answer.client_data_json,
        answer.authenticator_data,
        answer.signature,
    )
    .map_err(|e| refuse(&e.to_string()))?;
    let json = serde_json::to_string(&credential)
        .map_err(|e| AppError::Internal(format!("credential: {e}")))?;
    store::used(&app.db, found.id, &json, app.clock.now()).await?;
    Ok(found.user)
}
