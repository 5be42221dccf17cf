-- Claim wizard tasks from before 0026: their report from the origin
-- event's payload.
UPDATE tasks SET claim_report_id = (
    SELECT CAST(json_extract(e.payload, '$.claim_report_id') AS INTEGER)
    FROM events e WHERE e.id = tasks.origin_event_id)
WHERE origin = 'claim_report' AND claim_report_id IS NULL
  AND EXISTS (SELECT 1 FROM claim_reports r WHERE r.id = (
    SELECT CAST(json_extract(e.payload, '$.claim_report_id') AS INTEGER)
    FROM events e WHERE e.id = tasks.origin_event_id));
