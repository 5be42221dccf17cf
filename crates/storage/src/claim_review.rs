//! After the report (FEATURES A4, issue 10): the broker's staff list the
//! claim reports of their tenants, accept one into a claim or ask the
//! customer questions about it, and the customer answers. Every read goes
//! through the scope; the writes take ids the caller found through it in
//! the same transaction.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{PortalUserId, Scope, StaffUserId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::scope_sql::{Context, Scoped};

/// Accepted into a claim (`claim_reports.claim_id` set).
pub const STATUS_ACCEPTED: &str = "accepted";
/// Staff asked a question the customer has not answered yet.
pub const STATUS_QUESTIONS: &str = "questions";
/// The customer answered the last question.
pub const STATUS_ANSWERED: &str = "answered";
/// Every status a report can have, in the order of the staff filter.
pub const STATUSES: &[&str] = &[
    crate::claim_reports::STATUS_RECEIVED,
    STATUS_QUESTIONS,
    STATUS_ANSWERED,
    STATUS_ACCEPTED,
];

/// A line of the staff list of reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ListRow {
    pub id: i64,
    pub reference: String,
    pub status: String,
    pub customer_name: String,
    pub policy_number: String,
    pub date_of_loss: NaiveDate,
    pub claim_type: String,
    pub claim_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// Reports of the scope, newest first, at most `limit`; only those of
/// `status` when given.
pub async fn list(
    db: &Db,
    scope: &Scope,
    status: Option<&str>,
    limit: i64,
) -> Result<Vec<ListRow>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT r.id, COALESCE(r.reference, '') AS reference, r.status, cu.display_name AS customer_name, \
         k.policy_number, r.date_of_loss, r.claim_type, r.claim_id, r.created_at \
         FROM claim_reports r JOIN contracts k ON k.id = r.contract_id \
         JOIN customers cu ON cu.id = r.customer_id WHERE ",
    )
    .in_context("r", Context::FULL);
    if let Some(status) = status {
        q.push(" AND r.status = ").bind(status);
    }
    q.push(" ORDER BY r.created_at DESC, r.id DESC LIMIT ")
        .bind(limit);
    db.fetch_all(q.finish()?).await
}

/// What accepting a report needs to know of it, read inside the
/// accepting transaction through the scope.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Acceptable {
    pub id: i64,
    pub tenant_id: i64,
    pub customer_id: i64,
    pub contract_id: i64,
    pub object_id: Option<i64>,
    pub reference: String,
    pub status: String,
    pub claim_id: Option<i64>,
    pub portal_user_id: Option<i64>,
    pub date_of_loss: NaiveDate,
    pub place: String,
    pub claim_type: String,
    pub description: String,
    pub currency: String,
    pub created_at: DateTime<Utc>,
    /// The contract's claims handler (the new claim's handler).
    pub handler_id: Option<i64>,
}

/// The report `id` inside the scope, read in the caller's transaction.
pub async fn acceptable_in(tx: &mut Tx, scope: &Scope, id: i64) -> Result<Option<Acceptable>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT r.id, k.tenant_id, r.customer_id, r.contract_id, r.object_id, \
         COALESCE(r.reference, '') AS reference, r.status, r.claim_id, r.portal_user_id, \
         r.date_of_loss, r.place, r.claim_type, r.description, r.currency, r.created_at, \
         k.claims_handler_id AS handler_id \
         FROM claim_reports r JOIN contracts k ON k.id = r.contract_id WHERE r.id = ",
    )
    .bind(id)
    .push(" AND ")
    .in_context("r", Context::FULL);
    tx.fetch_optional(q.finish()?).await
}

/// Marks the report accepted unless it already is; `false` when another
/// transaction accepted it first (on PostgreSQL this statement waits for
/// that one and then finds nothing to change).
pub async fn claim_for_acceptance(tx: &mut Tx, id: i64, at: DateTime<Utc>) -> Result<bool> {
    let changed = tx
        .execute(
            Sql::new(
                "UPDATE claim_reports SET status = $1, accepted_at = $2, updated_at = $2 \
                 WHERE id = $3 AND claim_id IS NULL AND status <> $1",
            )
            .arg(STATUS_ACCEPTED)
            .arg(at)
            .arg(id),
        )
        .await?;
    Ok(changed == 1)
}

/// Links the report to its claim.
pub async fn link_claim(tx: &mut Tx, report: i64, claim: i64, at: DateTime<Utc>) -> Result<()> {
    tx.execute(
        Sql::new("UPDATE claim_reports SET claim_id = $1, updated_at = $2 WHERE id = $3")
            .arg(claim)
            .arg(at)
            .arg(report),
    )
    .await?;
    Ok(())
}

/// The report of the tenant with `reference`, the claim it is linked to
/// and that claim's external id (for the sync API, whose caller is the
/// tenant itself).
pub async fn by_reference_in(
    tx: &mut Tx,
    tenant: i64,
    reference: &str,
) -> Result<Option<(i64, Option<i64>, Option<String>)>> {
    tx.fetch_optional(
        Sql::new(
            "SELECT r.id, r.claim_id, c.external_id FROM claim_reports r \
             LEFT JOIN claims c ON c.id = r.claim_id WHERE r.tenant_id = $1 AND r.reference = $2",
        )
        .arg(tenant)
        .arg(reference),
    )
    .await
}

