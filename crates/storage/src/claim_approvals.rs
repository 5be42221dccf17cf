//! Four-eyes approval of claim reports (issue 10): drafts sent for
//! approval (`claim_report_drafts.state = 'awaiting'`) as the approvers of
//! the drafter's organization read, change, return and submit them. Every
//! read an approver makes goes through the approver's scope (the draft's
//! contract and, where chosen, object) and the organization; every change
//! names the state it expects, so of two approvers acting at once only
//! the first changes anything.

use chrono::{DateTime, Utc};
use kp_domain::{OrganizationId, PortalUserId, PortalUserStatus, Scope};

use crate::Result;
use crate::args::Sql;
use crate::claim_drafts::{COLUMNS, DraftRow, DraftValues, STATE_AWAITING, STATE_RETURNED};
use crate::db::{Db, Tx};
use crate::scope_sql::Scoped;

/// A draft awaiting approval as the approvers' list shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct AwaitingRow {
    pub id: i64,
    pub drafter_name: String,
    pub policy_number: String,
    pub object_description: Option<String>,
    pub requested_at: Option<DateTime<Utc>>,
}

/// The drafter as the mails need them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Drafter {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub language: String,
    pub organization_id: Option<i64>,
}

/// Marks the user's draft as awaiting approval; `false` when the user has
/// no such draft or it awaits approval already.
pub async fn request(tx: &mut Tx, user: PortalUserId, id: i64, at: DateTime<Utc>) -> Result<bool> {
    let changed = tx
        .execute(
            Sql::new(
                "UPDATE claim_report_drafts SET state = $1, requested_at = $2, updated_at = $2, \
                 review_comment = '' WHERE id = $3 AND portal_user_id = $4 AND state <> $1",
            )
            .arg(STATE_AWAITING)
            .arg(at)
            .arg(id)
            .arg(user),
        )
        .await?;
    Ok(changed == 1)
}

/// Drafts awaiting approval of organization `org` whose contract (and
/// object) the scope shows, not drafted by `approver`; oldest first.
pub async fn awaiting(
    db: &Db,
    scope: &Scope,
    org: OrganizationId,
    approver: PortalUserId,
) -> Result<Vec<AwaitingRow>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT d.id, pu.name AS drafter_name, k.policy_number, \
         o.description AS object_description, d.requested_at \
         FROM claim_report_drafts d JOIN portal_users pu ON pu.id = d.portal_user_id \
         JOIN contracts k ON k.id = d.contract_id \
         LEFT JOIN insured_objects o ON o.id = d.object_id WHERE d.state = ",
    )
    .bind(STATE_AWAITING)
    .push(" AND pu.organization_id = ")
    .bind(org)
    .push(" AND d.portal_user_id <> ")
    .bind(approver)
    .push(" AND ")
    .contract("k")
    .push(" AND (d.object_id IS NULL OR ")
    .object("o")
    .push(") ORDER BY d.requested_at, d.id");
    db.fetch_all(q.finish()?).await
}

/// Draft `id` whatever its state, with its drafter's organization; the
/// use case checks the state, the organization and the scope.
pub async fn get(db: &Db, id: i64) -> Result<Option<(DraftRow, Option<i64>)>> {
    let row: Option<DraftWithOrg> = db
        .fetch_optional(
            Sql::new(format!(
                "SELECT {cols}, pu.organization_id AS drafter_organization \
                 FROM claim_report_drafts d JOIN portal_users pu ON pu.id = d.portal_user_id \
                 WHERE d.id = $1",
                cols = prefixed("d")
            ))
            .arg(id),
        )
        .await?;
    Ok(row.map(|r| (r.draft, r.drafter_organization)))
}

#[derive(sqlx::FromRow)]
struct DraftWithOrg {
    #[sqlx(flatten)]
    draft: DraftRow,
    drafter_organization: Option<i64>,
}

