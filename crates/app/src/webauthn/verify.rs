//! The two ceremonies' checks: registration (`navigator.credentials.create`)
//! and assertion (`navigator.credentials.get`).

use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use sha2::{Digest, Sha256};

use super::auth_data::{self, USER_PRESENT, USER_VERIFIED};
use super::{WebauthnError, client_data, cose};

/// What the server expects of an answer: its relying party id (the public
/// URL's host), origin (scheme://host[:port] of the public URL), the
/// challenge it issued, and whether the user must have been verified
/// (PIN or biometrics: passwordless sign-in).
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    pub rp_id: &'a str,
    pub origin: &'a str,
    pub challenge: &'a [u8],
    pub user_verification: bool,
}

/// A verified new credential, to be stored with its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCredential {
    pub credential_id: Vec<u8>,
    /// Uncompressed SEC1 P-256 point.
    pub public_key: Vec<u8>,
    pub sign_count: u32,
}

/// What is stored of a credential to check an assertion.
#[derive(Debug, Clone, Copy)]
pub struct StoredCredential<'a> {
    pub public_key: &'a [u8],
    pub sign_count: u32,
}

fn check_auth_data(
    data: &auth_data::AuthData<'_>,
    expected: &Expected<'_>,
) -> Result<(), WebauthnError> {
    if data.rp_id_hash != Sha256::digest(expected.rp_id.as_bytes()).as_slice() {
        return Err(WebauthnError::WrongRpId);
    }
    if data.flags & USER_PRESENT == 0 {
        return Err(WebauthnError::NoUserPresence);
    }
    if expected.user_verification && data.flags & USER_VERIFIED == 0 {
        return Err(WebauthnError::NoUserVerification);
    }
    Ok(())
}

pub fn verify_registration(
    expected: &Expected<'_>,
    client_data_json: &[u8],
    attestation_object: &[u8],
) -> Result<NewCredential, WebauthnError> {
    client_data::check(
        client_data_json,
        "webauthn.create",
        expected.challenge,
        expected.origin,
    )?;
    let raw = cose::attestation_auth_data(attestation_object)?;
    let data = auth_data::parse(raw)?;
    check_auth_data(&data, expected)?;
    let Some((id, key)) = data.attested else {
        return Err(WebauthnError::Malformed("attested credential data"));
    };
    let (public_key, _) = cose::es256_public_key(key)?;
    // A point off the curve is refused now, not at the first sign-in.
    VerifyingKey::from_sec1_bytes(&public_key).map_err(|_| WebauthnError::UnsupportedKey)?;
    Ok(NewCredential {
        credential_id: id.to_vec(),
        public_key,
        sign_count: data.sign_count,
    })
}

/// Checks an assertion against the stored credential; returns the new
/// sign count to store.
pub fn verify_assertion(
    expected: &Expected<'_>,
    stored: StoredCredential<'_>,
    client_data_json: &[u8],
    authenticator_data: &[u8],
    signature_der: &[u8],
) -> Result<u32, WebauthnError> {
    client_data::check(
        client_data_json,
        "webauthn.get",
        expected.challenge,
        expected.origin,
    )?;
    let data = auth_data::parse(authenticator_data)?;
    check_auth_data(&data, expected)?;
    let key = VerifyingKey::from_sec1_bytes(stored.public_key)
        .map_err(|_| WebauthnError::UnsupportedKey)?;
    let signature = Signature::from_der(signature_der).map_err(|_| WebauthnError::BadSignature)?;
    let mut message = authenticator_data.to_vec();
    message.extend_from_slice(&Sha256::digest(client_data_json));
    key.verify(&message, &signature)
        .map_err(|_| WebauthnError::BadSignature)?;
    // Authenticators that keep no counter send 0 every time; one that
    // counts must count up, or the key may have been cloned.
    if (data.sign_count != 0 || stored.sign_count != 0) && data.sign_count <= stored.sign_count {
        return Err(WebauthnError::CounterBackwards);
    }
    Ok(data.sign_count)
}
