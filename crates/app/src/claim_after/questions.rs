//! Questions about a claim report: staff ask (the report's status becomes
//! "questions", the reporting customer gets a mail with a link only), the
//! customer answers on the report's page with a text and optionally a
//! document (stored on the report's object or contract through
//! `uploads::store_in_tx`, in the answering transaction).

use kp_domain::{Actor, DocumentType, Function, Principal, TenantId};
use kp_storage::claim_review;
use kp_storage::claim_status;
use kp_storage::events::{self, ResourceLink};
use serde_json::json;

use super::{MAX_TEXT, invalid, staff_of, tell, text_field};
use crate::mail_templates::MailKind;
use crate::uploads::{self, Received, TargetKind};
use crate::{App, AppError};

/// The questions of a report the principal may see.
pub async fn list(
    app: &App,
    principal: &Principal,
    report: i64,
) -> Result<Vec<claim_review::QuestionRow>, AppError> {
    Ok(claim_review::questions(&app.db, &principal.scope, report).await?)
}

/// Staff ask the customer `question` about report `report`.
pub async fn ask(
    app: &App,
    principal: &Principal,
    report: i64,
    question: &str,
) -> Result<(), AppError> {
    let staff = staff_of(principal)?;
    let question = text_field(question, "question", true, MAX_TEXT);
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let found = claim_review::acceptable_in(&mut tx, &principal.scope, report)
        .await?
        .ok_or(AppError::NotFound)?;
    let question = question?;
    if found.claim_id.is_some() {
        return Err(invalid("question", "after-report-error-accepted"));
    }
    let id = claim_review::ask(&mut tx, found.id, &question, staff, now).await?;
    let tenant = TenantId(found.tenant_id);
    events::append(
        &mut tx,
        tenant,
        "claim_report.question_asked",
        ResourceLink {
            kind: "claim_report",
            link: "",
        },
        &json!({ "claim_report_id": found.id, "reference": found.reference, "question_id": id }),
        now,
    )
    .await?;
    let reporter = claim_status::reporter_in(&mut tx, found.id).await?;
    tell(
        app,
        &mut tx,
        tenant,
        MailKind::ClaimReportQuestion,
        reporter.as_slice(),
        &format!("/claims/reports/{}", found.id),
        Some(&found.reference),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The customer answers the open question of report `report` with `text`
/// and optionally `files` (already received through
/// `uploads::Incoming`; the caller discards them when this fails).
pub async fn answer(
    app: &App,
    principal: &Principal,
    report: i64,
    text: &str,
    files: &[Received],
) -> Result<(), AppError> {
    let Actor::Portal { id: user, .. } = principal.actor else {
        return Err(AppError::NotFound);
    };
    if principal.impersonated_by.is_some() {
        // The answer is the customer's own statement.
        return Err(AppError::Forbidden);
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let found = claim_review::acceptable_in(&mut tx, &principal.scope, report)
        .await?
        .ok_or(AppError::NotFound)?;
    if !files.is_empty() && !principal.permissions.allows(Function::UploadDocument) {
        return Err(AppError::Forbidden);
    }
    let text = text_field(text, "answer", files.is_empty(), MAX_TEXT)?;
    let Some(question) = claim_review::open_question_in(&mut tx, found.id).await? else {
        return Err(invalid("answer", "after-report-error-no-question"));
    };
    let document = if files.is_empty() {
        None
    } else {
        let (kind, id) = match found.object_id {
            Some(object) => (TargetKind::Object, object),
            None => (TargetKind::Contract, found.contract_id),
        };
        let (_, ids) = uploads::store_in_tx(
            &mut tx,
            principal,
            kind,
            id,
            DocumentType::Other,
            files,
            now,
        )
        .await?;
        ids.first().map(|d| d.0)
    };
    if !claim_review::answer(&mut tx, found.id, question, &text, document, user, now).await? {
        return Err(invalid("answer", "after-report-error-no-question"));
    }
    events::append(
        &mut tx,
        TenantId(found.tenant_id),
        "claim_report.answered",
        ResourceLink {
            kind: "claim_report",
            link: "",
        },
        &json!({
            "claim_report_id": found.id,
            "reference": found.reference,
            "question_id": question,
            "answer": text,
            "document_id": document,
        }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
