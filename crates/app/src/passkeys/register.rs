//! Registering a passkey for the signed-in user.

use kp_storage::passkeys as store;
use kp_storage::users::UserRef;

use super::Credential;
use super::ceremony::{self, RelyingParty, Started};
use crate::webauthn::{self, Expected, base64url_encode};
use crate::{App, AppError};
use sha2::{Digest, Sha256};

const KIND: &str = "register";

pub async fn start_registration(app: &App, user: UserRef) -> Result<Started, AppError> {
    ceremony::start(app, KIND, Some(user), false).await
}

/// The opaque user handle the authenticator stores with a discoverable
/// credential (`user.id`): stable per user, no e-mail or name in it. Sign-in
/// finds the user from the credential id, not from this.
pub fn user_handle(user: UserRef) -> String {
    let who = match user {
        UserRef::Staff(id) => format!("kundenportal:staff:{}", id.0),
        UserRef::Portal(id) => format!("kundenportal:portal:{}", id.0),
    };
    base64url_encode(&Sha256::digest(who.as_bytes())[..16])
}

/// The browser's answer to `navigator.credentials.create`, with the name
/// the user gave the passkey.
#[derive(Debug, Clone, Copy)]
pub struct Registration<'a> {
    pub token: &'a str,
    pub name: &'a str,
    pub client_data_json: &'a [u8],
    pub attestation_object: &'a [u8],
}

pub(super) async fn finish(
    app: &App,
    rp: &RelyingParty,
    user: UserRef,
    answer: Registration<'_>,
) -> Result<i64, AppError> {
    finish_registration(
        app,
        rp,
        user,
        answer.token,
        answer.name,
        answer.client_data_json,
        answer.attestation_object,
    )
    .await
}

/// Verifies the browser's answer and stores the passkey under `name`;
/// returns its id. A refused answer is `Invalid` (logged, one message for
/// the user); a credential id registered already is `Conflict`.
pub async fn finish_registration(
    app: &App,
    rp: &RelyingParty,
    user: UserRef,
    token: &str,
    name: &str,
    client_data_json: &[u8],
    attestation_object: &[u8],
) -> Result<i64, AppError> {
    let name = super::manage::checked_name(name)?;
    let (challenge, user_verification) = ceremony::take(app, KIND, Some(user), token).await?;
    let expected = Expected {
        rp_id: &rp.id,
        origin: &rp.origin,
        challenge: &challenge,
        user_verification,
    };
    let new = webauthn::verify_registration(&expected, client_data_json, attestation_object)
        .map_err(|e| {
            tracing::info!(error = %e, "passkey registration refused");
            AppError::Invalid(e.to_string())
        })?;
    let credential_id = base64url_encode(&new.credential_id);
    if store::by_credential_id(&app.db, &credential_id)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict);
    }
    let credential = serde_json::to_string(&Credential {
        public_key: base64url_encode(&new.public_key),
        sign_count: new.sign_count,
    })
    .map_err(|e| AppError::Internal(format!("credential: {e}")))?;
    // The UNIQUE credential_id settles a parallel registration of the
    // same key: the second insert fails.
    Ok(store::insert(
        &app.db,
        user,
        &credential_id,
        name,
        &credential,
        app.clock.now(),
    )
    .await?)
}
