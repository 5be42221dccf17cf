-- GDV import (issue 11, E1). Insurers are matched by their VU number from
-- the Vorsatz; every import is recorded with its report; records the
-- portal has no columns for are kept raw on their contract.
ALTER TABLE insurers ADD COLUMN vu_number TEXT;
CREATE UNIQUE INDEX insurers_vu_number ON insurers (vu_number);

CREATE TABLE imports (
    id {ID},
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    format TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL DEFAULT 0,
    -- Who started it: 'command_line', 'api_token' or 'staff', with a name
    -- (the operating-system user, the token's name, the staff member's).
    actor_kind TEXT NOT NULL,
    actor_name TEXT NOT NULL DEFAULT '',
    staff_user_id BIGINT REFERENCES staff_users(id) ON DELETE SET NULL,
    api_token_id BIGINT REFERENCES api_tokens(id) ON DELETE SET NULL,
    -- running, imported, imported_with_errors, rejected, failed
    status TEXT NOT NULL,
    report {JSON} NOT NULL DEFAULT '{}',
    started_at {TS} NOT NULL,
    finished_at {TS}
);
CREATE INDEX imports_tenant ON imports (tenant_id, started_at);

-- One row per record kept raw: its Teildatensätze as read (decoded, one
-- 256-character line each), keyed by the content's SHA-256 so that a
-- second import of the same file adds nothing.
CREATE TABLE gdv_raw_records (
    id {ID},
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    contract_id BIGINT REFERENCES contracts(id) ON DELETE CASCADE,
    -- The contract's external id, '' for records outside any contract.
    contract_key TEXT NOT NULL,
    import_id BIGINT REFERENCES imports(id) ON DELETE SET NULL,
    record_type TEXT NOT NULL,
    reason TEXT NOT NULL,
    line BIGINT NOT NULL,
    content TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    created_at {TS} NOT NULL,
    UNIQUE (tenant_id, contract_key, content_sha256)
);
CREATE INDEX gdv_raw_records_contract ON gdv_raw_records (contract_id);
