//! One document's file: the scoped look-up before its bytes are served,
//! the audit entry and read marker written when they are, and the "new"
//! marker (a portal user has not yet opened the document) for the pages
//! that list documents.
//!
//! A staff member impersonating a portal user acts for that user, but the
//! user has not seen the document: the read marker is left alone then, and
//! the audit entry names both.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use kp_domain::{
    Actor, DocumentContextKind, DocumentId, PortalUserId, Principal, Scope, StaffUserId,
};

use crate::db::Db;
use crate::scope_sql::Scoped;
use crate::{Result, StorageError};

/// A document's metadata and where it hangs, as the file responses and the
/// document page need them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct DocumentFile {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub contract_id: Option<i64>,
    pub policy_number: Option<String>,
    pub object_id: Option<i64>,
    pub object_description: Option<String>,
    pub claim_id: Option<i64>,
    pub claim_number: Option<String>,
    pub finance_item_id: Option<i64>,
    pub document_type: String,
    pub title: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    pub source: String,
    pub created_at: DateTime<Utc>,
    /// Whether `reader` (see [`find`]) has never opened it; always false
    /// for staff.
    pub is_new: bool,
}

/// The portal user whose read marker counts for `principal`: none for
/// staff, also not while impersonating.
pub fn reader(principal: &Principal) -> Option<PortalUserId> {
    match (&principal.actor, principal.impersonated_by) {
        (Actor::Portal { id, .. }, None) => Some(*id),
        _ => None,
    }
}

/// Appends `NOT EXISTS (…)`: the document with alias `d` has not been
/// opened by `user`. For list pages that show the "new" marker or filter
/// by it; the statement still needs its scope predicate.
pub fn unread_by(q: &mut Scoped<'_>, d: &str, user: PortalUserId) {
    q.push("NOT EXISTS (SELECT 1 FROM document_reads dr WHERE dr.document_id = ")
        .push(d)
        .push(".id AND dr.portal_user_id = ")
        .bind(user)
        .push(")");
}

/// The document if it exists and lies inside the scope; `None` otherwise
/// (the two are the same to the caller). `reader` decides `is_new`.
pub async fn find(
    db: &Db,
    scope: &Scope,
    id: DocumentId,
    reader: Option<PortalUserId>,
) -> Result<Option<DocumentFile>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT d.id, d.customer_id, cu.display_name AS customer_name, d.contract_id, \
         k.policy_number, d.object_id, o.description AS object_description, d.claim_id, \
         d.finance_item_id, \
         c.broker_claim_number AS claim_number, d.document_type, d.title, d.file_name, \
         d.media_type, d.size_bytes, d.sha256, d.storage_key, d.source, d.created_at, ",
    );
    match reader {
        Some(user) => {
            q.push("CASE WHEN ");
            unread_by(&mut q, "d", user);
            q.push(" THEN TRUE ELSE FALSE END AS is_new ");
        }
        None => {
            q.push("FALSE AS is_new ");
        }
    }
    // The context names come from the records the document belongs to;
    // visibility follows the document's most specific context, which the
    // predicate below decides.
    q.push(
        "FROM documents d JOIN customers cu ON cu.id = d.customer_id \
         LEFT JOIN contracts k ON k.id = d.contract_id \
         LEFT JOIN insured_objects o ON o.id = d.object_id \
         LEFT JOIN claims c ON c.id = d.claim_id WHERE d.id = ",
    )
    .bind(id)
    .push(" AND ")
    .document("d");
    db.fetch_optional(q.finish()?).await
}

/// Which of `ids` lie in the scope and have not been opened by `user`.
pub async fn new_among(
    db: &Db,
    scope: &Scope,
    user: PortalUserId,
    ids: &[DocumentId],
) -> Result<BTreeSet<DocumentId>> {
    if ids.is_empty() {
        return Ok(BTreeSet::new());
    }
    let mut q = Scoped::new(scope);
    q.push("SELECT d.id FROM documents d WHERE d.id IN ")
        .bind_list(ids.iter().copied())
        .push(" AND ");
    unread_by(&mut q, "d", user);
    q.push(" AND ").document("d");
    let rows: Vec<(i64,)> = db.fetch_all(q.finish()?).await?;
    Ok(rows.into_iter().map(|(id,)| DocumentId(id)).collect())
}

