-- Organizations as the broker's administrators manage them (issue 9, D3/D4):
-- the tenant whose administrator made one (it stays visible to that
-- tenant's staff until it has a customer), the permission profile new users
-- of the organization get when they are created without one, and the
-- organization's contacts at the broker (staff users with a role text).
ALTER TABLE organizations ADD COLUMN created_by_tenant_id BIGINT REFERENCES tenants(id) ON DELETE SET NULL;
ALTER TABLE organizations ADD COLUMN default_profile_id BIGINT REFERENCES permission_profiles(id) ON DELETE SET NULL;

CREATE TABLE organization_contacts (
    organization_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    staff_user_id BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, staff_user_id)
);
CREATE INDEX organization_contacts_staff ON organization_contacts (staff_user_id);
