//! The `publicKey` options for `navigator.credentials`, as JSON with the
//! binary values in base64url (the script decodes them).

use axum::http::StatusCode;
use axum::response::Response;
use kp_app::passkeys::{RelyingParty, Started};
use serde_json::{Value, json};

use crate::api::json::json as json_answer;

/// How long the browser lets the user answer (ms); the ceremony itself
/// lives five minutes on the server.
const TIMEOUT_MS: u64 = 240_000;

fn credentials(ids: &[String]) -> Vec<Value> {
    ids.iter()
        .map(|id| json!({ "type": "public-key", "id": id }))
        .collect()
}

/// Who the new passkey is for.
pub(super) struct NewFor<'a> {
    pub handle: String,
    pub email: &'a str,
    pub name: &'a str,
    /// The user's passkeys: the authenticator is not to make a second.
    pub existing: Vec<String>,
}

/// Options for `navigator.credentials.create`: an ES256 key, discoverable
/// (so that it can sign in without an e-mail), no attestation.
pub(super) fn creation(rp: &RelyingParty, started: &Started, user: NewFor<'_>) -> Response {
    json_answer(
        StatusCode::OK,
        &json!({
            "token": started.token,
            "publicKey": {
                "challenge": started.challenge,
                "rp": { "id": rp.id, "name": rp.name },
                "user": { "id": user.handle, "name": user.email, "displayName": user.name },
                "pubKeyCredParams": [{ "type": "public-key", "alg": -7 }],
                "timeout": TIMEOUT_MS,
                "attestation": "none",
                "authenticatorSelection": {
                    "residentKey": "required",
                    "requireResidentKey": true,
                    "userVerification": "preferred"
                },
                "excludeCredentials": credentials(&user.existing),
            }
        }),
    )
}

/// Options for `navigator.credentials.get`: any discoverable passkey with
/// user verification (passwordless), or one of `allow` (second factor).
pub(super) fn request(rp: &RelyingParty, started: &Started, allow: Option<&[String]>) -> Response {
    let verification = if allow.is_some() {
        "preferred"
    } else {
        "required"
    };
    json_answer(
        StatusCode::OK,
        &json!({
            "token": started.token,
            "publicKey": {
                "challenge": started.challenge,
                "rpId": rp.id,
                "timeout": TIMEOUT_MS,
                "userVerification": verification,
                "allowCredentials": credentials(allow.unwrap_or_default()),
            }
        }),
    )
}
