//! A blob received in pieces (an upload streamed from a client): written
//! (sealed, where the store has a key) to a hidden temporary file while
//! its SHA-256 is computed, then moved under its key: a fresh random name
//! when encrypted, else its content-addressed key. Nothing becomes visible before the
//! whole file arrived and, where the sender named a digest, matched it; a
//! dropped or refused upload leaves nothing behind.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};
use tokio::fs::{self, File, OpenOptions};
use tokio::io::AsyncWriteExt;

use super::crypt::{BlobKey, Sealer};
use super::{fresh_key, key_for_sha256};
use crate::DocumentError;

static UPLOAD_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Where uploads are written before they have a key. Its temporary files
/// start with a dot, which no valid key can name.
const INCOMING: &str = "incoming";

/// An upload in progress.
#[derive(Debug)]
pub struct BlobUpload {
    root: PathBuf,
    temp: PathBuf,
    file: Option<File>,
    sealer: Option<Sealer>,
    sealed: Vec<u8>,
    hasher: Sha256,
    len: u64,
}

/// How an upload ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadOutcome {
    /// Stored (or already present) under `key`.
    Stored {
        key: String,
        sha256: String,
        len: u64,
    },
    /// The bytes did not match the expected digest; nothing was kept.
    Mismatch { sha256: String },
}

impl BlobUpload {
    pub(super) async fn begin(
        root: &Path,
        key: Option<&BlobKey>,
    ) -> Result<BlobUpload, DocumentError> {
        let dir = root.join(INCOMING);
        let io = |e| DocumentError::io(INCOMING, e);
        fs::create_dir_all(&dir).await.map_err(io)?;
        let temp = dir.join(format!(
            ".upload.{}.{}.TMP",
            std::process::id(),
            UPLOAD_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .await
            .map_err(io)?;
        let sealer = key.map(Sealer::new);
        let mut upload = BlobUpload {
            root: root.to_path_buf(),
            temp,
            file: None,
            sealer,
            sealed: Vec::new(),
            hasher: Sha256::new(),
            len: 0,
        };
        // From here on the temporary file is removed on every exit.
        if let Some(sealer) = &upload.sealer {
            file.write_all(sealer.header()).await.map_err(io)?;
        }
        upload.file = Some(file);
        Ok(upload)
    }

    /// Bytes received so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), DocumentError> {
        let file = self
            .file
            .as_mut()
            .ok_or_else(|| DocumentError::io(INCOMING, std::io::ErrorKind::BrokenPipe.into()))?;
        self.hasher.update(chunk);
        self.len += chunk.len() as u64;
        let io = |e| DocumentError::io(INCOMING, e);
        match &mut self.sealer {
            Some(sealer) => {
                self.sealed.clear();
                sealer.push(chunk, &mut self.sealed).map_err(crypt_failed)?;
                file.write_all(&self.sealed).await.map_err(io)
            }
            None => file.write_all(chunk).await.map_err(io),
        }
    }

    /// Ends the upload: checks the digest (lower-case hex) if one was
    /// expected and moves the file under its content-addressed key.
    /// Content already stored is not written again.
    pub async fn finish(mut self, expected: Option<&str>) -> Result<UploadOutcome, DocumentError> {
        let sha256 = hex::encode(std::mem::take(&mut self.hasher).finalize());
        let Some(mut file) = self.file.take() else {
            return Err(DocumentError::io(
                INCOMING,
                std::io::ErrorKind::BrokenPipe.into(),
            ));
        };
        if expected.is_some_and(|e| !e.eq_ignore_ascii_case(&sha256)) {
            return Ok(UploadOutcome::Mismatch { sha256 });
        }
        let key = match self.sealer {
            Some(_) => fresh_key(),
            None => key_for_sha256(&sha256)?,
        };
        let io = |e| DocumentError::io(&key, e);
        if let Some(sealer) = self.sealer.take() {
            self.sealed.clear();
            sealer.finish(&mut self.sealed).map_err(crypt_failed)?;
            file.write_all(&self.sealed).await.map_err(io)?;
        }
        file.flush().await.map_err(io)?;
        file.sync_all().await.map_err(io)?;
        drop(file);
        let target = self.root.join(&key);
        if fs::metadata(&target).await.is_ok_and(|m| m.is_file()) {
            return Ok(UploadOutcome::Stored {
                key,
                sha256,
                len: self.len,
            });
        }
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).await.map_err(io)?;
        }
        fs::rename(&self.temp, &target).await.map_err(io)?;
        if let Some(dir) = target.parent()
            && let Ok(d) = File::open(dir).await
        {
            // Makes the rename durable where the file system can.
            let _ = d.sync_all().await;
        }
        Ok(UploadOutcome::Stored {
            key,
            sha256,
            len: self.len,
        })
    }
}

fn crypt_failed(e: super::crypt::CryptError) -> DocumentError {
    DocumentError::Corrupt {
        key: INCOMING.to_owned(),
        reason: e.reason(),
    }
}

impl Drop for BlobUpload {
    /// The temporary file goes whatever happened: after a rename it is no
    /// longer there, and the error is ignored.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BlobStore;

    fn incoming_files(root: &Path) -> usize {
        std::fs::read_dir(root.join(INCOMING)).map_or(0, |d| d.count())
    }

    #[tokio::test]
    async fn uploads_are_kept_only_when_complete_and_matching() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::local(dir.path());
        let mut up = store.begin_upload().await.unwrap();
        up.write(b"hello ").await.unwrap();
        up.write(b"world").await.unwrap();
        let sha = crate::sha256_hex(b"hello world");
        let UploadOutcome::Stored { key, len, .. } = up.finish(Some(&sha)).await.unwrap() else {
            panic!("not stored");
        };
        assert_eq!(len, 11);
        assert_eq!(store.get(&key).await.unwrap(), b"hello world");

        let mut up = store.begin_upload().await.unwrap();
        up.write(b"other bytes").await.unwrap();
        let outcome = up.finish(Some(&sha)).await.unwrap();
        assert!(matches!(outcome, UploadOutcome::Mismatch { .. }));
        let other = key_for_sha256(&crate::sha256_hex(b"other bytes")).unwrap();
        assert!(!store.exists(&other).await.unwrap());

        let mut up = store.begin_upload().await.unwrap();
        up.write(b"abandoned").await.unwrap();
        drop(up);
        assert_eq!(incoming_files(dir.path()), 0);
    }
}
