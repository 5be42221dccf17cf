//! Creating staff tasks (FEATURES B11, D14, D15). Every use case that
//! hands work to the broker's staff (a claim report, an upload, a message,
//! an appointment request) writes its task through [`insert`] inside its
//! own transaction, so the task exists exactly when the thing it is about
//! does. The record columns are read by the caller from the record it
//! found through the scope, never taken from a request.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{
    ClaimId, ContractId, CustomerId, DocumentId, ObjectId, StaffUserId, TaskArea, TaskHistoryKind,
    TaskId, TaskOrigin, TaskPriority, TaskStatus, TenantId,
};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

/// A task to create. `customer_id` … `claim_id` name the record it is
/// about (the more specific ones may be `None`).
#[derive(Debug, Clone)]
pub struct NewTask {
    pub tenant_id: TenantId,
    /// The event the task was created with (for the back office's feed).
    pub origin_event_id: Option<i64>,
    pub customer_id: Option<CustomerId>,
    pub contract_id: Option<ContractId>,
    pub object_id: Option<ObjectId>,
    pub claim_id: Option<ClaimId>,
    /// The claim report the task is about (claim wizard tasks), so that
    /// accepting the report can complete it.
    pub claim_report_id: Option<i64>,
    pub area: TaskArea,
    pub origin: TaskOrigin,
    pub category1: String,
    pub category2: String,
    pub priority: TaskPriority,
    /// Written by the system in the broker's language; not translated
    /// later (the staff inbox shows it as written).
    pub title: String,
    pub description: String,
    pub assignee: Option<StaffUserId>,
    /// The e-mail template the task's reply uses, if configured (B11).
    pub email_template: Option<String>,
    pub due_on: Option<NaiveDate>,
    /// Documents the task carries (the uploads of a claim report).
    pub documents: Vec<DocumentId>,
    pub at: DateTime<Utc>,
}

/// Inserts an open task with its documents and its first history entry
/// ("created") in the caller's transaction.
pub async fn insert(tx: &mut Tx, task: &NewTask) -> Result<TaskId> {
    let id = tx
        .insert_returning_id(
            Sql::new(
                "INSERT INTO tasks (tenant_id, origin_event_id, customer_id, contract_id, \
                 object_id, claim_id, area, category1, category2, priority, title, description, \
                 assignee_staff_id, status, email_template, due_on, created_at, updated_at, \
                 origin, claim_report_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
                 $17, $17, $18, $19)",
            )
            .arg(task.tenant_id)
            .arg(task.origin_event_id)
            .arg(task.customer_id)
            .arg(task.contract_id)
            .arg(task.object_id)
            .arg(task.claim_id)
            .arg(task.area.as_str())
            .arg(&task.category1)
            .arg(&task.category2)
            .arg(task.priority.as_str())
            .arg(&task.title)
            .arg(&task.description)
            .arg(task.assignee)
            .arg(TaskStatus::Open.as_str())
            .arg(task.email_template.as_deref())
            .arg(task.due_on)
            .arg(task.at)
            .arg(task.origin.as_str())
            .arg(task.claim_report_id),
        )
        .await?;
    for document in &task.documents {
        tx.execute(
            Sql::new("INSERT INTO task_documents (task_id, document_id) VALUES ($1, $2)")
                .arg(id)
                .arg(*document),
        )
        .await?;
    }
    crate::task_changes::append(
        tx,
        &crate::task_changes::Entry {
            task: TaskId(id),
            kind: TaskHistoryKind::Created,
            staff: None,
            assignee: task.assignee,
            text: "",
            due_on: task.due_on,
            status: Some(TaskStatus::Open),
            at: task.at,
        },
    )
    .await?;
    Ok(TaskId(id))
}
