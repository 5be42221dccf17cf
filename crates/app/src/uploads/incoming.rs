//! One file arriving in an upload form: written to the blob store piece by
//! piece (sealed when the store has a key) while its size, SHA-256 and
//! kind are watched, so it is never whole in memory. The limit is enforced
//! on every piece; a refused or abandoned file leaves nothing behind
//! (dropping a [`BlobUpload`] removes its temporary file).

use kp_documents::{BlobUpload, UploadOutcome};

use super::check::{self, Sniffer};
use crate::{App, AppError, FieldError};

/// The field of the upload form the files come in; errors about a file
/// name it.
pub const FILES_FIELD: &str = "files";

/// The translation key of the refusal of a file over the limit (the web
/// layer answers it with 413).
pub const TOO_LARGE: &str = "upload-error-too-large";

fn refuse(key: &'static str) -> AppError {
    AppError::Validation(vec![FieldError {
        field: FILES_FIELD,
        key,
    }])
}

/// Whether an error is the refusal of a file over the limit.
pub fn is_too_large(err: &AppError) -> bool {
    matches!(err, AppError::Validation(e) if e.iter().any(|f| f.key == TOO_LARGE))
}

/// A file being received.
#[derive(Debug)]
pub struct Incoming {
    upload: BlobUpload,
    sniffer: Sniffer,
    name: String,
    limit: u64,
}

/// A file received, checked and stored (not yet recorded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The sanitised name (see [`check::display_name`]).
    pub file_name: String,
    pub media_type: &'static str,
    pub storage_key: String,
    pub sha256: String,
    pub size_bytes: i64,
}

impl Incoming {
    /// Starts a file named `raw_name` by the client, of at most `limit`
    /// bytes.
    pub async fn begin(app: &App, raw_name: &str, limit: u64) -> Result<Incoming, AppError> {
        let upload = app.blobs.begin_upload().await.map_err(internal)?;
        Ok(Incoming {
            upload,
            sniffer: Sniffer::default(),
            name: check::display_name(raw_name),
            limit,
        })
    }

    /// Adds a piece; beyond the limit the file is refused
    /// ([`is_too_large`]) and the caller drops it.
    pub async fn write(&mut self, chunk: bytes::Bytes) -> Result<(), AppError> {
        if self.upload.len() + chunk.len() as u64 > self.limit {
            return Err(refuse(TOO_LARGE));
        }
        self.sniffer.push(&chunk);
        self.upload.write(chunk).await.map_err(internal)
    }

    /// Ends the file: refuses it unless it has a name, content, and a kind
    /// on the allow-list that its extension names too; else keeps it.
    pub async fn finish(self) -> Result<Received, AppError> {
        if self.upload.is_empty() {
            return Err(refuse("upload-error-empty"));
        }
        let ext = check::extension(&self.name);
        let Some((named, media_type)) = check::by_extension(&ext) else {
            return Err(refuse("upload-error-type-not-allowed"));
        };
        match self.sniffer.kind() {
            Some(found) if found == named => {}
            Some(_) => return Err(refuse("upload-error-type-mismatch")),
            None => return Err(refuse("upload-error-type-not-allowed")),
        }
        match self.upload.finish(None).await.map_err(internal)? {
            UploadOutcome::Stored { key, sha256, len } => Ok(Received {
                file_name: self.name,
                media_type,
                storage_key: key,
                sha256,
                size_bytes: i64::try_from(len).unwrap_or(i64::MAX),
            }),
            // Only possible with an expected digest, which is not given.
            UploadOutcome::Mismatch { .. } => Err(AppError::Internal(
                "upload digest mismatch without an expected digest".into(),
            )),
        }
    }
}

fn internal(e: kp_documents::DocumentError) -> AppError {
    AppError::Internal(format!("document upload: {e}"))
}

/// Removes the stored files of an upload that is not recorded (refused
/// later, or its transaction failed). A failure only leaves unreferenced
/// files and is logged.
pub async fn discard(app: &App, files: &[Received]) {
    let keys: Vec<&str> = files.iter().map(|f| f.storage_key.as_str()).collect();
    discard_keys(app, &keys).await;
}

/// Removes stored files no row refers to any more, by storage key.
pub async fn discard_keys(app: &App, keys: &[&str]) {
    // Without a key names are content-addressed and may be shared with a
    // recorded document: such a file is left alone.
    if !app.blobs.is_encrypted() {
        return;
    }
    for key in keys {
        if let Err(err) = app.blobs.delete(key).await {
            tracing::warn!(%err, %key, "an unrecorded upload could not be removed");
        }
    }
}
