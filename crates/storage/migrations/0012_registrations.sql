-- Self-registration (issue 8, C3): one row per registration, automatic or
-- on request. An automatic one holds the SHA-256 of its verification
-- link (single use: `used_at`; `expires_at`) and the matched customer; the
-- portal user is only created when the link is followed. A request is the
-- staff's work item until approved (the invitation goes out) or rejected.
-- Automatic attempts that matched no or several customers are kept as
-- notes for the staff (status `unmatched` / `ambiguous`, no token).
CREATE TABLE registrations (
    id {ID},
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    mode TEXT NOT NULL,
    status TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL,
    language TEXT NOT NULL,
    customer_number TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL DEFAULT '',
    customer_id BIGINT REFERENCES customers(id) ON DELETE SET NULL,
    portal_user_id BIGINT REFERENCES portal_users(id) ON DELETE SET NULL,
    token_hash TEXT UNIQUE,
    expires_at {TS},
    used_at {TS},
    reason TEXT,
    decided_by BIGINT REFERENCES staff_users(id) ON DELETE SET NULL,
    decided_at {TS},
    created_at {TS} NOT NULL
);
CREATE INDEX registrations_tenant_status ON registrations (tenant_id, status, created_at);
