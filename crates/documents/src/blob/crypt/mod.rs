//! Encryption at rest for blobs: AES-256-GCM over 64 KiB chunks, so a file
//! of any size is sealed and opened with a constant amount of memory.
//!
//! Format (version 1):
//!
//! ```text
//! header  = "KPBLOB" ‖ 0x01 (version) ‖ 0x10 (log2 of the chunk size) ‖ salt (32 random bytes)
//! chunk i = AES-256-GCM(file key, nonce = 0u32 ‖ i as u64 big-endian,
//!                       aad = header ‖ last, plaintext of 64 KiB, or less for the last)
//! ```
//!
//! The file key is HKDF-SHA256 of the configured key with the file's
//! random salt, so every file has its own key and the chunk counter alone
//! is a safe nonce (no birthday bound on random nonces across files). The
//! counter in the nonce detects reordered or dropped chunks; the `last`
//! byte in the associated data (1 on the final chunk only) detects a file
//! cut at a chunk boundary; the header in the associated data detects a
//! changed header. An empty file is one empty final chunk (its tag only).

mod read;

use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use hkdf::Hkdf;
use rand::Rng;
use sha2::Sha256;

pub use read::OpenReader;

const MAGIC: &[u8; 6] = b"KPBLOB";
const VERSION: u8 = 1;
const CHUNK_LOG2: u8 = 16;
/// Plaintext bytes per chunk.
pub(crate) const CHUNK: usize = 1 << CHUNK_LOG2;
const TAG: usize = 16;
const SALT: usize = 32;
pub(crate) const HEADER: usize = MAGIC.len() + 2 + SALT;
const INFO: &[u8] = b"kundenportal blob v1";

/// The 256-bit key blobs are sealed with (`[security] encryption_key`).
/// Its `Debug` shows nothing of the key.
#[derive(Clone)]
pub struct BlobKey([u8; 32]);

impl std::fmt::Debug for BlobKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BlobKey(..)")
    }
}

impl BlobKey {
    pub fn new(bytes: [u8; 32]) -> BlobKey {
        BlobKey(bytes)
    }

    fn cipher(&self, salt: &[u8]) -> Aes256Gcm {
        let mut file_key = [0u8; 32];
        // HKDF-SHA256 can always fill 32 bytes; the fallback is unreachable
        // and would only make every open fail, never leak.
        let _ = Hkdf::<Sha256>::new(Some(salt), &self.0).expand(INFO, &mut file_key);
        Aes256Gcm::new(&file_key.into())
    }
}

fn nonce(counter: u64) -> Nonce<aes_gcm::aead::consts::U12> {
    let mut n = [0u8; 12];
    n[4..].copy_from_slice(&counter.to_be_bytes());
    n.into()
}

fn aad(header: &[u8; HEADER], last: bool) -> [u8; HEADER + 1] {
    let mut out = [0u8; HEADER + 1];
    out[..HEADER].copy_from_slice(header);
    out[HEADER] = u8::from(last);
    out
}

/// Why a stored blob does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CryptError {
    NotEncrypted,
    Truncated,
    Tampered,
}

impl CryptError {
    pub(crate) fn reason(self) -> &'static str {
        match self {
            CryptError::NotEncrypted => "not an encrypted blob (header missing)",
            CryptError::Truncated => "encrypted blob is truncated",
            CryptError::Tampered => "encrypted blob fails authentication",
        }
    }
}

/// Seals a stream of plaintext pieces into the format above.
pub struct Sealer {
    cipher: Aes256Gcm,
    header: [u8; HEADER],
    counter: u64,
    pending: Vec<u8>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealer")
            .field("counter", &self.counter)
            .finish()
    }
}

impl Sealer {
    /// A sealer with a fresh salt; [`header`](Self::header) goes first.
    pub fn new(key: &BlobKey) -> Sealer {
        let mut header = [0u8; HEADER];
        header[..MAGIC.len()].copy_from_slice(MAGIC);
        header[MAGIC.len()] = VERSION;
        header[MAGIC.len() + 1] = CHUNK_LOG2;
        rand::rng().fill(&mut header[MAGIC.len() + 2..]);
        Sealer {
            cipher: key.cipher(&header[MAGIC.len() + 2..]),
            header,
            counter: 0,
            pending: Vec::with_capacity(CHUNK + TAG),
        }
    }

    pub fn header(&self) -> &[u8] {
        &self.header
    }

