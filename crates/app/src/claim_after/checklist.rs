//! The "what we still need from you" checklist of a claim: staff add
//! items (text, optional due date; the customer side gets a mail with a
//! link only), mark them done or remove them; the customer answers an
//! item by uploading a document on the claim's page. The document goes
//! onto the claim and the item (which becomes "received"), with the
//! upload's event, a task for the claim's handler and an audit entry, all
//! in one transaction.

use std::net::IpAddr;

use chrono::NaiveDate;
use kp_domain::{
    ClaimId, ContractId, DocumentId, DocumentType, ObjectId, Principal, StaffUserId, TaskArea,
    TaskOrigin, TaskPriority, TenantId,
};
use kp_storage::claim_checklist::{self as items, ItemRow};
use kp_storage::claim_status;
use kp_storage::events::{self, ResourceLink};
use kp_storage::tasks::{self, NewTask};
use serde_json::json;

use super::{MAX_SHORT, invalid, staff_of, tell, text_field};
use crate::mail_templates::MailKind;
use crate::uploads::{self, Checked, Received, TargetKind};
use crate::{App, AppError, audit_log, task_categories};

/// The items of a claim the principal may see.
pub async fn list(
    app: &App,
    principal: &Principal,
    claim: ClaimId,
) -> Result<Vec<ItemRow>, AppError> {
    Ok(items::for_claim(&app.db, &principal.scope, claim).await?)
}

/// A due date as a date input sends it or as typed (`DD.MM.YYYY`).
fn due_date(text: &str) -> Result<Option<NaiveDate>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    crate::registration::parse_date(text)
        .map(Some)
        .ok_or_else(|| invalid("due_on", "after-report-error-date"))
}

