//! Encryption at rest with the key from the configuration
//! (`[security] encryption_key`): AES-256-GCM with a random 96-bit nonce
//! per value. The purpose (e.g. `totp:portal:7`) is bound in as associated
//! data, so a sealed value copied to another row or use does not open.
//! Document blobs are sealed with the same key in `kp_documents`, which
//! derives a key per file from it ([`EncryptionKey::blob_key`]).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use rand::Rng;

use crate::AppError;

/// Prefix of a sealed value: the format version, so the key or cipher can
/// change later without guessing.
const VERSION: &str = "v1:";

/// A 256-bit key. Its `Debug` shows nothing of the key.
#[derive(Clone)]
pub struct EncryptionKey([u8; 32]);

impl std::fmt::Debug for EncryptionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EncryptionKey(..)")
    }
}

impl EncryptionKey {
    /// From 64 hex digits (the configuration's form).
    pub fn from_hex(text: &str) -> Result<EncryptionKey, String> {
        let bytes = hex::decode(text.trim()).map_err(|_| "not hexadecimal".to_owned())?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| "must be 64 hex digits (32 bytes)".to_owned())?;
        Ok(EncryptionKey(key))
    }

    pub fn random() -> EncryptionKey {
        let mut key = [0u8; 32];
        rand::rng().fill(&mut key);
        EncryptionKey(key)
    }

    /// The key for the blob store, which derives a separate key per file
    /// (HKDF with the file's salt), so values sealed here and blobs never
    /// share a key.
    pub fn blob_key(&self) -> kp_documents::BlobKey {
        kp_documents::BlobKey::new(self.0)
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// `v1:` + hex(nonce ‖ ciphertext ‖ tag).
    pub fn seal(&self, purpose: &str, plaintext: &[u8]) -> Result<String, AppError> {
        let cipher = Aes256Gcm::new(&self.0.into());
        let mut nonce = [0u8; 12];
        rand::rng().fill(&mut nonce);
        let sealed = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: purpose.as_bytes(),
                },
            )
            .map_err(|_| AppError::Internal("encryption failed".into()))?;
        Ok(format!(
            "{VERSION}{}{}",
            hex::encode(nonce),
            hex::encode(sealed)
        ))
    }

    pub fn open(&self, purpose: &str, sealed: &str) -> Result<Vec<u8>, AppError> {
        let broken = || AppError::Internal(format!("sealed value for {purpose} does not open"));
        let body = sealed.strip_prefix(VERSION).ok_or_else(broken)?;
        let bytes = hex::decode(body).map_err(|_| broken())?;
        if bytes.len() < 12 + 16 {
            return Err(broken());
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        Aes256Gcm::new(&self.0.into())
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: purpose.as_bytes(),
                },
            )
            .map_err(|_| broken())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens_only_for_the_same_purpose_and_key() {
        let key = EncryptionKey::random();
        let sealed = key.seal("totp:portal:1", b"secret").unwrap();
        assert!(!sealed.contains(&hex::encode(b"secret")));
        assert_eq!(key.open("totp:portal:1", &sealed).unwrap(), b"secret");
        assert!(key.open("totp:portal:2", &sealed).is_err());
        assert!(
            EncryptionKey::random()
                .open("totp:portal:1", &sealed)
                .is_err()
        );
        assert!(key.open("totp:portal:1", "v1:00").is_err());
    }

    #[test]
    fn keys_are_64_hex_digits() {
        let key = EncryptionKey::random();
        assert_eq!(EncryptionKey::from_hex(&key.to_hex()).unwrap().0, key.0);
        assert!(EncryptionKey::from_hex("abcd").is_err());
        assert!(EncryptionKey::from_hex(&"zz".repeat(32)).is_err());
        assert_eq!(format!("{key:?}"), "EncryptionKey(..)");
    }
}
