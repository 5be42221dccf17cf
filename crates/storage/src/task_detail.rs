//! One task as the staff inbox's task page shows it: the task, the records
//! it is about, its documents and its history. Read only for the staff
//! member's tenants (`tasks.tenant_id`); another tenant's task is not
//! found, like a missing one.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{TaskId, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct TaskDetail {
    pub id: i64,
    pub tenant_id: i64,
    pub tenant_name: String,
    pub title: String,
    pub description: String,
    pub area: String,
    pub origin: String,
    pub category1: String,
    pub category2: String,
    pub priority: String,
    pub status: String,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub customer_number: Option<String>,
    pub contract_id: Option<i64>,
    pub policy_number: Option<String>,
    pub object_id: Option<i64>,
    pub object_description: Option<String>,
    pub claim_id: Option<i64>,
    pub claim_number: Option<String>,
    pub claim_report_id: Option<i64>,
    pub claim_report_reference: Option<String>,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub completed_at: Option<DateTime<Utc>>,
    pub completed_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn select(id: TaskId, tenants: Option<&[TenantId]>) -> Sql {
    let mut q = Sql::new(
        "SELECT t.id, t.tenant_id, tn.name AS tenant_name, t.title, t.description, t.area, \
         t.origin, t.category1, t.category2, t.priority, t.status, t.customer_id, \
         cu.display_name AS customer_name, cu.external_id AS customer_number, t.contract_id, \
         k.policy_number, t.object_id, o.description AS object_description, t.claim_id, \
         cl.broker_claim_number AS claim_number, t.claim_report_id, \
         r.reference AS claim_report_reference, t.assignee_staff_id AS assignee_id, \
         su.name AS assignee_name, t.due_on, t.completed_at, cb.name AS completed_by_name, \
         t.created_at, t.updated_at \
         FROM tasks t JOIN tenants tn ON tn.id = t.tenant_id \
         LEFT JOIN customers cu ON cu.id = t.customer_id \
         LEFT JOIN contracts k ON k.id = t.contract_id \
         LEFT JOIN insured_objects o ON o.id = t.object_id \
         LEFT JOIN claims cl ON cl.id = t.claim_id \
         LEFT JOIN claim_reports r ON r.id = t.claim_report_id \
         LEFT JOIN staff_users su ON su.id = t.assignee_staff_id \
         LEFT JOIN staff_users cb ON cb.id = t.completed_by WHERE t.id = ",
    );
    q.bind(id);
    if let Some(list) = tenants {
        q.push(" AND t.tenant_id IN ")
            .bind_list(list.iter().copied());
    }
    q
}

/// The task, when it belongs to one of `tenants` (`None`: any).
pub async fn get(db: &Db, tenants: Option<&[TenantId]>, id: TaskId) -> Result<Option<TaskDetail>> {
    db.fetch_optional(select(id, tenants)).await
}

/// [`get`] in the transaction of a change.
pub async fn get_in(
    tx: &mut Tx,
    tenants: Option<&[TenantId]>,
    id: TaskId,
) -> Result<Option<TaskDetail>> {
    tx.fetch_optional(select(id, tenants)).await
}

/// A document the task carries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct TaskDocument {
    pub id: i64,
    pub title: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub created_at: DateTime<Utc>,
}

/// The task's documents the back office has not deleted. The page links
/// them to the document route, which checks the scope again.
pub async fn documents(db: &Db, id: TaskId) -> Result<Vec<TaskDocument>> {
    db.fetch_all(
        Sql::new(
            "SELECT d.id, d.title, d.file_name, d.size_bytes, d.created_at \
             FROM task_documents td JOIN documents d ON d.id = td.document_id \
             WHERE td.task_id = $1 AND d.deleted_at IS NULL ORDER BY d.created_at, d.id",
        )
        .arg(id),
    )
    .await
}

/// One entry of the history, with the names of the people it names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct HistoryRow {
    pub id: i64,
    pub kind: String,
    pub staff_name: Option<String>,
    pub assignee_name: Option<String>,
    pub text: String,
    pub due_on: Option<NaiveDate>,
    pub status: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The task's history, oldest first.
pub async fn history(db: &Db, id: TaskId) -> Result<Vec<HistoryRow>> {
    db.fetch_all(
        Sql::new(
            "SELECT h.id, h.kind, s.name AS staff_name, a.name AS assignee_name, h.text, \
             h.due_on, h.status, h.created_at FROM task_history h \
             LEFT JOIN staff_users s ON s.id = h.staff_user_id \
             LEFT JOIN staff_users a ON a.id = h.assignee_staff_id \
             WHERE h.task_id = $1 ORDER BY h.id",
        )
        .arg(id),
    )
    .await
}
