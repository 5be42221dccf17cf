-- After the report (issue 10): staff accept a claim report into a claim
-- or ask the customer questions about it; claims get a "what we still
-- need from you" checklist.

-- When the report was accepted into its claim (`claim_reports.claim_id`).
ALTER TABLE claim_reports ADD COLUMN accepted_at {TS};

-- Questions staff ask about a report, each with the customer's answer
-- (text and optionally one document, stored on the report's contract or
-- object). Several rounds are possible; the newest open one is answered.
CREATE TABLE claim_report_questions (
    id {ID},
    claim_report_id BIGINT NOT NULL REFERENCES claim_reports(id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    asked_by_staff_id BIGINT REFERENCES staff_users(id) ON DELETE SET NULL,
    asked_at {TS} NOT NULL,
    answer TEXT,
    answer_document_id BIGINT REFERENCES documents(id) ON DELETE SET NULL,
    answered_by_portal_user_id BIGINT REFERENCES portal_users(id) ON DELETE SET NULL,
    answered_at {TS}
);
CREATE INDEX claim_report_questions_report ON claim_report_questions (claim_report_id);

-- What the broker still needs from the customer for a claim. `item_key`
-- names the item for the sync API (the back office's key, or
-- `portal-<id>` for items staff added in the portal); status `open`,
-- `received` (the customer uploaded `document_id`) or `done`.
CREATE TABLE claim_checklist_items (
    id {ID},
    claim_id BIGINT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    item_key TEXT,
    text TEXT NOT NULL,
    due_on {DATE},
    status TEXT NOT NULL,
    document_id BIGINT REFERENCES documents(id) ON DELETE SET NULL,
    created_at {TS} NOT NULL,
    updated_at {TS} NOT NULL
);
CREATE UNIQUE INDEX claim_checklist_items_key ON claim_checklist_items (claim_id, item_key);
