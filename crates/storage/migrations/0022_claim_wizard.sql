-- The claim wizard (issue 10: A4, D15): drafts saved at every step and
-- the facts of a sent report the first migration had no columns for.

-- A customer's report as sent: the broker (tenant) it went to, the
-- reference number shown to the customer (`SM-2026-000123`, unique per
-- tenant), the time of loss, third parties and police report number, and
-- the draft it was sent from (so a second submit of the same draft finds
-- the report instead of making another).
ALTER TABLE claim_reports ADD COLUMN tenant_id BIGINT REFERENCES tenants(id);
ALTER TABLE claim_reports ADD COLUMN reference TEXT;
ALTER TABLE claim_reports ADD COLUMN time_of_loss TEXT NOT NULL DEFAULT '';
ALTER TABLE claim_reports ADD COLUMN third_parties TEXT NOT NULL DEFAULT '';
ALTER TABLE claim_reports ADD COLUMN police_report TEXT NOT NULL DEFAULT '';
ALTER TABLE claim_reports ADD COLUMN draft_id BIGINT;
CREATE UNIQUE INDEX claim_reports_reference ON claim_reports (tenant_id, reference);
CREATE UNIQUE INDEX claim_reports_draft ON claim_reports (draft_id);

-- The last reference number handed out per tenant and year; raised in
-- the transaction that writes the report, so numbers are dense per year.
CREATE TABLE claim_report_numbers (
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    last_number BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, year)
);

-- A report being written. Belongs to one portal user; the contract and
-- object chosen are re-checked against the user's scope at every step and
-- on send. `data` holds the other answers as JSON text (kp_app's
-- `claim_wizard::DraftData`), so a new step needs no migration.
CREATE TABLE claim_report_drafts (
    id {ID},
    portal_user_id BIGINT NOT NULL REFERENCES portal_users(id) ON DELETE CASCADE,
    contract_id BIGINT REFERENCES contracts(id) ON DELETE CASCADE,
    object_id BIGINT REFERENCES insured_objects(id) ON DELETE SET NULL,
    step TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    created_at {TS} NOT NULL,
    updated_at {TS} NOT NULL
);
CREATE INDEX claim_report_drafts_user ON claim_report_drafts (portal_user_id);
