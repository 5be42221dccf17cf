-- SQLite: the webhook deliveries of events are made by the statement that
-- follows the events' insert in the same transaction
-- (`kp_storage::events`), no longer by a row trigger. SQLite has no
-- statement triggers: the row trigger ran a sub-program for every event,
-- and a bulk load writes one event per line (600,000 in the benchmark,
-- about a sixteenth of SQLite's work there); one INSERT … SELECT per
-- batch of events does the same with a join. PostgreSQL keeps its trigger
-- (migration 0018), where concurrent writers make "the events after id N"
-- no statement of this transaction's events.
DROP TRIGGER events_webhook_fan_out;
