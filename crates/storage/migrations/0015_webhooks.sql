-- Webhooks (issue 11, E2): endpoints per tenant and one delivery per
-- matching event. A delivery is written by `events::append` in the
-- transaction of the event, so an event that commits always has its
-- deliveries and a rolled-back one never does.
CREATE TABLE webhook_endpoints (
    id {ID},
    tenant_id BIGINT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- TRUE: every event type; FALSE: the types in webhook_endpoint_events.
    all_events {BOOL} NOT NULL DEFAULT TRUE,
    -- The signing secret, sealed with [security] encryption_key
    -- (kp_app::secret_box, purpose 'webhook:<id>').
    secret_sealed TEXT NOT NULL DEFAULT '',
    active {BOOL} NOT NULL DEFAULT TRUE,
    -- Why it is off: '' (it is on), 'admin', 'failing' (disabled after
    -- persistent failure).
    disabled_reason TEXT NOT NULL DEFAULT '',
    last_success_at {TS},
    created_at {TS} NOT NULL,
    updated_at {TS} NOT NULL
);
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id);

CREATE TABLE webhook_endpoint_events (
    endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    PRIMARY KEY (endpoint_id, event_type)
);

CREATE TABLE webhook_deliveries (
    id {ID},
    endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    -- pending, sending (claimed by a worker until next_attempt_at),
    -- delivered, failed
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at {TS} NOT NULL,
    last_status_code INTEGER,
    last_error TEXT NOT NULL DEFAULT '',
    last_duration_ms BIGINT,
    first_attempt_at {TS},
    last_attempt_at {TS},
    created_at {TS} NOT NULL,
    updated_at {TS} NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