    /// Adds plaintext; appends to `out` every chunk that is complete and
    /// known not to be the last (a full chunk waits until more arrives).
    pub fn push(&mut self, mut data: &[u8], out: &mut Vec<u8>) -> Result<(), CryptError> {
        while !data.is_empty() {
            if self.pending.len() == CHUNK {
                self.seal_pending(false, out)?;
            }
            let take = (CHUNK - self.pending.len()).min(data.len());
            self.pending.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
        Ok(())
    }

    /// Seals the final chunk into `out`.
    pub fn finish(mut self, out: &mut Vec<u8>) -> Result<(), CryptError> {
        self.seal_pending(true, out)
    }

    fn seal_pending(&mut self, last: bool, out: &mut Vec<u8>) -> Result<(), CryptError> {
        let tag = self
            .cipher
            .encrypt_in_place_detached(
                &nonce(self.counter),
                &aad(&self.header, last),
                &mut self.pending,
            )
            .map_err(|_| CryptError::Tampered)?;
        out.extend_from_slice(&self.pending);
        out.extend_from_slice(&tag);
        self.pending.clear();
        self.counter += 1;
        Ok(())
    }
}

/// Seals a whole plaintext held in memory.
pub fn seal_all(key: &BlobKey, plaintext: &[u8]) -> Result<Vec<u8>, CryptError> {
    let mut sealer = Sealer::new(key);
    let mut out =
        Vec::with_capacity(HEADER + plaintext.len() + TAG * (plaintext.len() / CHUNK + 1));
    out.extend_from_slice(sealer.header());
    sealer.push(plaintext, &mut out)?;
    sealer.finish(&mut out)?;
    Ok(out)
}

/// The chunk layout of a sealed file of `file_len` bytes: the number of
/// chunks and the plaintext length.
pub(crate) fn layout(file_len: u64) -> Result<(u64, u64), CryptError> {
    let body = file_len
        .checked_sub(HEADER as u64)
        .ok_or(CryptError::NotEncrypted)?;
    let sealed_chunk = (CHUNK + TAG) as u64;
    let chunks = body.div_ceil(sealed_chunk).max(1);
    let last = body - (chunks - 1) * sealed_chunk;
    if last < TAG as u64 {
        return Err(CryptError::Truncated);
    }
    Ok((chunks, body - chunks * TAG as u64))
}

/// Parses a header: the cipher for the file it starts.
fn open_header(key: &BlobKey, header: &[u8; HEADER]) -> Result<Aes256Gcm, CryptError> {
    if &header[..MAGIC.len()] != MAGIC
        || header[MAGIC.len()] != VERSION
        || header[MAGIC.len() + 1] != CHUNK_LOG2
    {
        return Err(CryptError::NotEncrypted);
    }
    Ok(key.cipher(&header[MAGIC.len() + 2..]))
}

/// Opens one sealed chunk in place (`buf` is ciphertext ‖ tag; afterwards
/// it holds the plaintext).
fn open_chunk(
    cipher: &Aes256Gcm,
    header: &[u8; HEADER],
    counter: u64,
    last: bool,
    buf: &mut Vec<u8>,
) -> Result<(), CryptError> {
    let split = buf.len().checked_sub(TAG).ok_or(CryptError::Truncated)?;
    let tag: [u8; TAG] = buf[split..].try_into().map_err(|_| CryptError::Truncated)?;
    buf.truncate(split);
    cipher
        .decrypt_in_place_detached(&nonce(counter), &aad(header, last), buf, (&tag).into())
        .map_err(|_| CryptError::Tampered)
}

/// Opens a whole sealed file held in memory.
pub fn open_all(key: &BlobKey, sealed: &[u8]) -> Result<Vec<u8>, CryptError> {
    let header: &[u8; HEADER] = sealed
        .get(..HEADER)
        .and_then(|h| h.try_into().ok())
        .ok_or(CryptError::NotEncrypted)?;
    let cipher = open_header(key, header)?;
    let (chunks, len) = layout(sealed.len() as u64)?;
    let mut out = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    let mut buf = Vec::with_capacity(CHUNK + TAG);
    for (i, piece) in sealed[HEADER..].chunks(CHUNK + TAG).enumerate() {
        let i = i as u64;
        buf.clear();
        buf.extend_from_slice(piece);
        open_chunk(&cipher, header, i, i + 1 == chunks, &mut buf)?;
        out.extend_from_slice(&buf);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
