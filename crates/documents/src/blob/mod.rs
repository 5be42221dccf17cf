//! Storage for document bytes under validated keys.
//!
//! [`BlobStore`] is an enum over backends so callers hold one concrete type
//! and a remote backend (S3) can be added as another variant without
//! touching them.

pub mod crypt;
mod hasher;
mod key;
mod local;
mod upload;
mod write_back;
mod writer;

use std::pin::Pin;

use tokio::io::AsyncRead;

pub use crypt::BlobKey;
pub use key::{StreamDigest, fresh_key, key_for_sha256, sha256_hex, validate_key};
pub use local::LocalStore;
pub use upload::{BlobUpload, UploadOutcome};

use crate::DocumentError;

/// An opened blob: its length and a reader over its bytes.
pub struct BlobReader {
    pub len: u64,
    pub reader: Pin<Box<dyn AsyncRead + Send>>,
}

impl std::fmt::Debug for BlobReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlobReader")
            .field("len", &self.len)
            .finish()
    }
}

/// A place to keep document bytes.
#[derive(Debug, Clone)]
pub enum BlobStore {
    /// Files below a directory on the local file system.
    Local(LocalStore),
}

impl BlobStore {
    /// A store keeping blobs as files below `root`, e.g.
    /// `<data-dir>/documents`. The directory is created on first write.
    pub fn local(root: impl Into<std::path::PathBuf>) -> Self {
        Self::Local(LocalStore::new(root))
    }

    /// The same store sealing every blob it writes with `key` and opening
    /// only sealed blobs (see [`crypt`]).
    pub fn with_key(self, key: BlobKey) -> Self {
        match self {
            Self::Local(store) => Self::Local(store.with_key(key)),
        }
    }

    /// Whether blobs are encrypted at rest.
    pub fn is_encrypted(&self) -> bool {
        match self {
            Self::Local(store) => store.key().is_some(),
        }
    }

    /// Stores `bytes` under `key`, replacing any previous blob. Readers see
    /// either the old or the new bytes, never a partial write.
    pub async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), DocumentError> {
        match self {
            Self::Local(store) => store.put(key, bytes).await,
        }
    }

    /// Like [`put`](Self::put) but copies from a reader, so large uploads
    /// need not sit in memory. Returns the number of bytes stored.
    pub async fn put_stream<R>(&self, key: &str, reader: R) -> Result<u64, DocumentError>
    where
        R: AsyncRead + Unpin + Send,
    {
        match self {
            Self::Local(store) => store.put_stream(key, reader).await,
        }
    }

    /// Stores `bytes` under a new key and returns it: a random,
    /// server-generated name when encrypted (a name derived from the
    /// content would tell who holds a known file that it is stored), else
    /// the content-addressed key (see [`key_for_sha256`]), where content
    /// already present is not written again.
    pub async fn put_content(&self, bytes: &[u8]) -> Result<String, DocumentError> {
        if self.is_encrypted() {
            let key = fresh_key();
            self.put(&key, bytes).await?;
            return Ok(key);
        }
        let key = key_for_sha256(&sha256_hex(bytes))?;
        if !self.exists(&key).await? {
            self.put(&key, bytes).await?;
        }
        Ok(key)
    }

    /// Starts receiving a blob in pieces, for uploads that must not sit in
    /// memory; see [`BlobUpload`].
    pub async fn begin_upload(&self) -> Result<BlobUpload, DocumentError> {
        match self {
            Self::Local(store) => BlobUpload::begin(store.root(), store.key()).await,
        }
    }

    /// Reads a whole blob; [`DocumentError::NotFound`] if there is none.
    pub async fn get(&self, key: &str) -> Result<Vec<u8>, DocumentError> {
        match self {
            Self::Local(store) => store.get(key).await,
        }
    }

    /// Opens a blob for reading without loading it, with its length in
    /// bytes; [`DocumentError::NotFound`] if there is none. For serving
    /// large files with a constant amount of memory.
    pub async fn open(&self, key: &str) -> Result<BlobReader, DocumentError> {
        match self {
            Self::Local(store) => store.open(key).await,
        }
    }

    pub async fn exists(&self, key: &str) -> Result<bool, DocumentError> {
        match self {
            Self::Local(store) => store.exists(key).await,
        }
    }

    /// Removes a blob. Returns whether there was one, so deleting twice is
    /// not an error.
    pub async fn delete(&self, key: &str) -> Result<bool, DocumentError> {
        match self {
            Self::Local(store) => store.delete(key).await,
        }
    }
}
