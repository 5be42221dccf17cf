//! Documents through the sync API (A2): metadata and files of every
//! document of the tenant — the back office's (by external id) and those
//! customers uploaded in the portal (no external id; by portal id). The
//! upload is in [`super::document_upload`].

use chrono::{DateTime, Utc};
use kp_documents::{BlobReader, DocumentError};
use kp_storage::api::documents::{self as store, DocumentRow};
use serde::{Deserialize, Serialize};

use super::upsert::Resource;
use super::{ApiError, Caller, ListQuery, Page, UpsertResult, paginate};
use crate::{App, AppError};

pub const RESOURCE: Resource = Resource {
    kind: "document",
    collection: "documents",
    scope: "documents",
};

/// The record a document belongs to, by its external id:
/// `{"contract": "V-1"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ContextRef {
    Customer(String),
    Contract(String),
    Object(String),
    Claim(String),
    FinanceItem(String),
}

/// A document as the API answers it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DocumentDoc {
    /// The portal's id (`/api/v1/documents/by-id/{id}`).
    pub id: i64,
    /// `null` for documents made in the portal (customer uploads).
    pub external_id: Option<String>,
    /// The customer's external id.
    pub customer: String,
    /// The most specific record the document belongs to.
    pub context: ContextRef,
    /// `message` or `certificate` for a portal document attached to a
    /// chat message or a transport certificate (not API resources).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attached_to: Option<&'static str>,
    pub document_type: String,
    pub title: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    /// Lower-case hex.
    pub sha256: String,
    pub customer_visible: bool,
    /// `back_office` or `portal`.
    pub source: String,
    /// Where the file is downloaded.
    pub content: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub fn context_of(r: &DocumentRow) -> ContextRef {
    if let Some(c) = &r.claim {
        ContextRef::Claim(c.clone())
    } else if let Some(f) = &r.finance_item {
        ContextRef::FinanceItem(f.clone())
    } else if let Some(o) = &r.object {
        ContextRef::Object(o.clone())
    } else if let Some(k) = &r.contract {
        ContextRef::Contract(k.clone())
    } else {
        ContextRef::Customer(r.customer.clone())
    }
}

pub fn doc(r: DocumentRow) -> DocumentDoc {
    let context = context_of(&r);
    let attached_to = if r.message_id.is_some() {
        Some("message")
    } else if r.certificate_id.is_some() {
        Some("certificate")
    } else {
        None
    };
    DocumentDoc {
        content: format!("/api/v1/documents/by-id/{}/content", r.id),
        id: r.id,
        external_id: r.external_id,
        customer: r.customer,
        context,
        attached_to,
        document_type: r.document_type,
        title: r.title,
        file_name: r.file_name,
        media_type: r.media_type,
        size_bytes: r.size_bytes,
        sha256: r.sha256,
        customer_visible: r.customer_visible,
        source: r.source,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

/// How a request names a document.
#[derive(Debug, Clone)]
pub enum DocumentKey {
    External(String),
    Id(String),
}

async fn find(app: &App, caller: &Caller, key: &DocumentKey) -> Result<DocumentRow, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let row = match key {
        DocumentKey::External(ext) => store::get(&app.db, caller.tenant, ext).await?,
        DocumentKey::Id(id) => match id.parse::<i64>() {
            Ok(id) => store::by_id(&app.db, caller.tenant, id).await?,
            Err(_) => None,
        },
    };
    row.ok_or(ApiError::NotFound)
}

pub async fn get(app: &App, caller: &Caller, key: &DocumentKey) -> Result<DocumentDoc, ApiError> {
    Ok(doc(find(app, caller, key).await?))
}

/// The document and its opened file, for a streamed download.
pub async fn open(
    app: &App,
    caller: &Caller,
    key: &DocumentKey,
) -> Result<(DocumentDoc, BlobReader), ApiError> {
    let row = find(app, caller, key).await?;
    let blob = app.blobs.open(&row.storage_key).await.map_err(|err| {
        // A row without its bytes is the store's fault, never the caller's.
        ApiError::App(match err {
            DocumentError::NotFound(k) => {
                AppError::Internal(format!("document {} has no blob {k}", row.id))
            }
            other => AppError::Internal(format!("document {}: {other}", row.id)),
        })
    })?;
    Ok((doc(row), blob))
}

pub async fn list(
    app: &App,
    caller: &Caller,
    q: &ListQuery,
) -> Result<Page<DocumentDoc>, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let page = q.page()?;
    let rows = store::list(&app.db, caller.tenant, &page).await?;
    paginate(rows, &page, |r| r.id, |r| Ok(doc(r)))
}

super::upsert::soft_delete!(
    /// Deletes (softly) a document of the back office; the blob stays, as it
    /// may be shared by content with other documents.
);

pub async fn delete(app: &App, caller: &Caller, ext: &str) -> Result<UpsertResult, ApiError> {
    caller.require(&RESOURCE.write_scope())?;
    let mut tx = app.db.begin().await?;
    let outcome = delete_in(&mut tx, caller.tenant, ext, app.clock.now()).await?;
    tx.commit().await?;
    Ok(RESOURCE.result(outcome, ext))
}
