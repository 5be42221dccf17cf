//! The signature of a webhook request: `v1=` and the hex HMAC-SHA256 of
//! `"<timestamp>.<body>"` under the endpoint's secret, the secret's text
//! (as shown once to the administrator) being the key. Binding the
//! timestamp lets receivers refuse replays of old requests.

use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;

/// The start of every secret, so one is recognised in a config file.
pub const SECRET_PREFIX: &str = "kpwh_";

/// A new secret: the prefix and 32 random bytes in hex.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill(&mut bytes);
    format!("{SECRET_PREFIX}{}", hex::encode(bytes))
}

/// The `Kundenportal-Webhook-Signature` value for `body` sent at
/// `timestamp` (Unix seconds).
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    // HMAC takes keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// Checks a signature header as a receiver would (used by the tests and
/// as the reference for docs/api.md): constant-time comparison.
pub fn verify(secret: &str, timestamp: i64, body: &[u8], header: &str) -> bool {
    let Some(given) = header.strip_prefix("v1=").and_then(|h| hex::decode(h).ok()) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.verify_slice(&given).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "kpwh_abababababababababababababababababababababababababababababababab";

    #[test]
    fn signs_timestamp_dot_body_as_python_hmac_does() {
        // python3: hmac.new(SECRET.encode(), b'1767225600.{"id":1}',
        //          hashlib.sha256).hexdigest()
        assert_eq!(
            sign(SECRET, 1_767_225_600, br#"{"id":1}"#),
            "v1=734631c66e78783a4e6ff08317de988a9d39f01471ba1589d940903e057fd6fd"
        );
    }

    #[test]
    fn verification_fails_for_another_body_time_or_secret() {
        let header = sign(SECRET, 100, b"{}");
        assert!(verify(SECRET, 100, b"{}", &header));
        assert!(!verify(SECRET, 101, b"{}", &header));
        assert!(!verify(SECRET, 100, b"{ }", &header));
        assert!(!verify(&new_secret(), 100, b"{}", &header));
        assert!(!verify(SECRET, 100, b"{}", "v2=00"));
        assert!(!verify(SECRET, 100, b"{}", "v1=zz"));
    }

    #[test]
    fn secrets_are_random_and_prefixed() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert!(a.starts_with(SECRET_PREFIX));
        assert_eq!(a.len(), SECRET_PREFIX.len() + 64);
    }
}
