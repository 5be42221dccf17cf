-- Login throttling after OWASP's device-cookie scheme: attempts are keyed
-- by account (the normalised e-mail, known or not), client address and,
-- when the browser proves an earlier login, its device cookie's nonce.
-- An attempt is inserted as 'pending' before the password is checked, so
-- parallel attempts see each other; it ends 'failed', 'succeeded' or
-- 'refused' (throttled or server busy: not a guess, not counted).
DROP TABLE login_attempts;
CREATE TABLE login_attempts (
    id {ID},
    email TEXT NOT NULL,
    ip TEXT NOT NULL,
    device TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'failed', 'succeeded', 'refused')),
    attempted_at {TS} NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, attempted_at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, attempted_at);
CREATE INDEX login_attempts_device ON login_attempts (device, attempted_at);

-- One row per e-mail tried: the attempt transaction first writes this
-- row, which serialises parallel attempts on one account on PostgreSQL
-- too (SQLite has a single writer anyway).
CREATE TABLE login_locks (
    email TEXT PRIMARY KEY,
    touched_at {TS} NOT NULL
);

-- Secrets shared by all instances (the device cookie key), made once by
-- whichever instance needs one first.
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at {TS} NOT NULL
);
