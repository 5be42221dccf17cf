-- Stored profiles that allow reporting keep sending without approval:
-- they get `submit_claim` (the new function would otherwise be missing
-- from every profile saved before it existed).
UPDATE permission_profiles
SET functions = json_insert(functions, '$[#]', 'submit_claim')
WHERE EXISTS (SELECT 1 FROM json_each(permission_profiles.functions) WHERE value = 'report_claim')
  AND NOT EXISTS (SELECT 1 FROM json_each(permission_profiles.functions) WHERE value = 'submit_claim');
