//! One task of the staff inbox (B11): what its page shows, and the clerk's
//! actions on it — assign, comment, set or clear the due date, set the
//! status. Each action carries the task's `updated_at` as the form showed
//! it: a stale form changes nothing ([`Outcome::Stale`]). The change, its
//! history entry and the audit entry are written in one transaction, after
//! reading the task through the staff member's tenants again.

use std::net::IpAddr;

use chrono::NaiveDate;
use kp_domain::{Principal, StaffUserId, TaskHistoryKind, TaskId, TaskStatus, TenantId};
use kp_storage::staff_admin::{self, StaffRow};
use kp_storage::task_changes::{self, Change, Entry};
use kp_storage::task_detail;
pub use kp_storage::task_detail::{HistoryRow, TaskDetail, TaskDocument};

use crate::audit_log;
use crate::staff_view::{self, is_current};
use crate::{App, AppError, FieldError};

/// Longest comment.
pub const MAX_COMMENT_CHARS: usize = 4000;

pub struct TaskPage {
    pub task: TaskDetail,
    pub documents: Vec<TaskDocument>,
    pub history: Vec<HistoryRow>,
    /// The active staff of the task's tenant, whom it may be assigned to.
    pub staff: Vec<StaffRow>,
}

/// The task `id` of the staff member's tenants; `NotFound` otherwise.
pub async fn get(app: &App, principal: &Principal, id: i64) -> Result<TaskPage, AppError> {
    let view = staff_view::of(principal)?;
    let id = TaskId(id);
    let task = task_detail::get(&app.db, view.tenants(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let tenant = TenantId(task.tenant_id);
    let staff = staff_admin::list(&app.db, Some(std::slice::from_ref(&tenant)))
        .await?
        .into_iter()
        .filter(|s| s.active)
        .collect();
    Ok(TaskPage {
        documents: task_detail::documents(&app.db, id).await?,
        history: task_detail::history(&app.db, id).await?,
        task,
        staff,
    })
}

/// A clerk's action as the form sends it.
#[derive(Debug, Clone)]
pub enum Action {
    /// `me`, a staff user's id, or empty for nobody.
    Assign(String),
    Comment(String),
    /// A date (`2026-12-31` or `31.12.2026`), or empty to clear it.
    Due(String),
    /// A `TaskStatus` key.
    Status(String),
}

impl Action {
    /// The `?done=` key of the page after the action.
    pub fn key(&self) -> &'static str {
        match self {
            Action::Assign(_) => "assigned",
            Action::Comment(_) => "commented",
            Action::Due(_) => "due",
            Action::Status(_) => "status",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// The task changed since the form was opened: nothing changed.
    Stale,
}

fn invalid(field: &'static str, key: &'static str) -> AppError {
    AppError::Validation(vec![FieldError { field, key }])
}

/// A due date as typed; `None` for an empty field.
pub fn parse_due(text: &str) -> Result<Option<NaiveDate>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
        .map(Some)
        .ok_or_else(|| invalid("due_on", "task-error-due"))
}

fn parse_comment(text: &str) -> Result<String, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid("comment", "task-error-comment-empty"));
    }
    if text.chars().count() > MAX_COMMENT_CHARS {
        return Err(invalid("comment", "task-error-comment-long"));
    }
    // Line breaks are kept; other control characters are dropped.
    Ok(text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect())
}

pub async fn act(
    app: &App,
    principal: &Principal,
    id: i64,
    seen: &str,
    action: &Action,
    ip: IpAddr,
) -> Result<Outcome, AppError> {
    let view = staff_view::of(principal)?;
    let me = view.staff;
    let id = TaskId(id);
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let task = task_detail::get_in(&mut tx, view.tenants(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !is_current(seen, task.updated_at) {
        return Ok(Outcome::Stale);
    }
    let comment;
    let mut entry = Entry {
        task: id,
        kind: TaskHistoryKind::Commented,
        staff: Some(me),
        assignee: None,
        text: "",
        due_on: None,
        status: None,
        at: now,
    };
    let (change, audit, details) = match action {
        Action::Assign(who) => {
            let assignee = match who.trim() {
                "" => None,
                "me" => Some(me),
                other => Some(StaffUserId(
                    other
                        .parse::<i64>()
                        .map_err(|_| invalid("assignee", "task-error-assignee"))?,
                )),
            };
            if let Some(a) = assignee {
                let tenant = [TenantId(task.tenant_id)];
                let member = staff_admin::get_in(&mut tx, Some(&tenant), a).await?;
                if !member.is_some_and(|m| m.active) {
                    return Err(invalid("assignee", "task-error-assignee"));
                }
            }
            entry.kind = TaskHistoryKind::Assigned;
            entry.assignee = assignee;
            let details = serde_json::json!({ "assignee": assignee.map(|a| a.0) });
            (Change::Assignee(assignee), "task.assigned", details)
        }
        Action::Comment(text) => {
            comment = parse_comment(text)?;
            entry.text = &comment;
            let details = serde_json::json!({ "chars": comment.chars().count() });
            (Change::Touch, "task.commented", details)
        }
        Action::Due(text) => {
            let due = parse_due(text)?;
            entry.kind = TaskHistoryKind::DueSet;
            entry.due_on = due;
            let details = serde_json::json!({ "due_on": due.map(|d| d.to_string()) });
            (Change::Due(due), "task.due_set", details)
        }
        Action::Status(key) => {
            let status = TaskStatus::parse(key.trim())
                .map_err(|_| invalid("status", "task-error-status"))?;
            entry.kind = TaskHistoryKind::StatusChanged;
            entry.status = Some(status);
            let details = serde_json::json!({ "from": task.status, "to": status.as_str() });
            (Change::Status(status, me), "task.status_changed", details)
        }
    };
    if !task_changes::update(&mut tx, id, task.updated_at, change, now).await? {
        // Changed between our read and our write (PostgreSQL).
        return Ok(Outcome::Stale);
    }
    task_changes::append(&mut tx, &entry).await?;
    audit_log::record(
        app,
        &mut tx,
        audit_log::staff(me),
        audit,
        ("task", Some(id.0)),
        ip,
        details,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(task = id.0, action = action.key(), "task changed");
    Ok(Outcome::Done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_are_read_in_the_usual_notations() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 31);
        assert_eq!(parse_due("2026-12-31").ok(), Some(d));
        assert_eq!(parse_due("31.12.2026").ok(), Some(d));
        assert_eq!(parse_due(" ").ok(), Some(None));
        assert!(parse_due("morgen").is_err());
    }

    #[test]
    fn comments_are_trimmed_and_limited() {
        assert_eq!(parse_comment("  ok\n ").ok().as_deref(), Some("ok"));
        assert!(parse_comment("   ").is_err());
        assert!(parse_comment(&"x".repeat(MAX_COMMENT_CHARS + 1)).is_err());
    }
}
