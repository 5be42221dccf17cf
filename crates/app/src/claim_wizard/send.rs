//! Sending a draft (FEATURES A4, D9, D15–D19, B12), in one transaction:
//! the draft is taken out, the contract and object are re-checked through
//! the scope, the report gets its reference number, the back office an
//! event, the broker's staff their task(s) and every recipient their
//! mail. The draft's files become documents of the contract or object,
//! linked to the report and attached to its task (no upload task of their
//! own). A second submit of the same draft finds no draft and lands on
//! the report the first one made.

use chrono::{Datelike, NaiveDate};
use kp_domain::{PortalUserId, Principal, TenantId};
use kp_storage::Tx;
use kp_storage::claim_draft_documents::DraftDocumentRow;
use kp_storage::claim_drafts::DraftRow;
use kp_storage::claim_reports::{self, NewClaimReport};
use kp_storage::claim_targets::Target;
use kp_storage::events::{self, ResourceLink};
use kp_storage::{claim_drafts, claim_targets};
use serde_json::json;

use super::notify::{self, Reporter, Sending};
use super::{DraftData, Step, documents, missing, missing_error, own_draft, portal_user};
use crate::{App, AppError};

/// What a send did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// The report was written now.
    Created { id: i64, reference: String },
    /// The draft had been sent before (a double submit): that report.
    Already { id: i64 },
    /// The organization wants approval and the profile lacks
    /// `submit_claim`: the draft went to the approvers now.
    ForApproval,
    /// The draft awaits approval already (a double submit of that).
    Awaiting,
}

/// The report sent from draft `id` (a double submit), else `NotFound`.
async fn already(app: &App, user: PortalUserId, id: i64) -> Result<Sent, AppError> {
    match claim_reports::by_draft(&app.db, user, id).await? {
        Some(report) => Ok(Sent::Already { id: report }),
        None => Err(AppError::NotFound),
    }
}

/// Sends the user's draft `id`, or hands it to the approvers when the
/// organization wants approval and the profile lacks `submit_claim`.
/// `NotFound` for another user's draft or a contract that left the scope
/// (nothing written, the draft kept); a `Validation` error naming the
/// steps still missing.
pub async fn send(app: &App, principal: &Principal, id: i64) -> Result<Sent, AppError> {
    let user = portal_user(principal)?;
    match own_draft(app, principal, id).await {
        Err(AppError::NotFound) => return already(app, user, id).await,
        Err(other) => return Err(other),
        Ok((_, row)) if row.state == claim_drafts::STATE_AWAITING => return Ok(Sent::Awaiting),
        Ok(_) => {}
    }
    if super::approval::needs_approval(app, principal).await? {
        return super::approval::request(app, principal, id).await;
    }
    let mut tx = app.db.begin().await?;
    // Before the draft: its rows go with it.
    let files = documents::take(&mut tx, user, id).await?;
    let Some(row) = claim_drafts::consume(&mut tx, user, id).await? else {
        // Sent by a concurrent submit meanwhile.
        drop(tx);
        return already(app, user, id).await;
    };
    // Returning early drops the transaction: the draft stays as it was.
    let contract = row.contract_id.ok_or(AppError::NotFound)?;
    let target = claim_targets::target_in(&mut tx, &principal.scope, contract, row.object_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let reporter = Reporter {
        name: principal.name.clone(),
        email: principal.email.clone(),
        language: principal.language,
    };
    let sent = Sender {
        principal,
        reporter: &reporter,
        approved_by: None,
    };
    let (id, reference) = write_report(app, &mut tx, &row, &target, &sent, &files).await?;
    tx.commit().await?;
    Ok(Sent::Created { id, reference })
}

/// The answers of a draft about to be sent, or the steps still missing.
pub(super) fn complete(
    row: &DraftRow,
    target: &Target,
) -> Result<(DraftData, NaiveDate, kp_domain::ClaimType), AppError> {
    let data = DraftData::from_json(&row.data);
    let line = kp_domain::LineOfBusiness::parse(&target.line_of_business)
        .unwrap_or(kp_domain::LineOfBusiness::Other);
    let gaps: Vec<Step> = missing(&data, line);
    let (Some(date_of_loss), Some(claim_type), true) =
        (data.date_of_loss, data.claim_type, gaps.is_empty())
    else {
        return Err(missing_error(&gaps));
    };
    Ok((data, date_of_loss, claim_type))
}

/// Who sends a report: the principal acting (the drafter, or the approver
/// who submits it; the draft's files are recorded in their name and
/// through their scope), the drafter as reporter, and the approver where
/// there was one.
pub(super) struct Sender<'a> {
    pub principal: &'a Principal,
    pub reporter: &'a Reporter,
    pub approved_by: Option<PortalUserId>,
}

/// Writes the report of the taken-out draft `row` with its files, event,
/// tasks and mails in `tx`. The report's id and reference.
pub(super) async fn write_report(
    app: &App,
    tx: &mut Tx,
    row: &DraftRow,
    target: &Target,
    sender: &Sender<'_>,
    files: &[DraftDocumentRow],
) -> Result<(i64, String), AppError> {
    let approved_by = sender.approved_by;
    let (data, date_of_loss, claim_type) = complete(row, target)?;
    let now = app.clock.now();
    let tenant = TenantId(target.tenant_id);
    let year = now.year();
    let number = claim_reports::next_number(tx, tenant, year).await?;
    let reference = format!("SM-{year}-{number:06}");
    let report_id = claim_reports::insert(
        tx,
        &NewClaimReport {
            tenant_id: tenant,
            reference: &reference,
            draft_id: Some(row.id),
            portal_user_id: PortalUserId(row.portal_user_id),
            customer_id: target.customer_id,
            contract_id: target.contract_id,
            object_id: target.object_id,
            date_of_loss,
            time_of_loss: &data.time_of_loss,
            place: &data.place,
            claim_type: claim_type.as_str(),
            description: &data.description,
            estimated_amount_minor: data.amount_minor,
            currency: &data.currency,
            third_parties: &data.third_parties,
            police_report: &data.police_report,
            contact_phone: &data.contact_phone,
            contact_email: &data.contact_email,
            approved_by,
            at: now,
        },
    )
    .await?;
    let document_ids =
        documents::record_for_report(app, tx, sender.principal, target, report_id, files).await?;
    let event_id = events::append(
        tx,
        tenant,
        "claim_report.created",
        ResourceLink {
            kind: "claim_report",
            link: "",
        },
        &json!({
            "claim_report_id": report_id,
            "reference": reference,
            "policy_number": target.policy_number,
            "object_id": target.object_id,
            "date_of_loss": date_of_loss,
            "time_of_loss": data.time_of_loss,
            "place": data.place,
            "claim_type": claim_type.as_str(),
            "description": data.description,
            "estimated_amount_minor": data.amount_minor,
            "currency": data.currency,
            "third_parties": data.third_parties,
            "police_report": data.police_report,
            "contact_phone": data.contact_phone,
            "contact_email": data.contact_email,
            "documents": document_ids.iter().map(|d| d.0).collect::<Vec<_>>(),
            "approved_by_portal_user_id": approved_by.map(|p| p.0),
        }),
        now,
    )
    .await?;
    let sending = Sending {
        report_id,
        reference: &reference,
        event_id,
        claim_type,
        amount_minor: data.amount_minor,
        currency: &data.currency,
        description: &data.description,
        target,
        documents: document_ids,
        at: now,
    };
    notify::hand_over(app, tx, sender.reporter, &sending).await?;
    Ok((report_id, reference))
}
