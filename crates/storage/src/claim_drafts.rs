//! Drafts of the claim wizard (FEATURES A4): saved at every step, resumed
//! from any device until sent or discarded. Every statement names the
//! portal user, so another user's draft id matches nothing (the 404 of a
//! missing one). The contract and object a draft names are re-checked
//! through the scope by the use case ([`crate::claim_targets`]) whenever
//! the draft is used.

use chrono::{DateTime, Utc};
use kp_domain::{PortalUserId, Scope};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DraftRow {
    pub id: i64,
    pub portal_user_id: i64,
    pub contract_id: Option<i64>,
    pub object_id: Option<i64>,
    /// The step to show when the draft is resumed.
    pub step: String,
    /// The answers as JSON text (the use case's type).
    pub data: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// `draft`, `awaiting` (approval) or `returned` (see
    /// [`crate::claim_approvals`]).
    pub state: String,
    /// The approver's comment on a returned draft.
    pub review_comment: String,
}

/// A draft being written (the default).
pub const STATE_DRAFT: &str = "draft";
/// Sent for approval: only approvers change it.
pub const STATE_AWAITING: &str = "awaiting";
/// Sent back by an approver with a comment.
pub const STATE_RETURNED: &str = "returned";

/// What a new or changed draft holds.
#[derive(Debug, Clone)]
pub struct DraftValues<'a> {
    pub contract_id: Option<i64>,
    pub object_id: Option<i64>,
    pub step: &'a str,
    pub data: &'a str,
    pub at: DateTime<Utc>,
}

/// A draft as the claims page lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct DraftListRow {
    pub id: i64,
    pub step: String,
    /// The chosen contract's policy number while the scope still shows it.
    pub policy_number: Option<String>,
    pub updated_at: DateTime<Utc>,
    pub state: String,
    pub review_comment: String,
}

pub(crate) const COLUMNS: &str = "id, portal_user_id, contract_id, object_id, step, data, \
     created_at, updated_at, state, review_comment";

pub async fn create(db: &Db, user: PortalUserId, values: &DraftValues<'_>) -> Result<i64> {
    let mut tx = db.begin().await?;
    let id = tx
        .insert_returning_id(
            Sql::new(
                "INSERT INTO claim_report_drafts (portal_user_id, contract_id, object_id, step, \
                 data, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .arg(user)
            .arg(values.contract_id)
            .arg(values.object_id)
            .arg(values.step)
            .arg(values.data)
            .arg(values.at),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// The user's draft `id`; `None` for a missing or another user's draft.
pub async fn get(db: &Db, user: PortalUserId, id: i64) -> Result<Option<DraftRow>> {
    db.fetch_optional(
        Sql::new(format!(
            "SELECT {COLUMNS} FROM claim_report_drafts WHERE id = $1 AND portal_user_id = $2"
        ))
        .arg(id)
        .arg(user),
    )
    .await
}

/// Replaces the draft's contents; `false` when the user has no such draft
/// (sent or discarded meanwhile, or another user's) or it awaits approval.
pub async fn save(db: &Db, user: PortalUserId, id: i64, values: &DraftValues<'_>) -> Result<bool> {
    let changed = db
        .execute(
            Sql::new(
                "UPDATE claim_report_drafts SET contract_id = $1, object_id = $2, step = $3, \
                 data = $4, updated_at = $5 WHERE id = $6 AND portal_user_id = $7 \
                 AND state <> 'awaiting'",
            )
            .arg(values.contract_id)
            .arg(values.object_id)
            .arg(values.step)
            .arg(values.data)
            .arg(values.at)
            .arg(id)
            .arg(user),
        )
        .await?;
    Ok(changed == 1)
}

/// Deletes the user's draft; `false` when there was none.
pub async fn discard(db: &Db, user: PortalUserId, id: i64) -> Result<bool> {
    let deleted = db
        .execute(
            Sql::new("DELETE FROM claim_report_drafts WHERE id = $1 AND portal_user_id = $2")
                .arg(id)
                .arg(user),
        )
        .await?;
    Ok(deleted == 1)
}

/// Takes the draft out in the sending transaction and returns what it
/// held. Of two submits of the same draft only one gets it: the other's
/// DELETE finds no row (on PostgreSQL after waiting for the first to
/// commit), so the report is written exactly once. A draft awaiting
/// approval is the approvers' to send.
pub async fn consume(tx: &mut Tx, user: PortalUserId, id: i64) -> Result<Option<DraftRow>> {
    tx.fetch_optional(
        Sql::new(format!(
            "DELETE FROM claim_report_drafts WHERE id = $1 AND portal_user_id = $2 \
             AND state <> 'awaiting' RETURNING {COLUMNS}"
        ))
        .arg(id)
        .arg(user),
    )
    .await
}

/// The user's open drafts, last changed first.
pub async fn list(db: &Db, scope: &Scope, user: PortalUserId) -> Result<Vec<DraftListRow>> {
    let mut q = Scoped::new(scope);
    q.push("SELECT d.id, d.step, d.updated_at, d.state, d.review_comment, CASE WHEN ")
        .contract("k")
        .push(
            " THEN k.policy_number END AS policy_number FROM claim_report_drafts d \
             LEFT JOIN contracts k ON k.id = d.contract_id WHERE d.portal_user_id = ",
        )
        .bind(user)
        .push(" ORDER BY d.updated_at DESC, d.id DESC");
    db.fetch_all(q.finish()?).await
}
