//! A blob received in pieces (an upload streamed from a client): written
//! (sealed, where the store has a key) to a hidden temporary file while
//! its SHA-256 is computed, then moved under its key: a fresh random name
//! when encrypted, else its content-addressed key. Nothing becomes visible before the
//! whole file arrived and, where the sender named a digest, matched it; a
//! dropped or refused upload leaves nothing behind.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use tokio::fs::{self, File, OpenOptions};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::crypt::{BlobKey, Sealer};
use super::hasher;
use super::writer::{self, Piece, WriteError};
use super::{fresh_key, key_for_sha256};
use crate::DocumentError;

static UPLOAD_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Where uploads are written before they have a key. Its temporary files
/// start with a dot, which no valid key can name.
const INCOMING: &str = "incoming";

/// An upload in progress. This side receives the pieces and hands them
/// over in batches to two threads of their own: the hasher (SHA-256, see
/// [`hasher`]) and the writer (sealing and writing, see [`writer`]), so
/// the three chains run on the cores at once (issue 10: hashing on the
/// request's thread, or on the writer's, was the slower side).
#[derive(Debug)]
pub struct BlobUpload {
    root: PathBuf,
    temp: PathBuf,
    encrypted: bool,
    pieces: Option<mpsc::Sender<Piece>>,
    writer: Option<JoinHandle<Result<(), WriteError>>>,
    to_hasher: Option<mpsc::Sender<hasher::Batch>>,
    hasher: Option<JoinHandle<String>>,
    /// Frames not yet sent, and their length.
    batch: Vec<Bytes>,
    batched: usize,
    len: u64,
    /// Time spent waiting for the writer and for the hasher.
    waited: std::time::Duration,
    waited_for_hasher: std::time::Duration,
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
        let sealer = key.map(Sealer::new).transpose().map_err(crypt_failed)?;
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .await
            .map_err(io)?;
        // From here on the temporary file is removed on every exit (Drop).
        let mut upload = BlobUpload {
            root: root.to_path_buf(),
            temp,
            encrypted: sealer.is_some(),
            pieces: None,
            writer: None,
            to_hasher: None,
            hasher: None,
            batch: Vec::new(),
            batched: 0,
            len: 0,
            waited: std::time::Duration::ZERO,
            waited_for_hasher: std::time::Duration::ZERO,
        };
        let file = file.into_std().await;
        let (tx, rx) = mpsc::channel(writer::QUEUE);
        upload.pieces = Some(tx);
        upload.writer = Some(tokio::task::spawn_blocking(move || {
            writer::run(file, sealer, rx)
        }));
        let (tx, rx) = mpsc::channel(hasher::QUEUE);
        upload.to_hasher = Some(tx);
        upload.hasher = Some(tokio::task::spawn_blocking(move || hasher::run(rx)));
        Ok(upload)
    }

    /// Bytes received so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Hands a piece to the hasher and the writer, in batches of
    /// [`writer::SEND`] bytes; waits only while one of them is a full
    /// queue behind. A `Bytes` piece (a network frame) is passed on
    /// without a copy, the two sharing it.
    pub async fn write(&mut self, chunk: impl Into<Bytes>) -> Result<(), DocumentError> {
        let chunk = chunk.into();
        if chunk.is_empty() {
            return Ok(());
        }
        self.len += chunk.len() as u64;
        self.batched += chunk.len();
        self.batch.push(chunk);
        if self.batched < writer::SEND {
            return Ok(());
        }
        self.send_batch().await
    }

    async fn send_batch(&mut self) -> Result<(), DocumentError> {
        self.batched = 0;
        let frames = std::mem::take(&mut self.batch);
        let hashed = hand_over(&self.to_hasher, frames.clone(), &mut self.waited_for_hasher);
        // The hasher stops early only when it panicked.
        if !hashed.await {
            self.pieces = None;
            return Err(broken());
        }
        if hand_over(&self.pieces, Piece::Data(frames), &mut self.waited).await {
            return Ok(());
        }
        // The writer stopped: its error says why.
        self.pieces = None;
        Err(self.join().await.err().unwrap_or_else(broken))
    }

    /// Waits for the writer's result.
    async fn join(&mut self) -> Result<(), DocumentError> {
        let Some(writer) = self.writer.take() else {
            return Err(broken());
        };
        match writer.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(WriteError::Io(e))) => Err(DocumentError::io(INCOMING, e)),
            Ok(Err(WriteError::Crypt(e))) => Err(crypt_failed(e)),
            Ok(Err(WriteError::Abandoned)) | Err(_) => Err(broken()),
        }
    }

    /// Ends the upload: checks the digest (lower-case hex) if one was
    /// expected and moves the file under its key (a fresh one when
    /// encrypted, else content-addressed). Content already stored is not
    /// written again.
    pub async fn finish(mut self, expected: Option<&str>) -> Result<UploadOutcome, DocumentError> {
        if !self.batch.is_empty() {
            self.send_batch().await?;
        }
        tracing::debug!(
            bytes = self.len,
            waited_for_writer_ms = self.waited.as_millis(),
            waited_for_hasher_ms = self.waited_for_hasher.as_millis(),
            "upload received"
        );
        let Some(pieces) = self.pieces.take() else {
            return Err(broken());
        };
        // Closing its channel tells the hasher that everything was sent.
        self.to_hasher = None;
        // A failed send means the writer stopped; `join` says why.
        let _ = pieces.send(Piece::End).await;
        drop(pieces);
        // The writer sealed, wrote and synced the file.
        self.join().await?;
        let sha256 = match self.hasher.take() {
            Some(hasher) => hasher.await.map_err(|_| broken())?,
            None => return Err(broken()),
        };
        if expected.is_some_and(|e| !e.eq_ignore_ascii_case(&sha256)) {
            return Ok(UploadOutcome::Mismatch { sha256 });
        }
        let key = if self.encrypted {
            fresh_key()
        } else {
            key_for_sha256(&sha256)?
        };
        let io = |e| DocumentError::io(&key, e);
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

/// Sends `item`, adding the time spent waiting for room to `waited`;
/// false when the receiving thread has stopped.
async fn hand_over<T>(
    to: &Option<mpsc::Sender<T>>,
    item: T,
    waited: &mut std::time::Duration,
) -> bool {
    let Some(to) = to else {
        return false;
    };
    match to.try_send(item) {
        Ok(()) => true,
        Err(mpsc::error::TrySendError::Full(item)) => {
            let at = std::time::Instant::now();
            let sent = to.send(item).await.is_ok();
            *waited += at.elapsed();
            sent
        }
        Err(mpsc::error::TrySendError::Closed(_)) => false,
    }
}

fn broken() -> DocumentError {
    DocumentError::io(INCOMING, std::io::ErrorKind::BrokenPipe.into())
}

fn crypt_failed(e: super::crypt::CryptError) -> DocumentError {
    DocumentError::Corrupt {
        key: INCOMING.to_owned(),
        reason: e.reason(),
    }
}

impl Drop for BlobUpload {
    /// The temporary file goes whatever happened: after a rename it is no
    /// longer there, and the error is ignored. A writer still running
    /// writes into the unlinked file until it sees the channel closed
    /// (the sender goes with `self`), then stops without syncing.
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
        up.write(&b"hello "[..]).await.unwrap();
        up.write(&b"world"[..]).await.unwrap();
        let sha = crate::sha256_hex(b"hello world");
        let UploadOutcome::Stored { key, len, .. } = up.finish(Some(&sha)).await.unwrap() else {
            panic!("not stored");
        };
        assert_eq!(len, 11);
        assert_eq!(store.get(&key).await.unwrap(), b"hello world");

        let mut up = store.begin_upload().await.unwrap();
        up.write(&b"other bytes"[..]).await.unwrap();
        let outcome = up.finish(Some(&sha)).await.unwrap();
        assert!(matches!(outcome, UploadOutcome::Mismatch { .. }));
        let other = key_for_sha256(&crate::sha256_hex(b"other bytes")).unwrap();
        assert!(!store.exists(&other).await.unwrap());

        let mut up = store.begin_upload().await.unwrap();
        up.write(&b"abandoned"[..]).await.unwrap();
        drop(up);
        assert_eq!(incoming_files(dir.path()), 0);
    }

    /// Several batches and write calls, sealed and plain: the file and its
    /// digest are those of the bytes sent.
    #[tokio::test]
    async fn large_uploads_arrive_whole() {
        let bytes: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        let key = crate::BlobKey::new([3u8; 32]);
        let (plain, sealed) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        for store in [
            BlobStore::local(plain.path()),
            BlobStore::local(sealed.path()).with_key(key),
        ] {
            let mut up = store.begin_upload().await.unwrap();
            for piece in bytes.chunks(100_003) {
                up.write(piece.to_vec()).await.unwrap();
            }
            let UploadOutcome::Stored { key, sha256, len } = up.finish(None).await.unwrap() else {
                panic!("not stored");
            };
            assert_eq!(len, bytes.len() as u64);
            assert_eq!(sha256, crate::sha256_hex(&bytes));
            assert_eq!(store.get(&key).await.unwrap(), bytes);
        }
    }
}
