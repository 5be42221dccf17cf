-- Mails (issue 8): the outbox row names its sender (the tenant's, when it
-- has one) and its tenant, so that the "Outgoing mail" page of a
-- tenant's administrator shows that tenant's mails only.
ALTER TABLE outbox_mails ADD COLUMN sender TEXT;
ALTER TABLE outbox_mails ADD COLUMN tenant_id BIGINT REFERENCES tenants(id) ON DELETE SET NULL;
CREATE INDEX outbox_mails_created ON outbox_mails (created_at);
CREATE INDEX outbox_mails_tenant ON outbox_mails (tenant_id, created_at);

-- Single-use, expiring action links (invitation, password reset, e-mail
-- verification …): only the SHA-256 of the token is stored.
CREATE TABLE link_tokens (
    id {ID},
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL,
    staff_user_id BIGINT REFERENCES staff_users(id) ON DELETE CASCADE,
    portal_user_id BIGINT REFERENCES portal_users(id) ON DELETE CASCADE,
    payload TEXT,
    expires_at {TS} NOT NULL,
    used_at {TS},
    created_at {TS} NOT NULL
);
CREATE INDEX link_tokens_portal_user ON link_tokens (portal_user_id, purpose);
CREATE INDEX link_tokens_staff_user ON link_tokens (staff_user_id, purpose);
CREATE INDEX link_tokens_expires ON link_tokens (expires_at);

-- Requests that are limited per e-mail and per client address (forgotten
-- password, later self-registration): one row per request.
CREATE TABLE request_throttle (
    id {ID},
    action TEXT NOT NULL,
    key TEXT NOT NULL,
    created_at {TS} NOT NULL
);
CREATE INDEX request_throttle_key ON request_throttle (action, key, created_at);
