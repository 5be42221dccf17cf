//! Staff move a claim along its status timeline (received, in review,
//! assessment, settlement, closed) with an optional note; the history
//! records it, the back office gets `claim.status_changed` and the
//! customer side a mail with only a link (A11).

use kp_domain::{ClaimId, ClaimStatus, Principal, TenantId};
use kp_storage::claim_status;
use kp_storage::events::{self, ResourceLink};
use serde_json::json;

use super::{MAX_TEXT, invalid, staff_of, tell, text_field};
use crate::mail_templates::MailKind;
use crate::{App, AppError};

/// Sets claim `claim`'s status to `status` (a timeline step's key).
pub async fn change(
    app: &App,
    principal: &Principal,
    claim: ClaimId,
    status: &str,
    note: &str,
) -> Result<(), AppError> {
    staff_of(principal)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let facts = claim_status::facts_in(&mut tx, &principal.scope, claim)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = ClaimStatus::parse(status.trim())
        .ok()
        .filter(|s| ClaimStatus::TIMELINE.contains(s))
        .ok_or_else(|| invalid("status", "after-report-error-status"))?;
    let note = text_field(note, "note", false, MAX_TEXT)?;
    claim_status::change(&mut tx, facts.id, status.as_str(), &note, now).await?;
    let tenant = TenantId(facts.tenant_id);
    let link = format!("/api/v1/claims/{}", facts.external_id);
    events::append(
        &mut tx,
        tenant,
        "claim.status_changed",
        ResourceLink {
            kind: "claim",
            link: &link,
        },
        &json!({
            "claim_id": facts.id,
            "external_id": facts.external_id,
            "from": facts.status,
            "status": status.as_str(),
            "note": note,
        }),
        now,
    )
    .await?;
    let recipients = claim_status::recipients_in(&mut tx, facts.id).await?;
    tell(
        app,
        &mut tx,
        tenant,
        MailKind::ClaimStatusChanged,
        &recipients,
        &format!("/claims/{}", facts.id),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
