//! Document records. The bytes live in the blob store; the row names them
//! by storage key and SHA-256.
//!
//! The access predicate decides by the most specific context id and trusts
//! that a record below a contract carries every id above it, so the insert
//! takes only the most specific context ([`DocumentContext`]) and copies
//! the tenant, customer, contract, object and claim ids from that record.

use chrono::{DateTime, Utc};
use kp_domain::{
    ClaimId, ContractId, CustomerId, DocumentId, FinanceItemId, ObjectId, PortalUserId, Scope,
    StaffUserId,
};

use crate::Result;
use crate::args::Arg;
use crate::db::Tx;
use crate::scope_sql::{Context, Scoped};

/// The record a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentContext {
    Customer(CustomerId),
    Contract(ContractId),
    Object(ObjectId),
    Claim(ClaimId),
    FinanceItem(FinanceItemId),
    /// A transport certificate (its id).
    Certificate(i64),
    /// A chat message (its id).
    Message(i64),
}

#[derive(Debug, Clone)]
pub struct NewDocument {
    pub context: DocumentContext,
    /// The back office's key; unique per tenant when set.
    pub external_id: Option<String>,
    /// e.g. `policy`, `invoice`, `dunning`, `claim_letter`, `expert_report`.
    pub document_type: String,
    pub title: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    /// `portal` or `back_office`.
    pub source: String,
    pub uploaded_by_portal_user_id: Option<PortalUserId>,
    pub uploaded_by_staff_id: Option<StaffUserId>,
    pub created_at: DateTime<Utc>,
}

const NULL: &str = "CAST(NULL AS BIGINT)";

/// The select list (tenant, customer, contract, object, claim, finance
/// item, certificate, message) and the `FROM … WHERE` for a context whose
/// id is bound as `$1`.
pub(crate) fn context_source(ctx: DocumentContext) -> (String, &'static str) {
    use DocumentContext::*;
    let (cols, from): ([&str; 8], &str) = match ctx {
        Customer(_) => (
            ["p.tenant_id", "p.id", NULL, NULL, NULL, NULL, NULL, NULL],
            "customers p",
        ),
        Contract(_) => (
            [
                "p.tenant_id",
                "p.customer_id",
                "p.id",
                NULL,
                NULL,
                NULL,
                NULL,
                NULL,
            ],
            "contracts p",
        ),
        Object(_) => (
            [
                "p.tenant_id",
                "k.customer_id",
                "p.contract_id",
                "p.id",
                NULL,
                NULL,
                NULL,
                NULL,
            ],
            "insured_objects p JOIN contracts k ON k.id = p.contract_id",
        ),
        Claim(_) => (
            [
                "p.tenant_id",
                "k.customer_id",
                "p.contract_id",
                "p.object_id",
                "p.id",
                NULL,
                NULL,
                NULL,
            ],
            "claims p JOIN contracts k ON k.id = p.contract_id",
        ),
        FinanceItem(_) => (
            [
                "p.tenant_id",
                "p.customer_id",
                "p.contract_id",
                NULL,
                NULL,
                "p.id",
                NULL,
                NULL,
            ],
            "finance_items p",
        ),
        Certificate(_) => (
            [
                "k.tenant_id",
                "k.customer_id",
                "k.id",
                NULL,
                NULL,
                NULL,
                "p.id",
                NULL,
            ],
            "transport_certificates p JOIN contracts k ON k.id = p.contract_id",
        ),
        Message(_) => (
            [
                "cu.tenant_id",
                "v.customer_id",
                "v.contract_id",
                "v.object_id",
                "v.claim_id",
                NULL,
                NULL,
                "p.id",
            ],
            "messages p JOIN conversations v ON v.id = p.conversation_id \
             JOIN customers cu ON cu.id = v.customer_id",
        ),
    };
    (cols.join(", "), from)
}

pub(crate) fn context_id(ctx: DocumentContext) -> i64 {
    use DocumentContext::*;
    match ctx {
        Customer(id) => id.0,
        Contract(id) => id.0,
        Object(id) => id.0,
        Claim(id) => id.0,
        FinanceItem(id) => id.0,
        Certificate(id) | Message(id) => id,
    }
}

/// The scope predicate on the context record of [`context_source`].
pub(crate) fn context_in_scope(ctx: DocumentContext, q: &mut Scoped<'_>) {
    use DocumentContext::*;
    match ctx {
        Customer(_) => q.customer_level("p.id"),
        Contract(_) => q.contract("p"),
        Object(_) => q.object("p"),
        Claim(_) => q.claim("p"),
        FinanceItem(_) => q.in_context("p", Context::CONTRACT),
        Certificate(_) => q.contract("k"),
        Message(_) => q.in_context("v", Context::FULL),
    };
}

/// Records a document on a context record inside `scope` (the back office
/// passes [`Scope::everything`]); a context that does not exist or lies
/// outside the scope writes nothing and answers `NotFound`.
pub async fn insert(tx: &mut Tx, scope: &Scope, d: &NewDocument) -> Result<DocumentId> {
    let (cols, from) = context_source(d.context);
    let mut q = Scoped::new(scope);
    q.push(&format!(
        "INSERT INTO documents (tenant_id, customer_id, contract_id, object_id, claim_id, \
         finance_item_id, certificate_id, message_id, external_id, document_type, title, file_name, \
         media_type, size_bytes, sha256, storage_key, source, uploaded_by_portal_user_id, \
         uploaded_by_staff_id, created_at, updated_at) SELECT {cols}"
    ));
    for value in [
        Arg::from(d.external_id.clone()),
        Arg::from(&d.document_type),
        Arg::from(&d.title),
        Arg::from(&d.file_name),
        Arg::from(&d.media_type),
        Arg::from(d.size_bytes),
        Arg::from(&d.sha256),
        Arg::from(&d.storage_key),
        Arg::from(&d.source),
        Arg::from(d.uploaded_by_portal_user_id),
        Arg::from(d.uploaded_by_staff_id),
        Arg::from(d.created_at),
        Arg::from(d.created_at),
    ] {
        q.push(", ").bind(value);
    }
    q.push(&format!(" FROM {from} WHERE p.id = "))
        .bind(context_id(d.context))
        .push(" AND ");
    context_in_scope(d.context, &mut q);
    Ok(DocumentId(
        super::insert_from_parent(tx, q.finish()?).await?,
    ))
}
