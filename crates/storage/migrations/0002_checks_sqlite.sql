-- SQLite cannot add a CHECK to an existing table, and rebuilding these
-- tables would cascade deletes through their foreign keys; triggers enforce
-- the same rules. The message starts like SQLite's own CHECK failures, which
-- is how the storage layer classifies them.
CREATE TRIGGER portal_users_one_owner_insert BEFORE INSERT ON portal_users
WHEN (NEW.organization_id IS NULL) = (NEW.customer_id IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: portal_users_one_owner');
END;
CREATE TRIGGER portal_users_one_owner_update BEFORE UPDATE ON portal_users
WHEN (NEW.organization_id IS NULL) = (NEW.customer_id IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: portal_users_one_owner');
END;
CREATE TRIGGER sessions_one_user_insert BEFORE INSERT ON sessions
WHEN (NEW.staff_user_id IS NULL) = (NEW.portal_user_id IS NULL)
    OR (NEW.impersonated_portal_user_id IS NOT NULL AND NEW.staff_user_id IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: sessions_one_user');
END;
CREATE TRIGGER sessions_one_user_update BEFORE UPDATE ON sessions
WHEN (NEW.staff_user_id IS NULL) = (NEW.portal_user_id IS NULL)
    OR (NEW.impersonated_portal_user_id IS NOT NULL AND NEW.staff_user_id IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: sessions_one_user');
END;
