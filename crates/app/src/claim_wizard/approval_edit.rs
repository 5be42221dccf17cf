//! What an approver may change on a draft awaiting approval besides steps
//! 2–7 ([`super::approval::save`]): the contract or object (step 1,
//! searched over the approver's own scope and profile) and the documents
//! and photos (step 8: add, and remove the drafter's or their own).
//!
//! Every change holds the draft by its state (`awaiting`) and reads the
//! contract and object through the approver's scope in the same
//! transaction: a draft submitted or returned meanwhile is `Conflict`, a
//! choice or a draft outside the scope `NotFound`, and nothing is written
//! then. The files stay listed under the draft's drafter (the draft's
//! owner), so that submitting takes them with the draft as it takes the
//! drafter's; they are recorded in the approver's name then.

use kp_domain::{DocumentType, MenuArea, PortalUserId, Principal};
use kp_storage::Tx;
use kp_storage::claim_approvals;
use kp_storage::claim_draft_documents as store;
use kp_storage::claim_drafts::{DraftRow, DraftValues};
use kp_storage::claim_targets::{self, Target, TargetRow};

use super::approval::find;
use super::{CHOICES_PER_PAGE, Draft, Step, documents};
use crate::uploads::{self, Received};
use crate::{App, AppError};

/// The contracts and objects the approver may move the draft `id` to,
/// matching `text` (the wizard's search over the approver's scope;
/// objects only when the approver's profile shows them), with the draft.
pub async fn choices(
    app: &App,
    principal: &Principal,
    id: i64,
    text: Option<&str>,
    page: u32,
) -> Result<(Draft, Vec<TargetRow>, i64), AppError> {
    let (row, target) = find(app, principal, id).await?;
    let with_objects = principal.permissions.shows_area(MenuArea::Objects);
    let (rows, total) = claim_targets::search(
        &app.db,
        &principal.scope,
        text,
        with_objects,
        page,
        CHOICES_PER_PAGE,
    )
    .await?;
    Ok((Draft::of(row, target), rows, total))
}

/// Moves draft `id` to `contract` (and `object`) as the approver's scope
/// shows them; a claim type that does not fit the new contract's line of
/// business is cleared (the summary then names the step as missing). The
/// step to show next.
pub async fn change_object(
    app: &App,
    principal: &Principal,
    id: i64,
    contract: i64,
    object: Option<i64>,
) -> Result<Step, AppError> {
    find(app, principal, id).await?;
    let at = app.clock.now();
    let mut tx = app.db.begin().await?;
    let (row, _) = held(&mut tx, principal, id, at).await?;
    // The choice from the form, through the approver's scope, in the
    // transaction that writes it.
    let target = claim_targets::target_in(&mut tx, &principal.scope, contract, object)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut draft = Draft::of(row, target);
    if draft.data.claim_type.is_some_and(|t| !t.fits(draft.line())) {
        draft.data.claim_type = None;
    }
    let json = draft.data.to_json()?;
    let values = DraftValues {
        contract_id: Some(draft.target.contract_id),
        object_id: draft.target.object_id,
        step: Step::Summary.slug(),
        data: &json,
        at,
    };
    if !claim_approvals::save_target(&mut tx, id, &values).await? {
        return Err(AppError::Conflict);
    }
    tx.commit().await?;
    Ok(Step::Object.next())
}

/// Lists received files on draft `id` awaiting the approver. On any error
/// the files are removed from the blob store, so a refused upload leaves
/// nothing.
pub async fn attach(
    app: &App,
    principal: &Principal,
    id: i64,
    document_type: DocumentType,
    files: &[Received],
) -> Result<(), AppError> {
    documents::or_discard(
        app,
        files,
        attach_rows(app, principal, id, document_type, files),
    )
    .await
}

async fn attach_rows(
    app: &App,
    principal: &Principal,
    id: i64,
    document_type: DocumentType,
    files: &[Received],
) -> Result<(), AppError> {
    find(app, principal, id).await?;
    let at = app.clock.now();
    let rows = documents::draft_rows(document_type, files);
    let mut tx = app.db.begin().await?;
    let (row, _) = held(&mut tx, principal, id, at).await?;
    store::insert_in(&mut tx, PortalUserId(row.portal_user_id), id, &rows, at).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes file `document` (the drafter's or an approver's) from draft
/// `id` awaiting the approver and deletes it from the blob store;
/// `NotFound` when the draft has no such file.
pub async fn remove(
    app: &App,
    principal: &Principal,
    id: i64,
    document: i64,
) -> Result<(), AppError> {
    find(app, principal, id).await?;
    let mut tx = app.db.begin().await?;
    let (row, _) = held(&mut tx, principal, id, app.clock.now()).await?;
    let drafter = PortalUserId(row.portal_user_id);
    let key = store::remove_in(&mut tx, drafter, id, document)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    // After the commit: a failed transaction keeps the file.
    uploads::discard_keys(app, &[key.as_str()]).await;
    Ok(())
}

/// The draft awaiting approval, held in `tx`, with its contract and object
/// as the approver's scope shows them now: `Conflict` when it was
/// submitted or returned meanwhile, `NotFound` when it left the scope.
pub(super) async fn held(
    tx: &mut Tx,
    principal: &Principal,
    id: i64,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(DraftRow, Target), AppError> {
    let row = claim_approvals::hold(tx, id, at)
        .await?
        .ok_or(AppError::Conflict)?;
    let contract = row.contract_id.ok_or(AppError::NotFound)?;
    let target = claim_targets::target_in(tx, &principal.scope, contract, row.object_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((row, target))
}
