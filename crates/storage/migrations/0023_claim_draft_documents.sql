-- Documents and photos of the claim wizard (issue 10: A4, A7). While a
-- report is a draft its files are stored (sealed) in the blob store and
-- listed here, owned by the draft's portal user; no `documents` row exists
-- yet, so nobody at the broker sees them. On send they become ordinary
-- documents of the contract or object and are linked to the report in
-- `claim_report_documents`; a discarded draft's files are deleted.
CREATE TABLE claim_draft_documents (
    id {ID},
    draft_id BIGINT NOT NULL REFERENCES claim_report_drafts(id) ON DELETE CASCADE,
    portal_user_id BIGINT NOT NULL REFERENCES portal_users(id) ON DELETE CASCADE,
    document_type TEXT NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    created_at {TS} NOT NULL
);
CREATE INDEX claim_draft_documents_draft ON claim_draft_documents (draft_id);

-- The documents a report was sent with.
CREATE TABLE claim_report_documents (
    claim_report_id BIGINT NOT NULL REFERENCES claim_reports(id) ON DELETE CASCADE,
    document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (claim_report_id, document_id)
);
