//! A ceremony's challenge between start and finish.

use chrono::Duration;
use rand::Rng;
use serde::{Deserialize, Serialize};

use kp_storage::passkeys as store;
use kp_storage::users::UserRef;

use crate::auth::{random_token, token_hash};
use crate::webauthn::{base64url_decode, base64url_encode};
use crate::{App, AppError};

/// How long the browser has between start and finish.
const LIFETIME_MINUTES: i64 = 5;

/// Who we are to the authenticator: the public URL's host and origin.
#[derive(Debug, Clone)]
pub struct RelyingParty {
    pub id: String,
    pub origin: String,
    pub name: String,
}

/// A started ceremony: the token the browser sends back with its answer,
/// and the challenge (base64url) for `navigator.credentials`.
#[derive(Debug, Clone)]
pub struct Started {
    pub token: String,
    pub challenge: String,
}

#[derive(Serialize, Deserialize)]
struct State {
    challenge: String,
    user_verification: bool,
}

pub(super) async fn start(
    app: &App,
    kind: &str,
    user: Option<UserRef>,
    user_verification: bool,
) -> Result<Started, AppError> {
    let mut challenge = [0u8; 32];
    rand::rng().fill(&mut challenge);
    let challenge = base64url_encode(&challenge);
    let token = random_token();
    let state = serde_json::to_string(&State {
        challenge: challenge.clone(),
        user_verification,
    })
    .map_err(|e| AppError::Internal(format!("ceremony state: {e}")))?;
    let expires = app.clock.now() + Duration::minutes(LIFETIME_MINUTES);
    store::start_ceremony(&app.db, &token_hash(&token), kind, user, &state, expires).await?;
    Ok(Started { token, challenge })
}

/// The challenge and whether user verification is required, once: a
/// second finish with the same token, an expired one, another kind's or
/// another user's is `NotFound`.
pub(super) async fn take(
    app: &App,
    kind: &str,
    user: Option<UserRef>,
    token: &str,
) -> Result<(Vec<u8>, bool), AppError> {
    let Some(state) =
        store::take_ceremony(&app.db, &token_hash(token), kind, user, app.clock.now()).await?
    else {
        return Err(AppError::NotFound);
    };
    let state: State = serde_json::from_str(&state)
        .map_err(|e| AppError::Internal(format!("ceremony state: {e}")))?;
    let challenge = base64url_decode(&state.challenge)
        .ok_or_else(|| AppError::Internal("ceremony challenge".into()))?;
    Ok((challenge, state.user_verification))
}
