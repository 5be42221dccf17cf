//! Claim reports as the wizard sends them (FEATURES A4, D15): the row with
//! its reference number, written in the use case's transaction, and the
//! reads of the claims page and the report's page, through the scope
//! (a report belongs to the customer, contract and object it names).

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{PortalUserId, Scope, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::scope_sql::{Context, Scoped};

/// The status of a report nobody at the broker has accepted yet
/// ("reported, in review" for the customer).
pub const STATUS_RECEIVED: &str = "received";

#[derive(Debug, Clone)]
pub struct NewClaimReport<'a> {
    pub tenant_id: TenantId,
    pub reference: &'a str,
    /// `None` for reports not sent through the wizard (the demo's).
    pub draft_id: Option<i64>,
    pub portal_user_id: PortalUserId,
    pub customer_id: i64,
    pub contract_id: i64,
    pub object_id: Option<i64>,
    pub date_of_loss: NaiveDate,
    pub time_of_loss: &'a str,
    pub place: &'a str,
    pub claim_type: &'a str,
    pub description: &'a str,
    pub estimated_amount_minor: Option<i64>,
    pub currency: &'a str,
    pub third_parties: &'a str,
    pub police_report: &'a str,
    pub contact_phone: &'a str,
    pub contact_email: &'a str,
    /// The approver (four-eyes approval), `None` when sent without.
    pub approved_by: Option<PortalUserId>,
    pub at: DateTime<Utc>,
}

/// The next reference number of the tenant in `year` (1, 2, …), counted
/// in the caller's transaction: the row lock on the counter orders
/// concurrent reports, and a rolled-back report gives its number back.
pub async fn next_number(tx: &mut Tx, tenant: TenantId, year: i32) -> Result<i64> {
    let (number,): (i64,) = tx
        .fetch_one(
            Sql::new(
                "INSERT INTO claim_report_numbers (tenant_id, year, last_number) \
                 VALUES ($1, $2, 1) ON CONFLICT (tenant_id, year) \
                 DO UPDATE SET last_number = claim_report_numbers.last_number + 1 \
                 RETURNING last_number",
            )
            .arg(tenant)
            .arg(year),
        )
        .await?;
    Ok(number)
}

pub async fn insert(tx: &mut Tx, r: &NewClaimReport<'_>) -> Result<i64> {
    tx.insert_returning_id(
        Sql::new(
            "INSERT INTO claim_reports (tenant_id, reference, draft_id, portal_user_id, \
             customer_id, contract_id, object_id, date_of_loss, time_of_loss, place, claim_type, \
             description, estimated_amount_minor, currency, third_parties, police_report, \
             contact_phone, contact_email, status, approved_by, created_at, updated_at) VALUES ($1, \
             $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, \
             $21, $20, $20)",
        )
        .arg(r.tenant_id)
        .arg(r.reference)
        .arg(r.draft_id)
        .arg(r.portal_user_id)
        .arg(r.customer_id)
        .arg(r.contract_id)
        .arg(r.object_id)
        .arg(r.date_of_loss)
        .arg(r.time_of_loss)
        .arg(r.place)
        .arg(r.claim_type)
        .arg(r.description)
        .arg(r.estimated_amount_minor)
        .arg(r.currency)
        .arg(r.third_parties)
        .arg(r.police_report)
        .arg(r.contact_phone)
        .arg(r.contact_email)
        .arg(STATUS_RECEIVED)
        .arg(r.at)
        .arg(r.approved_by),
    )
    .await
}

/// The report the user sent from draft `draft`, if any (a second submit
/// of a consumed draft lands on it).
pub async fn by_draft(db: &Db, user: PortalUserId, draft: i64) -> Result<Option<i64>> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            Sql::new("SELECT id FROM claim_reports WHERE draft_id = $1 AND portal_user_id = $2")
                .arg(draft)
                .arg(user),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// A report as its page and the claims page show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub reference: String,
    pub status: String,
    pub contract_id: i64,
    pub policy_number: String,
    pub object_description: Option<String>,
    pub date_of_loss: NaiveDate,
    pub time_of_loss: String,
    pub place: String,
    pub claim_type: String,
    pub description: String,
    pub estimated_amount_minor: Option<i64>,
    pub currency: String,
    pub third_parties: String,
    pub police_report: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub reporter: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The claim it was accepted into.
    pub claim_id: Option<i64>,
    pub customer_name: String,
    pub tenant_id: Option<i64>,
}

fn select(q: &mut Scoped<'_>) {
    q.push(
        "SELECT r.id, COALESCE(r.reference, '') AS reference, r.status, r.contract_id, \
         k.policy_number, o.description AS object_description, r.date_of_loss, r.time_of_loss, \
         r.place, r.claim_type, r.description, r.estimated_amount_minor, r.currency, \
         r.third_parties, r.police_report, r.contact_phone, r.contact_email, \
         pu.name AS reporter, r.created_at, r.claim_id, cu.display_name AS customer_name, r.tenant_id \
         FROM claim_reports r JOIN contracts k ON k.id = r.contract_id \
         JOIN customers cu ON cu.id = r.customer_id \
         LEFT JOIN insured_objects o ON o.id = r.object_id \
         LEFT JOIN portal_users pu ON pu.id = r.portal_user_id WHERE ",
    )
    .in_context("r", Context::FULL);
}

/// The report `id` if the scope shows its record.
pub async fn detail(db: &Db, scope: &Scope, id: i64) -> Result<Option<ReportRow>> {
    let mut q = Scoped::new(scope);
    select(&mut q);
    q.push(" AND r.id = ").bind(id);
    db.fetch_optional(q.finish()?).await
}

/// Reports of the scope not yet accepted into a claim, newest first (at
/// most `limit`).
pub async fn open(db: &Db, scope: &Scope, limit: i64) -> Result<Vec<ReportRow>> {
    let mut q = Scoped::new(scope);
    select(&mut q);
    q.push(" AND r.claim_id IS NULL ORDER BY r.created_at DESC, r.id DESC LIMIT ")
        .bind(limit);
    db.fetch_all(q.finish()?).await
}
