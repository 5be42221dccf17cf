-- "View as user" (issue 9). An administrator's view of the portal as a
-- portal user runs in a session row of its own (staff_user_id = the
-- administrator, impersonated_portal_user_id = the user) with its own
-- cookie. `staff_session_id` links it to the administrator's own session:
-- the view works only together with that session and ends with it.
-- `portal_views` keeps one row per view for the user's sign-in history
-- (who, start, end); it outlives the session row, which is deleted when
-- the view ends.
CREATE TABLE portal_views (
    id {ID},
    portal_user_id BIGINT NOT NULL REFERENCES portal_users(id) ON DELETE CASCADE,
    staff_user_id BIGINT REFERENCES staff_users(id) ON DELETE SET NULL,
    started_at {TS} NOT NULL,
    -- The server-enforced end (30 minutes after the start).
    ends_at {TS} NOT NULL,
    -- When the view ended before or at `ends_at`, as far as the server saw it.
    ended_at {TS},
    end_reason TEXT
);
CREATE INDEX portal_views_user ON portal_views (portal_user_id, started_at);
ALTER TABLE sessions ADD COLUMN staff_session_id BIGINT REFERENCES sessions(id) ON DELETE CASCADE;
ALTER TABLE sessions ADD COLUMN portal_view_id BIGINT REFERENCES portal_views(id) ON DELETE CASCADE;
CREATE INDEX sessions_staff_session ON sessions (staff_session_id);
