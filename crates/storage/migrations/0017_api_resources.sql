-- The remaining resources of the sync API (issue 11): organizations,
-- staff and documents by the back office's external id, soft deletion of
-- documents with their visibility to customers, and the change time of
-- exchange rates for the API's `updated_since`.

-- An organization the back office sends belongs to the tenant of its
-- token (organizations made in the portal have none and are not seen by
-- the API). `kind` is free text of the back office (group, association …).
ALTER TABLE organizations ADD COLUMN tenant_id BIGINT REFERENCES tenants(id) ON DELETE CASCADE;
ALTER TABLE organizations ADD COLUMN external_id TEXT;
ALTER TABLE organizations ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN deleted_at {TS};
CREATE UNIQUE INDEX organizations_external ON organizations (tenant_id, external_id);

-- A staff member's external id is per tenant: one person may work for
-- several tenants, each back office naming them by its own key.
ALTER TABLE staff_user_tenants ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX staff_user_tenants_external ON staff_user_tenants (tenant_id, external_id);

-- Documents: hidden from portal users unless visible to the customer;
-- deleted softly by the API (the blob stays, it may be shared).
ALTER TABLE documents ADD COLUMN customer_visible {BOOL} NOT NULL DEFAULT TRUE;
ALTER TABLE documents ADD COLUMN deleted_at {TS};
CREATE INDEX documents_tenant_page ON documents (tenant_id, id);

ALTER TABLE exchange_rates ADD COLUMN updated_at {TS};
UPDATE exchange_rates SET updated_at = created_at;
