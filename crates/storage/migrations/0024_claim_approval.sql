-- Four-eyes approval of claim reports (issue 10): a draft of a user whose
-- profile lacks `submit_claim` goes to the organization's approvers before
-- the broker sees it.

-- Where a draft stands: `draft` (being written), `awaiting` (sent for
-- approval, the drafter can no longer change it) or `returned` (an
-- approver sent it back with `review_comment`). A submitted draft is
-- deleted like a sent one, its report names it in `draft_id`.
ALTER TABLE claim_report_drafts ADD COLUMN state TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE claim_report_drafts ADD COLUMN review_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE claim_report_drafts ADD COLUMN requested_at {TS};
CREATE INDEX claim_report_drafts_state ON claim_report_drafts (state);

-- The portal user who approved a report (NULL: sent without approval).
-- The drafter stays the reporter in `portal_user_id`.
ALTER TABLE claim_reports ADD COLUMN approved_by BIGINT REFERENCES portal_users(id) ON DELETE SET NULL;
