//! Documents uploaded by portal users (A7, B7, B8, D14) to a customer,
//! contract, object, claim or finance item they may see.
//!
//! The flow: [`check_target`] before a byte is read (the record inside the
//! scope, else 404; the profile's `upload_document`, else 403; the
//! tenant's [`settings`]); each file through an [`Incoming`] (limit, kind
//! by content, SHA-256, sealed blob); then [`submit`]: in one transaction
//! the record is looked up through the scope again, the document rows,
//! an event for the back office (`document.uploaded`), a task for the
//! record's clerk and an audit entry are written. Anything refused or
//! failed after the files were stored removes them ([`discard`]).
//!
//! **For other use cases** (the claim wizard attaches photos to its
//! report): [`store_in_tx`] records received files on a record inside the
//! caller's transaction and returns the document ids, without event or
//! task, so the caller's own task can carry them. The caller receives the
//! files with [`Incoming`] (after [`check_target`]) and calls [`discard`]
//! when its transaction does not commit.

pub mod check;
mod incoming;
pub mod settings;

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use kp_domain::{
    Actor, ClaimId, ContractId, CustomerId, DocumentId, DocumentType, FinanceItemId, Function,
    ObjectId, Principal, TaskArea, TaskOrigin, TaskPriority,
};
use kp_storage::Tx;
use kp_storage::events::{self, ResourceLink};
use kp_storage::tasks::{self, NewTask};
pub use kp_storage::uploads::UploadTarget;
use kp_storage::write::documents::{self as documents, DocumentContext, NewDocument};

pub use incoming::{
    FILES_FIELD, Incoming, Received, TOO_LARGE, discard, discard_keys, is_too_large,
};
pub use settings::UploadSettings;

use crate::{App, AppError, FieldError, audit_log, task_categories};

/// Most files in one upload form.
pub const MAX_FILES: usize = 20;

/// The records a portal user may upload to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    Customer,
    Contract,
    Object,
    Claim,
    FinanceItem,
}

impl TargetKind {
    pub fn context(self, id: i64) -> DocumentContext {
        match self {
            TargetKind::Customer => DocumentContext::Customer(CustomerId(id)),
            TargetKind::Contract => DocumentContext::Contract(ContractId(id)),
            TargetKind::Object => DocumentContext::Object(ObjectId(id)),
            TargetKind::Claim => DocumentContext::Claim(ClaimId(id)),
            TargetKind::FinanceItem => DocumentContext::FinanceItem(FinanceItemId(id)),
        }
    }

    /// The task area of an upload to this kind of record (a customer's
    /// own documents go with the contracts).
    pub fn area(self) -> TaskArea {
        match self {
            TargetKind::Customer | TargetKind::Contract => TaskArea::Contracts,
            TargetKind::Object => TaskArea::Objects,
            TargetKind::Claim => TaskArea::Claims,
            TargetKind::FinanceItem => TaskArea::Finances,
        }
    }
}

/// A record to upload to with the settings that apply there.
#[derive(Debug, Clone)]
pub struct Checked {
    pub target: UploadTarget,
    pub settings: UploadSettings,
}

/// Checks before the body is read: the record inside the principal's
/// scope (`NotFound` otherwise, also for profiles without the function),
/// then the `upload_document` function and, on a customer, that the user
/// sees customer-level documents (`Forbidden`).
pub async fn check_target(
    app: &App,
    principal: &Principal,
    kind: TargetKind,
    id: i64,
) -> Result<Checked, AppError> {
    let mut tx = app.db.begin().await?;
    let target = kp_storage::uploads::target(&mut tx, &principal.scope, kind.context(id))
        .await?
        .ok_or(AppError::NotFound)?;
    drop(tx);
    if !principal.permissions.allows(Function::UploadDocument) {
        return Err(AppError::Forbidden);
    }
    // A user narrowed to objects or claims sees the customer but not its
    // customer-level documents: an upload there would vanish from view.
    if kind == TargetKind::Customer && !principal.scope.sees_customer_level_records() {
        return Err(AppError::Forbidden);
    }
    let settings = settings::for_tenant(app, target.tenant_id).await?;
    Ok(Checked { target, settings })
}

/// The document type chosen on the form, checked against the settings:
/// missing where mandatory, or not offered, is a field error; missing
/// otherwise is `other`.
pub fn document_type(settings: &UploadSettings, chosen: &str) -> Result<DocumentType, AppError> {
    let field = |key| {
        AppError::Validation(vec![FieldError {
            field: "document_type",
            key,
        }])
    };
    let chosen = chosen.trim();
    if chosen.is_empty() {
        return if settings.type_mandatory {
            Err(field("upload-error-type-missing"))
        } else {
            Ok(DocumentType::Other)
        };
    }
    match DocumentType::parse(chosen) {
        Ok(t) if settings.offered().contains(&t) => Ok(t),
        _ => Err(field("upload-error-type-unknown")),
    }
}

/// Records received files on the record named by `kind` and `id` inside
/// the caller's transaction, after finding it through the principal's
/// scope there (`NotFound` when outside). No event, no task: for use
/// cases that write their own (see the module documentation).
pub async fn store_in_tx(
    tx: &mut Tx,
    principal: &Principal,
    kind: TargetKind,
    id: i64,
    document_type: DocumentType,
    files: &[Received],
    at: DateTime<Utc>,
) -> Result<(UploadTarget, Vec<DocumentId>), AppError> {
    let stored: Vec<StoredFile<'_>> = files
        .iter()
        .map(|f| StoredFile {
            document_type: document_type.as_str(),
            file_name: &f.file_name,
            media_type: f.media_type,
            size_bytes: f.size_bytes,
            sha256: &f.sha256,
            storage_key: &f.storage_key,
        })
        .collect();
    store_typed_in_tx(tx, principal, kind, id, &stored, at).await
}

