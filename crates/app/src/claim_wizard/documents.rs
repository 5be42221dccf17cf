//! The documents and photos step (FEATURES A4, A7): files arrive through
//! the ordinary upload checks (limit while streaming, content against the
//! name, the broker's document types) into the blob store, sealed, and are
//! listed on the draft (`claim_draft_documents`). Nobody at the broker
//! sees them until the report is sent: then they become documents of the
//! chosen contract or object, linked to the report and attached to its
//! task ([`record_for_report`]). Removing a file or discarding the draft
//! deletes the stored files.

use kp_domain::{DocumentId, DocumentType, PortalUserId, Principal};
use kp_storage::Tx;
pub use kp_storage::claim_draft_documents::DraftDocumentRow;
use kp_storage::claim_draft_documents::{self as store, NewDraftDocument};
use kp_storage::claim_targets::Target;

use super::{Draft, own_draft};
use crate::uploads::{self, Checked, Received, StoredFile, TargetKind};
use crate::{App, AppError};

/// The record a draft's files will belong to: its object, else its
/// contract.
fn record_of(target: &Target) -> (TargetKind, i64) {
    match target.object_id {
        Some(object) => (TargetKind::Object, object),
        None => (TargetKind::Contract, target.contract_id),
    }
}

/// The files on the user's draft `id` (`NotFound` for another user's).
pub async fn list(
    app: &App,
    principal: &Principal,
    id: i64,
) -> Result<Vec<DraftDocumentRow>, AppError> {
    let (user, _) = own_draft(app, principal, id).await?;
    Ok(store::list(&app.db, user, id).await?)
}

/// The upload checks for the draft's record before a byte is read: the
/// record through the scope (`NotFound`), the profile's `upload_document`
/// (`Forbidden`), and the broker's settings.
pub async fn check(app: &App, principal: &Principal, draft: &Draft) -> Result<Checked, AppError> {
    let (kind, record) = record_of(&draft.target);
    uploads::check_target(app, principal, kind, record).await
}

/// Lists received files on the user's draft. On any error the files are
/// removed from the blob store, so a refused upload leaves nothing.
pub async fn attach(
    app: &App,
    principal: &Principal,
    id: i64,
    document_type: DocumentType,
    files: &[Received],
) -> Result<(), AppError> {
    or_discard(
        app,
        files,
        attach_rows(app, principal, id, document_type, files),
    )
    .await
}

/// The outcome of `listing`, which lists received `files` on a draft; on
/// an error the files are removed from the blob store, so a refused
/// upload leaves nothing.
pub(super) async fn or_discard(
    app: &App,
    files: &[Received],
    listing: impl std::future::Future<Output = Result<(), AppError>>,
) -> Result<(), AppError> {
    let result = listing.await;
    if result.is_err() {
        uploads::discard(app, files).await;
    }
    result
}

/// The draft rows of received files, all of one document type.
pub(super) fn draft_rows(
    document_type: DocumentType,
    files: &[Received],
) -> Vec<NewDraftDocument<'_>> {
    files
        .iter()
        .map(|f| NewDraftDocument {
            document_type: document_type.as_str(),
            file_name: &f.file_name,
            media_type: f.media_type,
            size_bytes: f.size_bytes,
            sha256: &f.sha256,
            storage_key: &f.storage_key,
        })
        .collect()
}

async fn attach_rows(
    app: &App,
    principal: &Principal,
    id: i64,
    document_type: DocumentType,
    files: &[Received],
) -> Result<(), AppError> {
    let (user, _) = own_draft(app, principal, id).await?;
    let rows = draft_rows(document_type, files);
    if store::insert_all(&app.db, user, id, &rows, app.clock.now()).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Removes file `document` from the user's draft `id` and deletes it
/// from the blob store; `NotFound` when the user has no such file there.
pub async fn remove(
    app: &App,
    principal: &Principal,
    id: i64,
    document: i64,
) -> Result<(), AppError> {
    let (user, _) = own_draft(app, principal, id).await?;
    let key = store::remove(&app.db, user, id, document)
        .await?
        .ok_or(AppError::NotFound)?;
    uploads::discard_keys(app, &[key.as_str()]).await;
    Ok(())
}

/// Takes the draft's files off it inside the discarding transaction; the
/// caller deletes the returned storage keys after the commit.
pub(super) async fn take_keys(
    tx: &mut Tx,
    user: PortalUserId,
    id: i64,
) -> Result<Vec<String>, AppError> {
    Ok(store::take_all(tx, user, id)
        .await?
        .into_iter()
        .map(|r| r.storage_key)
        .collect())
}

/// Takes the draft's files off it inside the sending transaction.
pub(super) async fn take(
    tx: &mut Tx,
    user: PortalUserId,
    id: i64,
) -> Result<Vec<DraftDocumentRow>, AppError> {
    Ok(store::take_all(tx, user, id).await?)
}

/// Records the files taken off a draft as documents of the report's
/// contract or object (looked up through the scope in the same
/// transaction) and links them to the report.
pub(super) async fn record_for_report(
    app: &App,
    tx: &mut Tx,
    principal: &Principal,
    target: &Target,
    report: i64,
    files: &[DraftDocumentRow],
) -> Result<Vec<DocumentId>, AppError> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let (kind, record) = record_of(target);
    let stored: Vec<StoredFile<'_>> = files
        .iter()
        .map(|f| StoredFile {
            document_type: &f.document_type,
            file_name: &f.file_name,
            media_type: &f.media_type,
            size_bytes: f.size_bytes,
            sha256: &f.sha256,
            storage_key: &f.storage_key,
        })
        .collect();
    let at = app.clock.now();
    let (_, ids) = uploads::store_typed_in_tx(tx, principal, kind, record, &stored, at).await?;
    store::link_to_report(tx, report, &ids).await?;
    Ok(ids)
}