/// The reference of the report linked to `claim`, if any.
pub async fn reference_of_claim(db: &Db, claim: i64) -> Result<Option<String>> {
    let row: Option<(Option<String>,)> = db
        .fetch_optional(
            Sql::new("SELECT reference FROM claim_reports WHERE claim_id = $1 ORDER BY id LIMIT 1")
                .arg(claim),
        )
        .await?;
    Ok(row.and_then(|(r,)| r))
}

/// [`reference_of_claim`] in the caller's transaction.
pub async fn reference_of_claim_in(tx: &mut Tx, claim: i64) -> Result<Option<String>> {
    let row: Option<(Option<String>,)> = tx
        .fetch_optional(
            Sql::new("SELECT reference FROM claim_reports WHERE claim_id = $1 ORDER BY id LIMIT 1")
                .arg(claim),
        )
        .await?;
    Ok(row.and_then(|(r,)| r))
}

/// A question about a report and its answer, if given.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: i64,
    pub question: String,
    pub asked_by: Option<String>,
    pub asked_at: DateTime<Utc>,
    pub answer: Option<String>,
    pub answer_document_id: Option<i64>,
    pub answer_document_name: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// The questions of report `report` (oldest first) if the scope shows it.
pub async fn questions(db: &Db, scope: &Scope, report: i64) -> Result<Vec<QuestionRow>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT q.id, q.question, s.name AS asked_by, q.asked_at, q.answer, \
         q.answer_document_id, d.file_name AS answer_document_name, q.answered_at \
         FROM claim_report_questions q JOIN claim_reports r ON r.id = q.claim_report_id \
         LEFT JOIN staff_users s ON s.id = q.asked_by_staff_id \
         LEFT JOIN documents d ON d.id = q.answer_document_id WHERE r.id = ",
    )
    .bind(report)
    .push(" AND ")
    .in_context("r", Context::FULL)
    .push(" ORDER BY q.asked_at, q.id");
    db.fetch_all(q.finish()?).await
}

/// Records a question and sets the report's status to "questions".
pub async fn ask(
    tx: &mut Tx,
    report: i64,
    question: &str,
    staff: StaffUserId,
    at: DateTime<Utc>,
) -> Result<i64> {
    let id = tx
        .insert_returning_id(
            Sql::new(
                "INSERT INTO claim_report_questions (claim_report_id, question, \
                 asked_by_staff_id, asked_at) VALUES ($1, $2, $3, $4)",
            )
            .arg(report)
            .arg(question)
            .arg(staff)
            .arg(at),
        )
        .await?;
    set_status(tx, report, STATUS_QUESTIONS, at).await?;
    Ok(id)
}

async fn set_status(tx: &mut Tx, report: i64, status: &str, at: DateTime<Utc>) -> Result<()> {
    tx.execute(
        Sql::new(
            "UPDATE claim_reports SET status = $1, updated_at = $2 WHERE id = $3 \
             AND status <> 'accepted'",
        )
        .arg(status)
        .arg(at)
        .arg(report),
    )
    .await?;
    Ok(())
}

/// The newest unanswered question of the report, if any.
pub async fn open_question_in(tx: &mut Tx, report: i64) -> Result<Option<i64>> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            Sql::new(
                "SELECT id FROM claim_report_questions WHERE claim_report_id = $1 \
                 AND answered_at IS NULL ORDER BY asked_at DESC, id DESC LIMIT 1",
            )
            .arg(report),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// Records the answer to question `question` of report `report` unless it
/// was answered meanwhile (`false` then), and sets the report's status to
/// "answered".
pub async fn answer(
    tx: &mut Tx,
    report: i64,
    question: i64,
    text: &str,
    document: Option<i64>,
    user: PortalUserId,
    at: DateTime<Utc>,
) -> Result<bool> {
    let changed = tx
        .execute(
            Sql::new(
                "UPDATE claim_report_questions SET answer = $1, answer_document_id = $2, \
                 answered_by_portal_user_id = $3, answered_at = $4 \
                 WHERE id = $5 AND claim_report_id = $6 AND answered_at IS NULL",
            )
            .arg(text)
            .arg(document)
            .arg(user)
            .arg(at)
            .arg(question)
            .arg(report),
        )
        .await?;
    if changed == 1 {
        set_status(tx, report, STATUS_ANSWERED, at).await?;
    }
    Ok(changed == 1)
}

/// Links the report to the claim the back office sent for it and marks it
/// accepted (once: a report already linked keeps its claim).
pub async fn link_accepted(tx: &mut Tx, report: i64, claim: i64, at: DateTime<Utc>) -> Result<()> {
    tx.execute(
        Sql::new(
            "UPDATE claim_reports SET claim_id = $1, status = $2, \
             accepted_at = COALESCE(accepted_at, $3), updated_at = $3 \
             WHERE id = $4 AND claim_id IS NULL",
        )
        .arg(claim)
        .arg(STATUS_ACCEPTED)
        .arg(at)
        .arg(report),
    )
    .await?;
    Ok(())
}
