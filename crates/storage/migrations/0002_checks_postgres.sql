-- PostgreSQL adds the checks to the existing tables (validating the rows).
ALTER TABLE portal_users ADD CONSTRAINT portal_users_one_owner
    CHECK ((organization_id IS NULL) <> (customer_id IS NULL));
ALTER TABLE sessions ADD CONSTRAINT sessions_one_user
    CHECK ((staff_user_id IS NULL) <> (portal_user_id IS NULL)
           AND (impersonated_portal_user_id IS NULL OR staff_user_id IS NOT NULL));
