-- One identity namespace, schema rules the first migration lacked, and the
-- indexes the scope predicate and the coming list pages filter by.

-- Every login e-mail, normalized (trimmed, lower-case), names exactly one
-- staff or portal user: an address cannot sign in as two people.
CREATE TABLE login_identities (
    email TEXT PRIMARY KEY,
    staff_user_id BIGINT UNIQUE REFERENCES staff_users(id) ON DELETE CASCADE,
    portal_user_id BIGINT UNIQUE REFERENCES portal_users(id) ON DELETE CASCADE,
    CHECK ((staff_user_id IS NULL) <> (portal_user_id IS NULL))
);
-- A staff and a portal user sharing an address make this fail: resolve it
-- (change one address) and migrate again.
INSERT INTO login_identities (email, staff_user_id)
    SELECT LOWER(TRIM(email)), id FROM staff_users;
INSERT INTO login_identities (email, portal_user_id)
    SELECT LOWER(TRIM(email)), id FROM portal_users;

CREATE INDEX conversations_contract ON conversations (contract_id);
CREATE INDEX conversations_object ON conversations (object_id);
CREATE INDEX conversations_claim ON conversations (claim_id);
CREATE INDEX tasks_customer ON tasks (customer_id);
CREATE INDEX tasks_contract ON tasks (contract_id);
CREATE INDEX tasks_object ON tasks (object_id);
CREATE INDEX tasks_claim ON tasks (claim_id);
CREATE INDEX tasks_tenant_status ON tasks (tenant_id, status);
CREATE INDEX appointment_requests_customer ON appointment_requests (customer_id);
CREATE INDEX appointment_requests_contract ON appointment_requests (contract_id);
CREATE INDEX appointment_requests_object ON appointment_requests (object_id);
CREATE INDEX appointment_requests_claim ON appointment_requests (claim_id);
CREATE INDEX claim_reports_customer ON claim_reports (customer_id);
CREATE INDEX claim_reports_object ON claim_reports (object_id);
CREATE INDEX claim_reports_claim ON claim_reports (claim_id);
CREATE INDEX claim_reports_portal_user ON claim_reports (portal_user_id);
CREATE INDEX events_customer ON events (customer_id);
CREATE INDEX sessions_staff_user ON sessions (staff_user_id);
CREATE INDEX sessions_portal_user ON sessions (portal_user_id);
CREATE INDEX sessions_impersonated ON sessions (impersonated_portal_user_id);
CREATE INDEX portal_users_organization ON portal_users (organization_id);
CREATE INDEX portal_users_customer ON portal_users (customer_id);
CREATE INDEX documents_message ON documents (message_id);
CREATE INDEX documents_certificate ON documents (certificate_id);
CREATE INDEX portal_user_scope_customers_customer ON portal_user_scope_customers (customer_id);
CREATE INDEX portal_user_scope_objects_object ON portal_user_scope_objects (object_id);
CREATE INDEX portal_user_scope_claims_claim ON portal_user_scope_claims (claim_id);
