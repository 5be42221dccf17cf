-- The audit log names the request an entry was written in (issue 9,
-- ASVS 16.3): the id is in the response header, on error pages and in
-- the server's log, so an entry can be matched with the log lines of the
-- same request. Entries written before this migration have none.
ALTER TABLE audit_entries ADD COLUMN request_id TEXT NOT NULL DEFAULT '';
