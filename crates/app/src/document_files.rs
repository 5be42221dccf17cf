//! A document's file for a principal: the look-up through the scope, and
//! opening the bytes for download or preview with the audit entry and read
//! marker written before the first byte is sent. Also the "new" marker
//! for pages that list documents.

use std::collections::BTreeSet;
use std::net::IpAddr;

pub use kp_documents::BlobReader;
use kp_documents::DocumentError;
use kp_domain::{DocumentId, Principal};
pub use kp_storage::document_files::{DocumentFile, FileAction, reader};

use crate::{App, AppError};

/// The document with its context; `NotFound` when it does not exist or
/// lies outside the principal's scope (the two are the same).
pub async fn find(
    app: &App,
    principal: &Principal,
    id: DocumentId,
) -> Result<DocumentFile, AppError> {
    kp_storage::document_files::find(&app.db, &principal.scope, id, reader(principal))
        .await?
        .ok_or(AppError::NotFound)
}

/// Opens the file of a document found with [`find`] and records the
/// access (audit entry; read marker for a portal user acting themselves).
/// The blob is opened first, so a file that cannot be served is not
/// recorded as served; the record is written before any byte leaves.
pub async fn open(
    app: &App,
    principal: &Principal,
    document: &DocumentFile,
    action: FileAction,
    client: IpAddr,
) -> Result<BlobReader, AppError> {
    let blob = app.blobs.open(&document.storage_key).await.map_err(|err| {
        // A document row without its bytes is the store's fault, never
        // the visitor's: worth an alert, not a "not found".
        match err {
            DocumentError::NotFound(key) => {
                AppError::Internal(format!("document {} has no blob {key}", document.id))
            }
            other => AppError::Internal(format!("document {}: {other}", document.id)),
        }
    })?;
    kp_storage::document_files::record_access(
        &app.db,
        principal,
        DocumentId(document.id),
        action,
        &client.to_string(),
        app.clock.now(),
    )
    .await?;
    Ok(blob)
}

/// Which of `ids` are new to the principal (in the scope and never opened
/// by them); empty for staff and while impersonating.
pub async fn new_among(
    app: &App,
    principal: &Principal,
    ids: &[DocumentId],
) -> Result<BTreeSet<DocumentId>, AppError> {
    match reader(principal) {
        Some(user) => {
            Ok(kp_storage::document_files::new_among(&app.db, &principal.scope, user, ids).await?)
        }
        None => Ok(BTreeSet::new()),
    }
}

/// How many documents in the scope the principal has not opened yet,
/// counting only those the profile shows (the area of each document's
/// record, as in the inbox); 0 for staff and while impersonating.
///
/// The scope's documents (the home page's counts, reused for a short time)
/// minus those the user has opened: the second count is driven by the
/// user's own read markers, so a visit does not walk every document of an
/// industrial group's scope.
pub async fn count_new(app: &App, principal: &Principal) -> Result<i64, AppError> {
    match reader(principal) {
        Some(user) => {
            let shown = principal.permissions.shown_document_kinds();
            let all = crate::home::counts(app, principal).await?.documents;
            let read =
                kp_storage::document_files::count_read(&app.db, &principal.scope, user, &shown)
                    .await?;
            // The total may be up to a cache lifetime old.
            Ok((all - read).max(0))
        }
        None => Ok(0),
    }
}
