-- API tokens of the back office (issue 11) belong to a tenant and expire.
-- The table itself came with the core schema; no token was made before
-- this version, so the new columns are empty nowhere that matters.
ALTER TABLE api_tokens ADD COLUMN tenant_id BIGINT REFERENCES tenants(id) ON DELETE CASCADE;
ALTER TABLE api_tokens ADD COLUMN expires_at {TS};
CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id);
