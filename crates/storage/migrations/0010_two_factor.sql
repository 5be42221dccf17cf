-- Two-factor sign-in (issue 8): TOTP, recovery codes, passkeys and the
-- half-signed-in session between the password and the second factor.
--
-- A session's stage: 'full' (signed in), 'second_factor' (password right,
-- second factor outstanding) or 'enrol' (password right, the policy wants a
-- second factor the user does not have yet). Only 'full' yields a principal
-- for pages. The password step's login attempt stays 'pending' (counted as
-- a failure) until the second factor succeeds, so guessing codes is
-- throttled like guessing passwords.
ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full';
ALTER TABLE sessions ADD COLUMN login_attempt_id BIGINT;

-- One TOTP secret per user (staff or portal), AES-256-GCM encrypted with
-- the configured key; unconfirmed until the first code is entered. The
-- last used time step is kept so that a code cannot be replayed.
-- (portal_users.totp_secret/totp_enabled of 0001 are not used.)
CREATE TABLE two_factor_totp (
    id {ID},
    staff_user_id BIGINT REFERENCES staff_users(id) ON DELETE CASCADE,
    portal_user_id BIGINT REFERENCES portal_users(id) ON DELETE CASCADE,
    secret_encrypted TEXT NOT NULL,
    confirmed {BOOL} NOT NULL DEFAULT FALSE,
    last_used_step BIGINT,
    created_at {TS} NOT NULL,
    confirmed_at {TS}
);
CREATE UNIQUE INDEX two_factor_totp_staff ON two_factor_totp (staff_user_id);
CREATE UNIQUE INDEX two_factor_totp_portal ON two_factor_totp (portal_user_id);

-- Recovery codes: SHA-256 only, each usable once.
CREATE TABLE two_factor_recovery_codes (
    id {ID},
    staff_user_id BIGINT REFERENCES staff_users(id) ON DELETE CASCADE,
    portal_user_id BIGINT REFERENCES portal_users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at {TS},
    created_at {TS} NOT NULL
);
CREATE INDEX two_factor_recovery_staff ON two_factor_recovery_codes (staff_user_id);
CREATE INDEX two_factor_recovery_portal ON two_factor_recovery_codes (portal_user_id);

-- Passkeys (WebAuthn credentials): the credential as webauthn-rs keeps it
-- (public key, counter) in JSON, found by its credential id.
CREATE TABLE passkeys (
    id {ID},
    staff_user_id BIGINT REFERENCES staff_users(id) ON DELETE CASCADE,
    portal_user_id BIGINT REFERENCES portal_users(id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    credential {JSON} NOT NULL,
    created_at {TS} NOT NULL,
    last_used_at {TS}
);
CREATE INDEX passkeys_staff ON passkeys (staff_user_id);
CREATE INDEX passkeys_portal ON passkeys (portal_user_id);

-- A WebAuthn ceremony between its start and finish (any instance may get
-- the finish): the state by the SHA-256 of a random token the browser
-- echoes, single-use, short-lived.
CREATE TABLE webauthn_ceremonies (
    id {ID},
    token_hash TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    staff_user_id BIGINT REFERENCES staff_users(id) ON DELETE CASCADE,
    portal_user_id BIGINT REFERENCES portal_users(id) ON DELETE CASCADE,
    state {JSON} NOT NULL,
    expires_at {TS} NOT NULL
);
