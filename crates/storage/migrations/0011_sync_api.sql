-- The sync API (issue 11): soft deletion of the records the back office
-- sends, the event feed's tenant, resource and ordering key, and the
-- stored answers of requests sent with an Idempotency-Key.

-- A record the back office deleted keeps its row (the feed and later
-- upserts still know its external id) but disappears from every read.
ALTER TABLE customers ADD COLUMN deleted_at {TS};
ALTER TABLE contracts ADD COLUMN deleted_at {TS};
ALTER TABLE insured_objects ADD COLUMN deleted_at {TS};
ALTER TABLE claims ADD COLUMN deleted_at {TS};
ALTER TABLE finance_items ADD COLUMN deleted_at {TS};
-- The portal's customer predicate excludes deleted customers by this.
CREATE INDEX customers_deleted ON customers (id) WHERE deleted_at IS NOT NULL;

-- The API lists a tenant's records in id order (cursor paging).
CREATE INDEX customers_tenant_page ON customers (tenant_id, id);
CREATE INDEX contracts_tenant_page ON contracts (tenant_id, id);
CREATE INDEX insured_objects_tenant_page ON insured_objects (tenant_id, id);
CREATE INDEX claims_tenant_page ON claims (tenant_id, id);
CREATE INDEX finance_items_tenant_page ON finance_items (tenant_id, id);

-- Events belong to a tenant and link to their resource. `xact` is the
-- writing transaction's id on PostgreSQL (0 on SQLite, whose writers are
-- serialised): the feed orders by (xact, id) and hands out only events of
-- transactions older than every one still running, so a reader never
-- skips an event that commits late.
ALTER TABLE events ADD COLUMN tenant_id BIGINT REFERENCES tenants(id) ON DELETE CASCADE;
ALTER TABLE events ADD COLUMN resource_type TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN resource_link TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN xact BIGINT NOT NULL DEFAULT 0;
CREATE INDEX events_feed ON events (tenant_id, xact, id);

-- The first answer to a request with an Idempotency-Key, per token and
-- key; `status_code` is NULL while that first request still runs.
CREATE TABLE api_idempotency (
    token_id BIGINT NOT NULL REFERENCES api_tokens(id) ON DELETE CASCADE,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code BIGINT,
    response_body TEXT,
    created_at {TS} NOT NULL,
    PRIMARY KEY (token_id, idem_key)
);
CREATE INDEX api_idempotency_created ON api_idempotency (created_at);
