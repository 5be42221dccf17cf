-- The staff task inbox (issue 10: B11, D14): where a task came from and
-- the claim report it is about, who completed it when, and its history.

-- `origin` is a `TaskOrigin` key ('' for tasks from before this
-- migration whose event tells nothing); `claim_report_id` names the
-- report a claim wizard task belongs to, so that accepting the report can
-- complete its open tasks.
ALTER TABLE tasks ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN claim_report_id BIGINT REFERENCES claim_reports(id) ON DELETE SET NULL;
ALTER TABLE tasks ADD COLUMN completed_at {TS};
ALTER TABLE tasks ADD COLUMN completed_by BIGINT REFERENCES staff_users(id) ON DELETE SET NULL;
CREATE INDEX tasks_claim_report ON tasks (claim_report_id);

UPDATE tasks SET origin = 'claim_report'
    WHERE origin_event_id IN (SELECT id FROM events WHERE event_type = 'claim_report.created');
UPDATE tasks SET origin = 'upload'
    WHERE origin_event_id IN (SELECT id FROM events WHERE event_type = 'document.uploaded');
UPDATE tasks SET completed_at = updated_at WHERE status = 'done';

-- What happened to a task, oldest first: `kind` is a `TaskHistoryKind`
-- key (created, assigned, commented, due_set, status_changed,
-- completed_automatically); `staff_user_id` who did it (NULL: the
-- portal); the other columns hold what the kind needs (the new assignee,
-- the comment, the new due date, the new status).
CREATE TABLE task_history (
    id {ID},
    task_id BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    staff_user_id BIGINT REFERENCES staff_users(id) ON DELETE SET NULL,
    assignee_staff_id BIGINT REFERENCES staff_users(id) ON DELETE SET NULL,
    text TEXT NOT NULL DEFAULT '',
    due_on {DATE},
    status TEXT,
    created_at {TS} NOT NULL
);
CREATE INDEX task_history_task ON task_history (task_id, id);
