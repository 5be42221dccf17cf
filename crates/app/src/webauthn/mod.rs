//! Passkeys (WebAuthn) verified by us, for ES256 (ECDSA P-256 with
//! SHA-256) only, instead of `webauthn-rs` and its ~250 crates
//! (docs/architecture.md, docs/supply-chain.md). Every authenticator and
//! browser supports ES256. Registrations are accepted with any attestation
//! format but its statement is ignored: we do not trust attestation, we
//! only bind the new public key to the signed-in user.
//!
//! This module checks ceremonies; keeping the challenge (single use,
//! expiring, in `webauthn_ceremonies`) and the credentials is the callers'.

mod auth_data;
mod base64url;
mod client_data;
mod cose;
mod verify;

pub use base64url::{decode as base64url_decode, encode as base64url_encode};
pub use verify::{
    Expected, NewCredential, StoredCredential, verify_assertion, verify_registration,
};

/// Why a ceremony's answer was refused. Never shown in detail to the
/// user (one message for all); logged for diagnosis.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebauthnError {
    #[error("malformed {0}")]
    Malformed(&'static str),
    #[error("wrong ceremony type")]
    WrongType,
    #[error("challenge does not match")]
    WrongChallenge,
    #[error("origin does not match")]
    WrongOrigin,
    #[error("relying party id hash does not match")]
    WrongRpId,
    #[error("user presence flag missing")]
    NoUserPresence,
    #[error("user verification flag missing")]
    NoUserVerification,
    #[error("unsupported key (only ES256 on P-256)")]
    UnsupportedKey,
    #[error("bad signature")]
    BadSignature,
    #[error("signature counter went backwards")]
    CounterBackwards,
}

#[cfg(test)]
mod tests;
