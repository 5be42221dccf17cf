//! `clientDataJSON`: what the browser says the ceremony was (type,
//! challenge, origin); the authenticator signs its SHA-256.

use serde::Deserialize;

use super::{WebauthnError, base64url};

#[derive(Deserialize)]
struct Raw {
    #[serde(rename = "type")]
    kind: String,
    challenge: String,
    origin: String,
    #[serde(rename = "crossOrigin", default)]
    cross_origin: bool,
}

pub fn check(json: &[u8], kind: &str, challenge: &[u8], origin: &str) -> Result<(), WebauthnError> {
    let raw: Raw =
        serde_json::from_slice(json).map_err(|_| WebauthnError::Malformed("clientDataJSON"))?;
    if raw.kind != kind {
        return Err(WebauthnError::WrongType);
    }
    let got = base64url::decode(&raw.challenge).ok_or(WebauthnError::WrongChallenge)?;
    if got != challenge {
        return Err(WebauthnError::WrongChallenge);
    }
    // A page of another site framing ours is not our origin either.
    if raw.origin != origin || raw.cross_origin {
        return Err(WebauthnError::WrongOrigin);
    }
    Ok(())
}
