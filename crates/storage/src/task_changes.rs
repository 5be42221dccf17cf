//! Changing a task from the staff inbox (B11): assignee, due date, status,
//! and the task's history. Every change is a guarded update — it happens
//! only while the task still has the `updated_at` the clerk's form was
//! opened with, so a stale form changes nothing — followed by its history
//! entry, both in the caller's transaction.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{StaffUserId, TaskHistoryKind, TaskId, TaskStatus};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

/// One history entry to write.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub task: TaskId,
    pub kind: TaskHistoryKind,
    /// Who did it; `None`: the portal itself.
    pub staff: Option<StaffUserId>,
    pub assignee: Option<StaffUserId>,
    pub text: &'a str,
    pub due_on: Option<NaiveDate>,
    pub status: Option<TaskStatus>,
    pub at: DateTime<Utc>,
}

pub async fn append(tx: &mut Tx, e: &Entry<'_>) -> Result<()> {
    tx.execute(
        Sql::new(
            "INSERT INTO task_history (task_id, kind, staff_user_id, assignee_staff_id, text, \
             due_on, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .arg(e.task)
        .arg(e.kind.as_str())
        .arg(e.staff)
        .arg(e.assignee)
        .arg(e.text)
        .arg(e.due_on)
        .arg(e.status.map(|s| s.as_str()))
        .arg(e.at),
    )
    .await?;
    Ok(())
}

/// What a guarded update sets besides `updated_at`.
#[derive(Debug, Clone, Copy)]
pub enum Change {
    Assignee(Option<StaffUserId>),
    Due(Option<NaiveDate>),
    /// The new status and who completes it (`done`); other statuses clear
    /// the completion.
    Status(TaskStatus, StaffUserId),
    /// Only `updated_at` (a comment still makes other open forms stale).
    Touch,
}

/// Applies `change` when the task still has `seen` as `updated_at`;
/// `false` when it changed meanwhile.
pub async fn update(
    tx: &mut Tx,
    id: TaskId,
    seen: DateTime<Utc>,
    change: Change,
    now: DateTime<Utc>,
) -> Result<bool> {
    let mut q = Sql::new("UPDATE tasks SET updated_at = ");
    q.bind(now);
    match change {
        Change::Assignee(a) => {
            q.push(", assignee_staff_id = ").bind(a);
        }
        Change::Due(d) => {
            q.push(", due_on = ").bind(d);
        }
        Change::Status(TaskStatus::Done, by) => {
            q.push(", status = ")
                .bind(TaskStatus::Done.as_str())
                .push(", completed_at = ")
                .bind(now)
                .push(", completed_by = ")
                .bind(by);
        }
        Change::Status(status, _) => {
            q.push(", status = ")
                .bind(status.as_str())
                .push(", completed_at = NULL, completed_by = NULL");
        }
        Change::Touch => {}
    }
    q.push(" WHERE id = ")
        .bind(id)
        .push(" AND updated_at = ")
        .bind(seen);
    Ok(tx.execute(q).await? == 1)
}

/// Completes the open tasks (not done) of origin `origin` belonging to
/// the claim report `report`, each with a history entry
/// "completed automatically" naming `staff`; the ids completed.
pub async fn complete_of_report(
    tx: &mut Tx,
    report: i64,
    origin: &str,
    staff: StaffUserId,
    at: DateTime<Utc>,
) -> Result<Vec<TaskId>> {
    let open: Vec<(i64,)> = tx
        .fetch_all(
            Sql::new(
                "SELECT id FROM tasks WHERE claim_report_id = $1 AND origin = $2 \
                 AND status <> $3 ORDER BY id",
            )
            .arg(report)
            .arg(origin)
            .arg(TaskStatus::Done.as_str()),
        )
        .await?;
    let mut done = Vec::with_capacity(open.len());
    for (id,) in open {
        let n = tx
            .execute(
                Sql::new(
                    "UPDATE tasks SET status = $1, completed_at = $2, completed_by = $3, \
                     updated_at = $2 WHERE id = $4 AND status <> $1",
                )
                .arg(TaskStatus::Done.as_str())
                .arg(at)
                .arg(staff)
                .arg(id),
            )
            .await?;
        if n == 1 {
            append(
                tx,
                &Entry {
                    task: TaskId(id),
                    kind: TaskHistoryKind::CompletedAutomatically,
                    staff: Some(staff),
                    assignee: None,
                    text: "",
                    due_on: None,
                    status: Some(TaskStatus::Done),
                    at,
                },
            )
            .await?;
            done.push(TaskId(id));
        }
    }
    Ok(done)
}

/// The tenant of the claim report `report`, read in the transaction that
/// accepts it.
pub async fn report_tenant(tx: &mut Tx, report: i64) -> Result<Option<i64>> {
    let row: Option<(Option<i64>,)> = tx
        .fetch_optional(Sql::new("SELECT tenant_id FROM claim_reports WHERE id = $1").arg(report))
        .await?;
    Ok(row.and_then(|(t,)| t))
}
