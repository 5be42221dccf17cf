-- The audit log's page (/staff/audit) stays fast with hundreds of
-- thousands of entries (issue 9): every filter and the paging find their
-- entries through an index instead of reading the whole log.
--
-- Keyset paging newest first: (created_at, id) is the page order, and
-- "older than this entry" is a range of this index. It replaces the index
-- on created_at alone (its prefix), which the retention purge used.
CREATE INDEX audit_entries_created_id ON audit_entries (created_at, id);
DROP INDEX audit_entries_created;
-- The action filter, and the skip scan that lists the actions the log
-- holds for the filter's choices (instead of SELECT DISTINCT over it all).
CREATE INDEX audit_entries_action ON audit_entries (action, created_at);
-- The record filter (kind and id), the record kinds' skip scan, and the
-- visibility rule's and the person filter's targets.
CREATE INDEX audit_entries_target ON audit_entries (target_kind, target_id, created_at);
-- The person filter (who acted, whose view staff used) and the foreign
-- keys' ON DELETE SET NULL when a user is deleted.
CREATE INDEX audit_entries_actor_staff ON audit_entries (actor_staff_id);
CREATE INDEX audit_entries_actor_portal ON audit_entries (actor_portal_user_id);
CREATE INDEX audit_entries_impersonated ON audit_entries (impersonated_portal_user_id);
