-- My account and consent (issue 8). Sessions remember the browser and
-- address they were opened from, so that a user can tell them apart and end
-- one; login attempts remember the browser for the sign-in history.
-- `consent_check` marks a portal user's session whose consent to the
-- current terms and privacy notice has not been confirmed yet: set when
-- the session is made and when staff publish a new version, cleared once
-- the check finds nothing missing, so the gate costs no query otherwise.
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN ip TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN consent_check {BOOL} NOT NULL DEFAULT TRUE;
ALTER TABLE login_attempts ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
CREATE INDEX consents_user ON consents (portal_user_id, document_kind);
