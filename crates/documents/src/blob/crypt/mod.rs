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

use hkdf::Hkdf;
use rand::Rng;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use sha2::Sha256;

pub use read::OpenReader;

const MAGIC: &[u8; 6] = b"KPBLOB";
const VERSION: u8 = 1;
const CHUNK_LOG2: u8 = 16;
/// Plaintext bytes per chunk.
pub(crate) const CHUNK: usize = 1 << CHUNK_LOG2;
pub(crate) const TAG: usize = 16;
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

    /// The file's AES-256-GCM key. ring's implementation is used because
    /// it takes the CPU's AES and carry-less multiplication instructions
    /// (AES-NI/VAES, PCLMULQDQ) in one stitched pass, several times the
    /// throughput of the portable crates (see docs/benchmarks.md, issue 10).
    fn cipher(&self, salt: &[u8]) -> Result<LessSafeKey, CryptError> {
        let mut file_key = [0u8; 32];
        // HKDF-SHA256 can always fill 32 bytes; the fallback is unreachable
        // and would only make every open fail, never leak.
        let _ = Hkdf::<Sha256>::new(Some(salt), &self.0).expand(INFO, &mut file_key);
        // Only a key of the wrong length is refused, and 32 bytes is right.
        let key = UnboundKey::new(&AES_256_GCM, &file_key).map_err(|_| CryptError::Tampered)?;
        Ok(LessSafeKey::new(key))
    }
}

fn nonce(counter: u64) -> Nonce {
    let mut n = [0u8; 12];
    n[4..].copy_from_slice(&counter.to_be_bytes());
    Nonce::assume_unique_for_key(n)
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

/// Seals a stream of plaintext pieces into the format above, in its own
/// buffer: plaintext is copied in once and encrypted where it lies, and
/// the sealed bytes are taken out in whatever batches suit the writer.
pub struct Sealer {
    cipher: LessSafeKey,
    header: [u8; HEADER],
    counter: u64,
    /// Sealed chunks (`..open`), then the plaintext of the chunk not yet
    /// sealed (`open..`): a full chunk waits until more arrives, as only
    /// the last chunk is sealed as such.
    buf: Vec<u8>,
    open: usize,
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
    pub fn new(key: &BlobKey) -> Result<Sealer, CryptError> {
        let mut header = [0u8; HEADER];
        header[..MAGIC.len()].copy_from_slice(MAGIC);
        header[MAGIC.len()] = VERSION;
        header[MAGIC.len() + 1] = CHUNK_LOG2;
        rand::rng().fill(&mut header[MAGIC.len() + 2..]);
        Ok(Sealer {
            cipher: key.cipher(&header[MAGIC.len() + 2..])?,
            header,
            counter: 0,
            buf: Vec::with_capacity(CHUNK + TAG),
            open: 0,
        })
    }

    pub fn header(&self) -> &[u8] {
        &self.header
    }

    /// Adds plaintext; every chunk that is complete and known not to be
    /// the last is sealed and becomes part of [`sealed`](Self::sealed).
    pub fn push(&mut self, mut data: &[u8]) -> Result<(), CryptError> {
        while !data.is_empty() {
            if self.buf.len() - self.open == CHUNK {
                self.seal_open(false)?;
            }
            let take = (CHUNK - (self.buf.len() - self.open)).min(data.len());
            self.buf.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
        Ok(())
    }

    /// The sealed bytes not yet taken.
    pub fn sealed(&self) -> &[u8] {
        &self.buf[..self.open]
    }

    /// Forgets the sealed bytes (after they were written).
    pub fn take_sealed(&mut self) {
        self.buf.drain(..self.open);
        self.open = 0;
    }

    /// Seals the final chunk; afterwards [`sealed`](Self::sealed) holds
    /// the rest of the file.
    pub fn finish(&mut self) -> Result<(), CryptError> {
        self.seal_open(true)
    }

    fn seal_open(&mut self, last: bool) -> Result<(), CryptError> {
        let tag = self
            .cipher
            .seal_in_place_separate_tag(
                nonce(self.counter),
                Aad::from(aad(&self.header, last)),
                &mut self.buf[self.open..],
            )
            .map_err(|_| CryptError::Tampered)?;
        self.buf.extend_from_slice(tag.as_ref());
        self.open = self.buf.len();
        self.counter += 1;
        Ok(())
    }
}

/// Seals a whole plaintext held in memory.
pub fn seal_all(key: &BlobKey, plaintext: &[u8]) -> Result<Vec<u8>, CryptError> {
    let mut sealer = Sealer::new(key)?;
    sealer
        .buf
        .reserve(plaintext.len() + TAG * (plaintext.len() / CHUNK + 1));
    sealer.push(plaintext)?;
    sealer.finish()?;
    let mut out = Vec::with_capacity(HEADER + sealer.sealed().len());
    out.extend_from_slice(sealer.header());
    out.extend_from_slice(sealer.sealed());
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
fn open_header(key: &BlobKey, header: &[u8; HEADER]) -> Result<LessSafeKey, CryptError> {
    if &header[..MAGIC.len()] != MAGIC
        || header[MAGIC.len()] != VERSION
        || header[MAGIC.len() + 1] != CHUNK_LOG2
    {
        return Err(CryptError::NotEncrypted);
    }
    key.cipher(&header[MAGIC.len() + 2..])
}

/// Opens one sealed chunk in place (`buf` is ciphertext ‖ tag; afterwards
/// it holds the plaintext).
fn open_chunk(
    cipher: &LessSafeKey,
    header: &[u8; HEADER],
    counter: u64,
    last: bool,
    buf: &mut Vec<u8>,
) -> Result<(), CryptError> {
    let split = buf.len().checked_sub(TAG).ok_or(CryptError::Truncated)?;
    cipher
        .open_in_place(nonce(counter), Aad::from(aad(header, last)), buf)
        .map_err(|_| CryptError::Tampered)?;
    buf.truncate(split);
    Ok(())
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
