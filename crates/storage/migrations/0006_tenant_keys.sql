-- A tenant's short key: how scripts, the command line and (issue 11) API
-- tokens name a tenant. Unique; tenants created before keys existed get
-- "t" and their id.
ALTER TABLE tenants ADD COLUMN tenant_key TEXT;
UPDATE tenants SET tenant_key = 't' || id;
CREATE UNIQUE INDEX tenants_key ON tenants (tenant_key);
