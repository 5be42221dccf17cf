//! The cards of the customer dashboard (B3–B5): the few records behind the
//! counts, each read through the scope predicate of its table.

use chrono::NaiveDate;
use kp_domain::{ClaimStatus, OrganizationId, PortalUserId, Scope, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::Db;
use crate::scope_sql::{Context, Scoped};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct OpenClaim {
    pub id: i64,
    pub broker_claim_number: String,
    pub date_of_loss: NaiveDate,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct LineCount {
    pub line_of_business: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct DueItem {
    pub id: i64,
    pub number: String,
    pub due_date: NaiveDate,
    pub amount_minor: i64,
    pub currency: String,
}

const OPEN: [ClaimStatus; 6] = [
    ClaimStatus::Reported,
    ClaimStatus::InReview,
    ClaimStatus::Accepted,
    ClaimStatus::Received,
    ClaimStatus::Assessment,
    ClaimStatus::Settlement,
];

/// The most recently reported open claims.
pub async fn latest_open_claims(db: &Db, scope: &Scope, limit: i64) -> Result<Vec<OpenClaim>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT c.id, c.broker_claim_number, c.date_of_loss, c.status FROM claims c \
         WHERE c.status IN ",
    )
    .bind_list(OPEN)
    .push(" AND ")
    .claim("c")
    .push(" ORDER BY c.reported_on DESC, c.id DESC LIMIT ")
    .bind(limit);
    db.fetch_all(q.finish()?).await
}

/// Visible contracts per line of business, largest first.
pub async fn contracts_by_line(db: &Db, scope: &Scope) -> Result<Vec<LineCount>> {
    let mut q = Scoped::new(scope);
    q.push("SELECT k.line_of_business, COUNT(*) AS count FROM contracts k WHERE ")
        .contract("k")
        .push(" GROUP BY k.line_of_business ORDER BY count DESC, k.line_of_business");
    db.fetch_all(q.finish()?).await
}

/// Unpaid invoices (not credits) by due date, the earliest first.
pub async fn next_due(db: &Db, scope: &Scope, limit: i64) -> Result<Vec<DueItem>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT f.id, f.number, f.due_date, f.amount_minor, f.currency FROM finance_items f \
         WHERE NOT f.paid AND f.kind <> 'credit' AND ",
    )
    .finance_item("f")
    .push(" ORDER BY f.due_date, f.id LIMIT ")
    .bind(limit);
    db.fetch_all(q.finish()?).await
}

/// How `message_reads.reader` names a portal user.
pub fn message_reader(user: PortalUserId) -> String {
    format!("portal:{}", user.0)
}

/// Messages in visible conversations that others wrote and the user has
/// not read.
pub async fn unread_messages(db: &Db, scope: &Scope, user: PortalUserId) -> Result<i64> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT COUNT(*) FROM messages m JOIN conversations cv ON cv.id = m.conversation_id \
         WHERE (m.author_portal_user_id IS NULL OR m.author_portal_user_id <> ",
    )
    .bind(user.0)
    .push(") AND NOT EXISTS (SELECT 1 FROM message_reads mr WHERE mr.message_id = m.id AND mr.reader = ")
    .bind(message_reader(user))
    .push(") AND ")
    .in_context("cv", Context::FULL);
    let (count,): (i64,) = db.fetch_one(q.finish()?).await?;
    Ok(count)
}

/// The tenant most of the scope's customers belong to (the broker whose
/// home page settings a portal user sees); `None` for an empty scope.
pub async fn main_tenant(db: &Db, scope: &Scope) -> Result<Option<TenantId>> {
    let mut q = Scoped::new(scope);
    q.push("SELECT cu.tenant_id, COUNT(*) AS n FROM customers cu WHERE ")
        .customer_record("cu.id")
        .push(" GROUP BY cu.tenant_id ORDER BY n DESC, cu.tenant_id LIMIT 1");
    let row: Option<(i64, i64)> = db.fetch_optional(q.finish()?).await?;
    Ok(row.map(|(id, _)| TenantId(id)))
}

/// The blob key of an organization's own logo (D4), where one is set. The
/// id comes from the signed-in user's account, never from a request.
pub async fn organization_logo(db: &Db, organization: OrganizationId) -> Result<Option<String>> {
    let row: Option<(Option<String>,)> = db
        .fetch_optional(
            Sql::new("SELECT logo_storage_key FROM organizations WHERE id = $1")
                .arg(organization.0),
        )
        .await?;
    Ok(row.and_then(|(key,)| key))
}
