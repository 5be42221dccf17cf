-- Claim wizard tasks from before 0026: their report from the origin
-- event's payload.
UPDATE tasks t SET claim_report_id = r.id
FROM events e, claim_reports r
WHERE e.id = t.origin_event_id AND t.origin = 'claim_report' AND t.claim_report_id IS NULL
  AND r.id = (e.payload::json ->> 'claim_report_id')::bigint;
