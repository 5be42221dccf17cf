//! Conversations (chat threads) between a customer and the broker, and
//! their messages.

use chrono::{DateTime, Utc};
use kp_domain::{PortalUserId, RecordRef, Scope, StaffUserId};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;
use crate::scope_sql::{Context, Scoped};

#[derive(Debug, Clone)]
pub struct NewConversation {
    /// What the conversation is about: a customer, or a contract, object or
    /// claim (whose contract and customer are read from it).
    pub about: RecordRef,
    pub subject: String,
    /// `open` or `closed`.
    pub status: String,
    pub started_by_portal_user_id: Option<PortalUserId>,
    pub assigned_staff_id: Option<StaffUserId>,
    pub created_at: DateTime<Utc>,
}

/// Starts a conversation about a record inside `scope` (the back office
/// passes [`Scope::everything`]); a record that does not exist or lies
/// outside the scope writes nothing and answers `NotFound`.
pub async fn insert(tx: &mut Tx, scope: &Scope, c: &NewConversation) -> Result<i64> {
    let mut q = Scoped::new(scope);
    q.push(
        "INSERT INTO conversations (customer_id, contract_id, object_id, claim_id, subject, status, \
         started_by_portal_user_id, assigned_staff_id, created_at, updated_at) \
         SELECT src.customer_id, src.contract_id, src.object_id, src.claim_id, ",
    )
    .bind(&c.subject)
    .push(", ")
    .bind(&c.status)
    .push(", ")
    .bind(c.started_by_portal_user_id)
    .push(", ")
    .bind(c.assigned_staff_id)
    .push(", ")
    .bind(c.created_at)
    .push(", ")
    .bind(c.created_at)
    .push(" FROM ");
    super::target::source(&mut q, c.about);
    super::insert_from_parent(tx, q.finish()?).await
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    Portal(PortalUserId),
    Staff(StaffUserId),
}

#[derive(Debug, Clone)]
pub struct NewMessage {
    pub conversation_id: i64,
    pub author: Author,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// Adds a message to a conversation inside `scope` and moves the
/// conversation's `updated_at` to it, so lists sorted by activity show the
/// thread on top. A conversation outside the scope writes nothing and
/// answers `NotFound`.
pub async fn insert_message(tx: &mut Tx, scope: &Scope, m: &NewMessage) -> Result<i64> {
    let (portal, staff) = match m.author {
        Author::Portal(id) => (Some(id), None),
        Author::Staff(id) => (None, Some(id)),
    };
    let mut q = Scoped::new(scope);
    q.push(
        "INSERT INTO messages (conversation_id, author_portal_user_id, author_staff_id, body, \
         created_at) SELECT v.id, ",
    )
    .bind(portal)
    .push(", ")
    .bind(staff)
    .push(", ")
    .bind(&m.body)
    .push(", ")
    .bind(m.created_at)
    .push(" FROM conversations v WHERE v.id = ")
    .bind(m.conversation_id)
    .push(" AND ")
    .in_context("v", Context::FULL);
    let id = super::insert_from_parent(tx, q.finish()?).await?;
    tx.execute(
        Sql::new("UPDATE conversations SET updated_at = $1 WHERE id = $2 AND updated_at < $1")
            .arg(m.created_at)
            .arg(m.conversation_id),
    )
    .await?;
    Ok(id)
}