/// Staff add an item to claim `claim`.
pub async fn add(
    app: &App,
    principal: &Principal,
    claim: ClaimId,
    text: &str,
    due: &str,
) -> Result<i64, AppError> {
    staff_of(principal)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let facts = claim_status::facts_in(&mut tx, &principal.scope, claim)
        .await?
        .ok_or(AppError::NotFound)?;
    let text = text_field(text, "text", true, MAX_SHORT)?;
    let due = due_date(due)?;
    let id = items::insert(&mut tx, claim, &text, due, now).await?;
    let tenant = TenantId(facts.tenant_id);
    let link = format!("/api/v1/claims/{}", facts.external_id);
    events::append(
        &mut tx,
        tenant,
        "claim.checklist_item_added",
        ResourceLink {
            kind: "claim",
            link: &link,
        },
        &json!({ "claim_id": facts.id, "external_id": facts.external_id,
                 "item": format!("portal-{id}"), "text": text, "due_on": due }),
        now,
    )
    .await?;
    let recipients = claim_status::recipients_in(&mut tx, facts.id).await?;
    tell(
        app,
        &mut tx,
        tenant,
        MailKind::ClaimChecklistItem,
        &recipients,
        &format!("/claims/{}#checklist", facts.id),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Staff mark item `item` done (`done`) or remove it; answers the claim
/// it belongs to.
pub async fn settle(
    app: &App,
    principal: &Principal,
    item: i64,
    remove: bool,
) -> Result<ClaimId, AppError> {
    staff_of(principal)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let found = items::item_in(&mut tx, &principal.scope, item)
        .await?
        .ok_or(AppError::NotFound)?;
    if remove {
        items::remove(&mut tx, found.id).await?;
    } else {
        items::set_status(&mut tx, found.id, items::ITEM_DONE, now).await?;
    }
    tx.commit().await?;
    Ok(ClaimId(found.claim_id))
}

/// Before the customer's upload to item `item` is read: the item inside
/// the scope (else `NotFound`), then what an upload to its claim needs
/// (the `upload_document` function, else `Forbidden`; the settings).
pub async fn check_answer(
    app: &App,
    principal: &Principal,
    item: i64,
) -> Result<(ItemRow, Checked), AppError> {
    let found = items::item(&app.db, &principal.scope, item)
        .await?
        .ok_or(AppError::NotFound)?;
    let checked = uploads::check_target(app, principal, TargetKind::Claim, found.claim_id).await?;
    if found.status == items::ITEM_DONE {
        return Err(invalid(
            uploads::FILES_FIELD,
            "after-report-error-item-done",
        ));
    }
    Ok((found, checked))
}

/// Records the customer's upload to item `item`; removes the stored files
/// when anything fails.
pub async fn answer(
    app: &App,
    principal: &Principal,
    item: i64,
    document_type: DocumentType,
    files: Vec<Received>,
    client: IpAddr,
) -> Result<Vec<DocumentId>, AppError> {
    let result = record(app, principal, item, document_type, &files, client).await;
    if result.is_err() {
        uploads::discard(app, &files).await;
    }
    result
}

async fn record(
    app: &App,
    principal: &Principal,
    item: i64,
    document_type: DocumentType,
    files: &[Received],
    client: IpAddr,
) -> Result<Vec<DocumentId>, AppError> {
    if files.is_empty() {
        return Err(invalid(uploads::FILES_FIELD, "upload-error-no-file"));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let found = items::item_in(&mut tx, &principal.scope, item)
        .await?
        .ok_or(AppError::NotFound)?;
    let claim = ClaimId(found.claim_id);
    let facts = claim_status::facts_in(&mut tx, &principal.scope, claim)
        .await?
        .ok_or(AppError::NotFound)?;
    let (target, ids) = uploads::store_in_tx(
        &mut tx,
        principal,
        TargetKind::Claim,
        claim.0,
        document_type,
        files,
        now,
    )
    .await?;
    let first = ids.first().copied().ok_or(AppError::NotFound)?;
    if !items::attach(&mut tx, found.id, first.0, now).await? {
        return Err(invalid(
            uploads::FILES_FIELD,
            "after-report-error-item-done",
        ));
    }
    let tenant = target.tenant_id;
    let link = format!("/api/v1/documents/by-id/{}", first.0);
    let event = events::append(
        &mut tx,
        tenant,
        "document.uploaded",
        ResourceLink {
            kind: "document",
            link: &link,
        },
        &json!({
            "documents": ids.iter().map(|d| d.0).collect::<Vec<_>>(),
            "document_type": document_type.as_str(),
            "customer_id": target.customer_id.0,
            "contract_id": target.contract_id.map(|c| c.0),
            "object_id": target.object_id.map(|o| o.0),
            "claim_id": claim.0,
            "checklist_item": found.item_key,
        }),
        now,
    )
    .await?;
    let categories =
        task_categories::for_task(app, tenant, TaskArea::Claims, TaskOrigin::Upload).await?;
    let names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
    tasks::insert(
        &mut tx,
        &NewTask {
            tenant_id: tenant,
            origin_event_id: Some(event),
            customer_id: Some(target.customer_id),
            contract_id: Some(ContractId(facts.contract_id)),
            object_id: facts.object_id.map(ObjectId),
            claim_id: Some(claim),
            claim_report_id: None,
            area: TaskArea::Claims,
            origin: TaskOrigin::Upload,
            category1: categories.category1,
            category2: categories.category2,
            priority: TaskPriority::Normal,
            // Data rather than prose: the item asked for and the files.
            title: format!("{} · {}", found.text, names.join(", "))
                .chars()
                .take(200)
                .collect(),
            description: format!("{} <{}>", principal.name, principal.email),
            assignee: facts.handler_id.map(StaffUserId).or(target.clerk),
            email_template: None,
            due_on: None,
            documents: ids.clone(),
            at: now,
        },
    )
    .await?;
    audit_log::record(
        app,
        &mut tx,
        audit_log::who(principal),
        "document.upload",
        ("document", Some(first.0)),
        client,
        json!({
            "documents": ids.iter().map(|d| d.0).collect::<Vec<_>>(),
            "customer_id": target.customer_id.0,
            "checklist_item": found.id,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(ids)
}

/// The claim of item `item` if the scope shows it.
pub async fn claim_of(app: &App, principal: &Principal, item: i64) -> Result<ClaimId, AppError> {
    items::item(&app.db, &principal.scope, item)
        .await?
        .map(|i| ClaimId(i.claim_id))
        .ok_or(AppError::NotFound)
}
