//! Blob keys: validation, so a key can never address a file outside the
//! store, and content-addressed keys derived from SHA-256 digests.

use sha2::{Digest, Sha256};

use crate::DocumentError;

/// Longest accepted key; far above what content addressing produces but
/// well below file-system path limits.
const MAX_KEY_LEN: usize = 512;

/// Checks a blob key.
///
/// A key is a `/`-separated path of segments made of `a-z`, `0-9`, `_`,
/// `.` and `-`. It must not start with `/`, contain empty segments (`//`,
/// a trailing `/`), or have a segment starting with `.`, which rules out
/// `.` and `..` as well as the hidden temporary files the local store
/// writes.
pub fn validate_key(key: &str) -> Result<(), DocumentError> {
    let reject = |reason| {
        Err(DocumentError::InvalidKey {
            key: key.to_owned(),
            reason,
        })
    };
    if key.is_empty() {
        return reject("key is empty");
    }
    if key.len() > MAX_KEY_LEN {
        return reject("key is too long");
    }
    if key.starts_with('/') {
        return reject("key must be relative");
    }
    if !key
        .bytes()
        .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'/' | b'_' | b'.' | b'-'))
    {
        return reject("key may only contain a-z, 0-9, '/', '_', '.' and '-'");
    }
    for segment in key.split('/') {
        if segment.is_empty() {
            return reject("key has an empty path segment");
        }
        if segment.starts_with('.') {
            return reject("key segment starts with '.'");
        }
    }
    Ok(())
}

/// Lower-case hex SHA-256 digest of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The SHA-256 of a file as it streams by, for files of any size. It is
/// ring's, which runs OpenSSL's assembler code: the SHA extensions where
/// the processor has them, else AVX2, twice as fast as `sha2`'s portable
/// code on such a processor (docs/benchmarks.md, 2026-12-01 03:30).
pub struct StreamDigest(ring::digest::Context);

impl StreamDigest {
    pub fn new() -> StreamDigest {
        StreamDigest(ring::digest::Context::new(&ring::digest::SHA256))
    }

    pub fn update(&mut self, piece: &[u8]) {
        self.0.update(piece);
    }

    /// The digest in lower-case hex.
    pub fn finish_hex(self) -> String {
        hex::encode(self.0.finish())
    }
}

impl Default for StreamDigest {
    fn default() -> StreamDigest {
        StreamDigest::new()
    }
}

impl std::fmt::Debug for StreamDigest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StreamDigest(SHA-256)")
    }
}

/// A new random key `ab/cd/<32 hex digits>`: 128 random bits, so names
/// never collide and say nothing about the content.
pub fn fresh_key() -> String {
    let name = hex::encode(rand::random::<[u8; 16]>());
    format!("{}/{}/{name}", &name[..2], &name[2..4])
}

/// Key for content addressed by its SHA-256 hex digest: `ab/cd/abcd…`.
///
/// The two directory levels keep any one directory small even with
/// millions of documents.
pub fn key_for_sha256(hex_digest: &str) -> Result<String, DocumentError> {
    let digest = hex_digest.to_ascii_lowercase();
    if digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(DocumentError::InvalidKey {
            key: hex_digest.to_owned(),
            reason: "not a SHA-256 hex digest",
        });
    }
    Ok(format!("{}/{}/{digest}", &digest[..2], &digest[2..4]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_keys() {
        for key in ["a", "ab/cd/ef.pdf", "tenant-1/2025_01/x.y-z"] {
            assert!(validate_key(key).is_ok(), "{key}");
        }
    }

    #[test]
    fn rejects_escapes_and_odd_characters() {
        for key in [
            "",
            "/etc/passwd",
            "../x",
            "a/../b",
            "a/./b",
            "..",
            ".hidden",
            "a//b",
            "a/",
            "A",
            "a b",
            "a\\b",
            "ä",
            "a\0b",
        ] {
            assert!(
                matches!(validate_key(key), Err(DocumentError::InvalidKey { .. })),
                "{key:?}"
            );
        }
        assert!(validate_key(&"a".repeat(MAX_KEY_LEN + 1)).is_err());
    }

    #[test]
    fn content_addressed_keys() {
        let digest = sha256_hex(b"abc");
        assert_eq!(
            digest,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let key = key_for_sha256(&digest.to_uppercase());
        assert_eq!(key.ok(), Some(format!("ba/78/{digest}")));
        assert!(key_for_sha256("abc").is_err());
        assert!(key_for_sha256(&"g".repeat(64)).is_err());
    }

    #[test]
    fn a_streamed_digest_is_the_digest_of_the_whole() {
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i * 7 + i / 251) as u8).collect();
        let mut streamed = StreamDigest::new();
        for piece in bytes.chunks(12_345) {
            streamed.update(piece);
        }
        // Two implementations agree (ring here, `sha2` in `sha256_hex`).
        assert_eq!(streamed.finish_hex(), sha256_hex(&bytes));
        let mut abc = StreamDigest::default();
        abc.update(b"a");
        abc.update(b"bc");
        assert_eq!(
            abc.finish_hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
