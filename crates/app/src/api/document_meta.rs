//! `PATCH /api/v1/documents/{external_id}`: a document's metadata changed
//! without sending the file again (a title corrected, the document moved
//! to another contract, hidden from the customer). Only the fields sent
//! change; the file, its digest and its media type stay. Also the checks
//! of names and the context the upload shares.

use kp_domain::{ClaimId, ContractId, CustomerId, DocumentType, FinanceItemId, ObjectId, TenantId};
use kp_storage::Tx;
use kp_storage::api::documents::{self as store, DocumentValues};
use kp_storage::api::refs;
use kp_storage::write::documents::DocumentContext;
use serde::{Deserialize, Serialize};

use super::documents::{ContextRef, RESOURCE, context_of};
use super::upsert::missing;
use super::validate::{self, Checker};
use super::{ApiError, Caller, Outcome, UpsertResult};
use crate::App;

/// The metadata fields to change; those left out keep their value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentMetaPatch {
    /// The record the document belongs to, by external id.
    #[serde(default)]
    pub context: Option<ContextRef>,
    #[serde(default)]
    pub document_type: Option<DocumentType>,
    /// The name the file is downloaded under (1–255 characters, no slashes).
    #[serde(default)]
    pub file_name: Option<String>,
    /// Shown in the portal; an empty title means the file name.
    #[serde(default)]
    pub title: Option<String>,
    /// Whether portal users see it (staff always do).
    #[serde(default)]
    pub customer_visible: Option<bool>,
}

/// Checks and trims a file name in place; `field` names it in problems.
pub(crate) fn check_file_name(c: &mut Checker, field: &str, name: &mut String) {
    *name = name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 255 {
        c.fail(field, "must be 1 to 255 characters");
    } else if name
        .chars()
        .any(|ch| ch.is_control() || ch == '/' || ch == '\\')
    {
        c.fail(field, "must not contain slashes or control characters");
    }
}

/// Trims a title in place, the file name when empty, and checks it.
pub(crate) fn check_title(c: &mut Checker, field: &str, title: &mut String, file_name: &str) {
    *title = title.trim().to_owned();
    if title.is_empty() {
        file_name.clone_into(title);
    }
    c.text(field, title);
}

/// The context record's id in the tenant, or the missing reference named
/// as `<field>.<kind>`.
pub(crate) async fn resolve(
    tx: &mut Tx,
    tenant: TenantId,
    field: &str,
    context: &ContextRef,
) -> Result<DocumentContext, ApiError> {
    let (found, name, ext) = match context {
        ContextRef::Customer(e) => (
            refs::customer(tx, tenant, e)
                .await?
                .map(|id| DocumentContext::Customer(CustomerId(id))),
            "customer",
            e,
        ),
        ContextRef::Contract(e) => (
            refs::contract(tx, tenant, e)
                .await?
                .map(|id| DocumentContext::Contract(ContractId(id))),
            "contract",
            e,
        ),
        ContextRef::Object(e) => (
            refs::object(tx, tenant, e)
                .await?
                .map(|id| DocumentContext::Object(ObjectId(id))),
            "object",
            e,
        ),
        ContextRef::Claim(e) => (
            refs::claim(tx, tenant, e)
                .await?
                .map(|id| DocumentContext::Claim(ClaimId(id))),
            "claim",
            e,
        ),
        ContextRef::FinanceItem(e) => (
            refs::finance_item(tx, tenant, e)
                .await?
                .map(|id| DocumentContext::FinanceItem(FinanceItemId(id))),
            "finance_item",
            e,
        ),
    };
    found.ok_or_else(|| missing(&format!("{field}.{name}"), ext))
}

/// Applies `patch` to the tenant's document `ext`: `updated` (with the
/// `document.updated` event) or `unchanged` (nothing written). A document
/// of another tenant, deleted or never sent is 404.
pub async fn patch(
    app: &App,
    caller: &Caller,
    ext: &str,
    patch: DocumentMetaPatch,
) -> Result<UpsertResult, ApiError> {
    caller.require(&RESOURCE.write_scope())?;
    validate::external_id(ext)?;
    let tenant = caller.tenant;
    let mut tx = app.db.begin().await?;
    let stored = store::get_in(&mut tx, tenant, ext)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut c = Checker::default();
    let mut file_name = patch.file_name.unwrap_or_else(|| stored.file_name.clone());
    check_file_name(&mut c, "file_name", &mut file_name);
    let mut title = patch.title.unwrap_or_else(|| stored.title.clone());
    check_title(&mut c, "title", &mut title, &file_name);
    c.finish()?;
    let context_ref = patch.context.unwrap_or_else(|| context_of(&stored));
    let context = resolve(&mut tx, tenant, "context", &context_ref).await?;
    let document_type = match patch.document_type {
        Some(t) => t.as_str().to_owned(),
        None => stored.document_type.clone(),
    };
    let customer_visible = patch.customer_visible.unwrap_or(stored.customer_visible);
    if context_ref == context_of(&stored)
        && document_type == stored.document_type
        && title == stored.title
        && file_name == stored.file_name
        && customer_visible == stored.customer_visible
    {
        return Ok(RESOURCE.result(Outcome::Unchanged, ext));
    }
    let values = DocumentValues {
        context,
        document_type: &document_type,
        title: &title,
        file_name: &file_name,
        media_type: &stored.media_type,
        size_bytes: stored.size_bytes,
        sha256: &stored.sha256,
        storage_key: &stored.storage_key,
        customer_visible,
    };
    let at = app.clock.now();
    store::update(&mut tx, stored.id, &values, at).await?;
    RESOURCE
        .event(&mut tx, tenant, ext, Outcome::Updated, at)
        .await?;
    tx.commit().await?;
    Ok(RESOURCE.result(Outcome::Updated, ext))
}