/// A file kept in the blob store, to be recorded with its own type (the
/// claim wizard keeps files of several uploads until its report is sent).
#[derive(Debug, Clone)]
pub struct StoredFile<'a> {
    pub document_type: &'a str,
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub storage_key: &'a str,
}

/// [`store_in_tx`] for files of different types.
pub async fn store_typed_in_tx(
    tx: &mut Tx,
    principal: &Principal,
    kind: TargetKind,
    id: i64,
    files: &[StoredFile<'_>],
    at: DateTime<Utc>,
) -> Result<(UploadTarget, Vec<DocumentId>), AppError> {
    let ctx = kind.context(id);
    let target = kp_storage::uploads::target(tx, &principal.scope, ctx)
        .await?
        .ok_or(AppError::NotFound)?;
    let (portal, staff) = match principal.actor {
        Actor::Portal { id, .. } => (Some(id), None),
        Actor::Staff { id, .. } => (None, Some(id)),
    };
    let mut ids = Vec::with_capacity(files.len());
    for f in files {
        let row = NewDocument {
            context: ctx,
            external_id: None,
            document_type: f.document_type.to_owned(),
            title: f.file_name.to_owned(),
            file_name: f.file_name.to_owned(),
            media_type: f.media_type.to_owned(),
            size_bytes: f.size_bytes,
            sha256: f.sha256.to_owned(),
            storage_key: f.storage_key.to_owned(),
            source: "portal".to_owned(),
            uploaded_by_portal_user_id: portal,
            uploaded_by_staff_id: staff,
            created_at: at,
        };
        ids.push(documents::insert(tx, &principal.scope, &row).await?);
    }
    Ok((target, ids))
}

/// Records an upload with its event, task and audit entry in one
/// transaction; removes the stored files when that fails. `checked` is
/// what [`check_target`] answered before the files were received; the
/// record is looked up through the scope again inside the transaction.
#[allow(clippy::too_many_arguments)]
pub async fn submit(
    app: &App,
    principal: &Principal,
    checked: &Checked,
    kind: TargetKind,
    id: i64,
    document_type: DocumentType,
    files: Vec<Received>,
    client: IpAddr,
) -> Result<Vec<DocumentId>, AppError> {
    if files.is_empty() {
        return Err(AppError::Validation(vec![FieldError {
            field: FILES_FIELD,
            key: "upload-error-no-file",
        }]));
    }
    let area = kind.area();
    let result =
        match task_categories::for_task(app, checked.target.tenant_id, area, TaskOrigin::Upload)
            .await
        {
            Ok(categories) => {
                let upload = Upload {
                    kind,
                    id,
                    document_type,
                    files: &files,
                    categories,
                };
                record(app, principal, upload, client).await
            }
            Err(err) => Err(err),
        };
    if result.is_err() {
        discard(app, &files).await;
    }
    result
}

struct Upload<'a> {
    kind: TargetKind,
    id: i64,
    document_type: DocumentType,
    files: &'a [Received],
    categories: task_categories::Categories,
}

async fn record(
    app: &App,
    principal: &Principal,
    upload: Upload<'_>,
    client: IpAddr,
) -> Result<Vec<DocumentId>, AppError> {
    let Upload {
        kind,
        id,
        document_type,
        files,
        categories,
    } = upload;
    let at = app.clock.now();
    let mut tx = app.db.begin().await?;
    let (target, ids) = store_in_tx(&mut tx, principal, kind, id, document_type, files, at).await?;
    let link = format!("/api/v1/documents/by-id/{}", ids[0].0);
    let payload = serde_json::json!({
        "documents": ids.iter().map(|d| d.0).collect::<Vec<_>>(),
        "document_type": document_type.as_str(),
        "customer_id": target.customer_id.0,
        "contract_id": target.contract_id.map(|c| c.0),
        "object_id": target.object_id.map(|o| o.0),
        "claim_id": target.claim_id.map(|c| c.0),
        "finance_item_id": target.finance_item_id,
    });
    let resource = ResourceLink {
        kind: "document",
        link: &link,
    };
    let event = events::append(
        &mut tx,
        target.tenant_id,
        "document.uploaded",
        resource,
        &payload,
        at,
    )
    .await?;
    let area = kind.area();
    let title: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
    tasks::insert(
        &mut tx,
        &NewTask {
            tenant_id: target.tenant_id,
            origin_event_id: Some(event),
            customer_id: Some(target.customer_id),
            contract_id: target.contract_id,
            object_id: target.object_id,
            claim_id: target.claim_id,
            claim_report_id: None,
            area,
            origin: TaskOrigin::Upload,
            category1: categories.category1,
            category2: categories.category2,
            priority: TaskPriority::Normal,
            // Data rather than prose, so the task reads the same in every
            // language: the file names, and who sent them.
            title: title.join(", ").chars().take(200).collect(),
            description: format!("{} <{}>", principal.name, principal.email),
            assignee: target.clerk,
            email_template: None,
            due_on: None,
            documents: ids.clone(),
            at,
        },
    )
    .await?;
    audit_log::record(
        app,
        &mut tx,
        audit_log::who(principal),
        "document.upload",
        ("document", Some(ids[0].0)),
        client,
        serde_json::json!({
            "documents": ids.iter().map(|d| d.0).collect::<Vec<_>>(),
            "customer_id": target.customer_id.0,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(ids)
}
