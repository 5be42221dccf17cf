//! The documents attached to one record (customer, contract, object or
//! claim), for the detail pages. A document belongs to the most specific
//! record it names, so a claim letter appears on the claim's page and not
//! again on its contract's; chat attachments stay with their message.

use chrono::{DateTime, Utc};
use kp_domain::{RecordRef, Scope};

use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct AttachedDocument {
    pub id: i64,
    pub title: String,
    pub document_type: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub created_at: DateTime<Utc>,
}

/// The visible documents whose most specific record is `record`, newest
/// first.
pub async fn list(db: &Db, scope: &Scope, record: RecordRef) -> Result<Vec<AttachedDocument>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT d.id, d.title, d.document_type, d.file_name, d.media_type, d.size_bytes, \
         d.created_at FROM documents d WHERE ",
    );
    match record {
        RecordRef::Customer(id) => q
            .push("d.customer_id = ")
            .bind(id)
            .push(" AND d.contract_id IS NULL AND d.object_id IS NULL AND d.claim_id IS NULL"),
        RecordRef::Contract(id) => q
            .push("d.contract_id = ")
            .bind(id)
            .push(" AND d.object_id IS NULL AND d.claim_id IS NULL"),
        RecordRef::Object(id) => q
            .push("d.object_id = ")
            .bind(id)
            .push(" AND d.claim_id IS NULL"),
        RecordRef::Claim(id) => q.push("d.claim_id = ").bind(id),
    };
    q.push(" AND d.message_id IS NULL AND ")
        .document("d")
        .push(" ORDER BY d.created_at DESC, d.id DESC");
    db.fetch_all(q.finish()?).await
}