/// How many documents of the `shown` kinds in the scope `user` has opened:
/// driven by the user's read markers (few), so that the home page's "new
/// documents" is the scope's cached count minus this one instead of a walk
/// over every document of the scope per visit.
pub async fn count_read(
    db: &Db,
    scope: &Scope,
    user: PortalUserId,
    shown: &[DocumentContextKind],
) -> Result<i64> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT COUNT(*) FROM document_reads dr JOIN documents d ON d.id = dr.document_id \
         WHERE dr.portal_user_id = ",
    )
    .bind(user)
    .push(" AND ");
    crate::lists::documents::of_kinds(&mut q, shown);
    q.push(" AND ").document("d");
    let (n,): (i64,) = db.fetch_one(q.finish()?).await?;
    Ok(n)
}

/// What was done with a document's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAction {
    Download,
    Preview,
}

impl FileAction {
    /// The audit entry's action.
    pub fn audit_action(self) -> &'static str {
        match self {
            FileAction::Download => "document.download",
            FileAction::Preview => "document.preview",
        }
    }
}

/// The columns of an audit entry that say who acted.
struct AuditActor {
    staff: Option<StaffUserId>,
    portal: Option<PortalUserId>,
    impersonated: Option<PortalUserId>,
}

impl AuditActor {
    fn of(principal: &Principal) -> AuditActor {
        match (&principal.actor, principal.impersonated_by) {
            (Actor::Staff { id, .. }, _) => AuditActor {
                staff: Some(*id),
                portal: None,
                impersonated: None,
            },
            // The staff member at the keyboard is the actor; the portal
            // user whose view they use is recorded beside them.
            (Actor::Portal { id, .. }, Some(staff)) => AuditActor {
                staff: Some(staff),
                portal: None,
                impersonated: Some(*id),
            },
            (Actor::Portal { id, .. }, None) => AuditActor {
                staff: None,
                portal: Some(*id),
                impersonated: None,
            },
        }
    }
}

/// Records that `principal` downloaded or previewed a document: an audit
/// entry and, for a portal user acting themselves, the read marker (once).
/// Both inserts select the document through the scope in one transaction,
/// so an id outside it writes nothing and answers `NotFound`.
pub async fn record_access(
    db: &Db,
    principal: &Principal,
    id: DocumentId,
    action: FileAction,
    ip: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let actor = AuditActor::of(principal);
    let mut tx = db.begin().await?;
    let mut q = Scoped::new(&principal.scope);
    q.push(
        "INSERT INTO audit_entries (actor_staff_id, actor_portal_user_id, \
         impersonated_portal_user_id, action, target_kind, target_id, ip, created_at) SELECT ",
    )
    .bind(actor.staff)
    .push(", ")
    .bind(actor.portal)
    .push(", ")
    .bind(actor.impersonated)
    .push(", ")
    .bind(action.audit_action())
    .push(", 'document', d.id, ")
    .bind(ip)
    .push(", ")
    .bind(at)
    .push(" FROM documents d WHERE d.id = ")
    .bind(id)
    .push(" AND ")
    .document("d");
    if tx.execute(q.finish()?).await? == 0 {
        return Err(StorageError::NotFound);
    }
    if let Some(user) = reader(principal) {
        let mut q = Scoped::new(&principal.scope);
        q.push("INSERT INTO document_reads (document_id, portal_user_id, read_at) SELECT d.id, ")
            .bind(user)
            .push(", ")
            .bind(at)
            .push(" FROM documents d WHERE d.id = ")
            .bind(id)
            .push(" AND ")
            .document("d")
            // Two downloads at once both pass the scope check; the second
            // insert is then simply not needed.
            .push(" ON CONFLICT (document_id, portal_user_id) DO NOTHING");
        tx.execute(q.finish()?).await?;
    }
    tx.commit().await
}
