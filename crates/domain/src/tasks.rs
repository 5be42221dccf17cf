//! The vocabulary of staff tasks (FEATURES B11, D14, D15): where a task
//! comes from, which area of the portal it belongs to, how urgent it is
//! and how far it got. Stored as the short keys; translated in the web
//! layer as `task-area-<key>`, `task-origin-<key>`, `task-priority-<key>`
//! and `task-status-<key>`.

use serde::{Deserialize, Serialize};

use crate::codes::{UnknownCode, code_enum};

code_enum!(
    /// The area of the portal a task belongs to; task categories are
    /// configured per area (D14).
    TaskArea, "task area" {
        Contracts = "contracts",
        Objects = "objects",
        Finances = "finances",
        Transport = "transport",
        Claims = "claims",
    }
);

code_enum!(
    /// What created a task; task categories are configured per origin too.
    TaskOrigin, "task origin" {
        ClaimReport = "claim_report",
        Upload = "upload",
        Message = "message",
        AppointmentRequest = "appointment_request",
    }
);

code_enum!(
    TaskPriority, "task priority" {
        Low = "low",
        Normal = "normal",
        High = "high",
        Urgent = "urgent",
    }
);

code_enum!(
    TaskStatus, "task status" {
        Open = "open",
        InProgress = "in_progress",
        Done = "done",
    }
);

code_enum!(
    /// One entry of a task's history; translated as `task-history-<key>`.
    TaskHistoryKind, "task history kind" {
        Created = "created",
        Assigned = "assigned",
        Commented = "commented",
        DueSet = "due_set",
        StatusChanged = "status_changed",
        CompletedAutomatically = "completed_automatically",
    }
);

code_enum!(
    /// A clerk's action that may complete configured tasks by itself
    /// (setting `task_completion`); translated as `task-trigger-<key>`.
    TaskTrigger, "task completion trigger" {
        ClaimReportAccepted = "claim_report_accepted",
    }
);

impl TaskTrigger {
    /// The origin of the tasks the action completes.
    pub fn origin(self) -> TaskOrigin {
        match self {
            TaskTrigger::ClaimReportAccepted => TaskOrigin::ClaimReport,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for a in TaskArea::ALL {
            assert_eq!(TaskArea::parse(a.as_str()), Ok(*a));
        }
        for o in TaskOrigin::ALL {
            assert_eq!(TaskOrigin::parse(o.as_str()), Ok(*o));
        }
        for p in TaskPriority::ALL {
            assert_eq!(TaskPriority::parse(p.as_str()), Ok(*p));
        }
        for s in TaskStatus::ALL {
            assert_eq!(TaskStatus::parse(s.as_str()), Ok(*s));
        }
        assert!(TaskStatus::parse("closed").is_err());
        for k in TaskHistoryKind::ALL {
            assert_eq!(TaskHistoryKind::parse(k.as_str()), Ok(*k));
        }
        assert_eq!(
            TaskTrigger::ClaimReportAccepted.origin(),
            TaskOrigin::ClaimReport
        );
    }
}
