-- Stored profiles that allow reporting keep sending without approval:
-- they get `submit_claim` (the new function would otherwise be missing
-- from every profile saved before it existed).
UPDATE permission_profiles
SET functions = CAST(CAST(functions AS JSONB) || '["submit_claim"]'::jsonb AS TEXT)
WHERE CAST(functions AS JSONB) @> '["report_claim"]'::jsonb
  AND NOT CAST(functions AS JSONB) @> '["submit_claim"]'::jsonb;