fn prefixed(alias: &str) -> String {
    COLUMNS
        .split(',')
        .map(|c| format!("{alias}.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An approver's change of a draft awaiting approval, in the transaction
/// that holds it ([`hold`]); `false` when it no longer awaits approval.
pub async fn save(tx: &mut Tx, id: i64, values: &DraftValues<'_>) -> Result<bool> {
    let changed = tx
        .execute(
            Sql::new(
                "UPDATE claim_report_drafts SET data = $1, updated_at = $2 \
                 WHERE id = $3 AND state = $4",
            )
            .arg(values.data)
            .arg(values.at)
            .arg(id)
            .arg(STATE_AWAITING),
        )
        .await?;
    Ok(changed == 1)
}

/// Holds a draft awaiting approval for an approver's change in `tx` (its
/// `updated_at` touched, so a concurrent submit or return waits for the
/// commit); the draft, `None` when it no longer awaits approval.
pub async fn hold(tx: &mut Tx, id: i64, at: DateTime<Utc>) -> Result<Option<DraftRow>> {
    tx.fetch_optional(
        Sql::new(format!(
            "UPDATE claim_report_drafts SET updated_at = $1 WHERE id = $2 AND state = $3 \
             RETURNING {COLUMNS}"
        ))
        .arg(at)
        .arg(id)
        .arg(STATE_AWAITING),
    )
    .await
}

/// An approver's change of the contract and object (with the answers, a
/// claim type that no longer fits cleared); `false` when the draft no
/// longer awaits approval.
pub async fn save_target(tx: &mut Tx, id: i64, values: &DraftValues<'_>) -> Result<bool> {
    let changed = tx
        .execute(
            Sql::new(
                "UPDATE claim_report_drafts SET contract_id = $1, object_id = $2, data = $3, \
                 updated_at = $4 WHERE id = $5 AND state = $6",
            )
            .arg(values.contract_id)
            .arg(values.object_id)
            .arg(values.data)
            .arg(values.at)
            .arg(id)
            .arg(STATE_AWAITING),
        )
        .await?;
    Ok(changed == 1)
}

/// Sends the draft back with a comment; the drafter's id, `None` when it
/// no longer awaits approval.
pub async fn send_back(
    tx: &mut Tx,
    id: i64,
    comment: &str,
    at: DateTime<Utc>,
) -> Result<Option<i64>> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            Sql::new(
                "UPDATE claim_report_drafts SET state = $1, review_comment = $2, \
                 updated_at = $3 WHERE id = $4 AND state = $5 RETURNING portal_user_id",
            )
            .arg(STATE_RETURNED)
            .arg(comment)
            .arg(at)
            .arg(id)
            .arg(STATE_AWAITING),
        )
        .await?;
    Ok(row.map(|(u,)| u))
}

/// Takes a draft awaiting approval out in the submitting transaction; of
/// two approvers submitting at once only one gets it.
pub async fn take(tx: &mut Tx, id: i64) -> Result<Option<DraftRow>> {
    tx.fetch_optional(
        Sql::new(format!(
            "DELETE FROM claim_report_drafts WHERE id = $1 AND state = $2 RETURNING {COLUMNS}"
        ))
        .arg(id)
        .arg(STATE_AWAITING),
    )
    .await
}

/// The active portal users of the organization (the approvers are among
/// them).
pub async fn organization_users(db: &Db, org: OrganizationId) -> Result<Vec<PortalUserId>> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            Sql::new(
                "SELECT id FROM portal_users WHERE organization_id = $1 AND status = $2 \
                 ORDER BY id",
            )
            .arg(org)
            .arg(PortalUserStatus::Active),
        )
        .await?;
    Ok(rows.into_iter().map(|(id,)| PortalUserId(id)).collect())
}

/// The drafter's name, address and language (also when deactivated since).
pub async fn drafter(tx: &mut Tx, user: i64) -> Result<Option<Drafter>> {
    tx.fetch_optional(
        Sql::new(
            "SELECT id, name, email, language, organization_id FROM portal_users WHERE id = $1",
        )
        .arg(user),
    )
    .await
}

/// The report made from draft `draft` if the scope shows it (an approver
/// acting on a draft another approver submitted).
pub async fn report_of_draft(db: &Db, scope: &Scope, draft: i64) -> Result<Option<String>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT r.reference FROM claim_reports r JOIN contracts k ON k.id = r.contract_id \
         WHERE r.draft_id = ",
    )
    .bind(draft)
    .push(" AND ")
    .contract("k");
    let row: Option<(Option<String>,)> = db.fetch_optional(q.finish()?).await?;
    Ok(row.and_then(|(r,)| r))
}
