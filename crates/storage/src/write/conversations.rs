//! Conversations (chat threads) between a customer and the broker, and
//! their messages.

use chrono::{DateTime, Utc};
use kp_domain::{ClaimId, ContractId, CustomerId, ObjectId, PortalUserId, StaffUserId};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

#[derive(Debug, Clone)]
pub struct NewConversation {
    pub customer_id: CustomerId,
    /// Context below the customer; as with documents, a claim conversation
    /// should also name the claim's contract (and object).
    pub contract_id: Option<ContractId>,
    pub object_id: Option<ObjectId>,
    pub claim_id: Option<ClaimId>,
    pub subject: String,
    /// `open` or `closed`.
    pub status: String,
    pub started_by_portal_user_id: Option<PortalUserId>,
    pub assigned_staff_id: Option<StaffUserId>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, c: &NewConversation) -> Result<i64> {
    let sql = Sql::new(
        "INSERT INTO conversations (customer_id, contract_id, object_id, claim_id, subject, status, \
         started_by_portal_user_id, assigned_staff_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
    )
    .arg(c.customer_id)
    .arg(c.contract_id)
    .arg(c.object_id)
    .arg(c.claim_id)
    .arg(&c.subject)
    .arg(&c.status)
    .arg(c.started_by_portal_user_id)
    .arg(c.assigned_staff_id)
    .arg(c.created_at);
    tx.insert_returning_id(sql).await
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

/// Adds a message and moves the conversation's `updated_at` to it, so
/// lists sorted by activity show the thread on top.
pub async fn insert_message(tx: &mut Tx, m: &NewMessage) -> Result<i64> {
    let (portal, staff) = match m.author {
        Author::Portal(id) => (Some(id), None),
        Author::Staff(id) => (None, Some(id)),
    };
    let sql = Sql::new(
        "INSERT INTO messages (conversation_id, author_portal_user_id, author_staff_id, body, \
         created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .arg(m.conversation_id)
    .arg(portal)
    .arg(staff)
    .arg(&m.body)
    .arg(m.created_at);
    let id = tx.insert_returning_id(sql).await?;
    tx.execute(
        Sql::new("UPDATE conversations SET updated_at = $1 WHERE id = $2 AND updated_at < $1")
            .arg(m.created_at)
            .arg(m.conversation_id),
    )
    .await?;
    Ok(id)
}
