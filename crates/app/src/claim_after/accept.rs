//! Accepting a claim report into a claim: the claim is made from the
//! report's facts with the broker's claim number (status "received"), its
//! external id is the report's reference (so the back office finds it, and
//! a later upsert naming the reference adopts it), the report is linked
//! to it and marked accepted, the back office gets the event
//! `claim_report.accepted`, the claim's history its first entry and the
//! reporting customer a mail with a link. Exactly once: of two concurrent
//! or repeated submits, one accepts and the other finds it accepted.

use kp_domain::{ClaimId, ClaimStatus, Principal, TenantId};
use kp_storage::api::claims::{self as claim_rows, ClaimValues};
use kp_storage::claim_review;
use kp_storage::claim_status;
use kp_storage::events::{self, ResourceLink};
use serde_json::json;

use super::{MAX_SHORT, staff_of, tell, text_field};
use crate::mail_templates::MailKind;
use crate::{App, AppError};

/// The form of the report's page.
#[derive(Debug, Clone, Default)]
pub struct AcceptInput<'a> {
    pub broker_claim_number: &'a str,
    pub insurer_claim_number: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    /// The claim made now.
    Created(ClaimId),
    /// Accepted before (a double submit): its claim, when visible.
    Already(Option<ClaimId>),
}

/// Accepts report `report` into a new claim. `NotFound` for anyone but
/// the staff of the report's tenant; field errors for a missing or too
/// long claim number.
pub async fn accept(
    app: &App,
    principal: &Principal,
    report: i64,
    input: &AcceptInput<'_>,
) -> Result<Accepted, AppError> {
    let staff = staff_of(principal)?;
    let number = text_field(
        input.broker_claim_number,
        "broker_claim_number",
        true,
        MAX_SHORT,
    );
    let insurer = text_field(
        input.insurer_claim_number,
        "insurer_claim_number",
        false,
        MAX_SHORT,
    );
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let found = claim_review::acceptable_in(&mut tx, &principal.scope, report)
        .await?
        .ok_or(AppError::NotFound)?;
    if found.claim_id.is_some() {
        return Ok(Accepted::Already(found.claim_id.map(ClaimId)));
    }
    // Checked after the lookup: another tenant's report is a 404 whatever
    // the form holds.
    let (number, insurer) = (number?, insurer?);
    if !claim_review::claim_for_acceptance(&mut tx, found.id, now).await? {
        drop(tx);
        let again = kp_storage::claim_reports::detail(&app.db, &principal.scope, report).await?;
        return Ok(Accepted::Already(
            again.and_then(|r| r.claim_id).map(ClaimId),
        ));
    }
    let tenant = TenantId(found.tenant_id);
    let external_id = found.reference.clone();
    let values = ClaimValues {
        contract_id: found.contract_id,
        object_id: found.object_id,
        broker_claim_number: &number,
        insurer_claim_number: &insurer,
        date_of_loss: found.date_of_loss,
        reported_on: found.created_at.date_naive(),
        claim_type: &found.claim_type,
        cause: "",
        place: &found.place,
        description: &found.description,
        status: ClaimStatus::Received.as_str(),
        reserve_minor: 0,
        paid_minor: 0,
        currency: &found.currency,
        handler_id: found.handler_id,
    };
    // A claim the back office already sent under the reference is
    // adopted rather than duplicated.
    let claim = match claim_rows::existing(&mut tx, tenant, &external_id).await? {
        Some(existing) => existing.id,
        None => claim_rows::insert(&mut tx, tenant, &external_id, &values, now).await?,
    };
    claim_status::change(&mut tx, claim, ClaimStatus::Received.as_str(), "", now).await?;
    claim_review::link_claim(&mut tx, found.id, claim, now).await?;
    let link = format!("/api/v1/claims/{external_id}");
    events::append(
        &mut tx,
        tenant,
        "claim_report.accepted",
        ResourceLink {
            kind: "claim",
            link: &link,
        },
        &json!({
            "claim_report_id": found.id,
            "reference": found.reference,
            "claim_id": claim,
            "external_id": external_id,
            "broker_claim_number": number,
            "insurer_claim_number": insurer,
            "status": ClaimStatus::Received.as_str(),
        }),
        now,
    )
    .await?;
    // The report's tasks are done with it when the broker's settings say
    // so (D14: configured tasks complete themselves).
    crate::task_completion::on_claim_report_accepted(app, &mut tx, found.id, staff, now).await?;
    let recipients = claim_status::recipients_in(&mut tx, claim).await?;
    tell(
        app,
        &mut tx,
        tenant,
        MailKind::ClaimStatusChanged,
        &recipients,
        &format!("/claims/{claim}"),
        Some(&found.reference),
    )
    .await?;
    tx.commit().await?;
    Ok(Accepted::Created(ClaimId(claim)))
}
