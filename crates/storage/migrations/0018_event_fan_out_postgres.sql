-- The webhook deliveries of an event are made by the database as the
-- event row is inserted, in the same statement and so in the same
-- transaction, instead of by a second INSERT … SELECT per event: a bulk
-- load writes one event per line and saves that round trip each time.
-- Events without a tenant (consent of a user without one) have no
-- endpoints. Same rows as before: one pending delivery per active
-- endpoint of the tenant taking the event's type, due at once.
CREATE FUNCTION events_webhook_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_deliveries (endpoint_id, event_id, status, attempts,
        next_attempt_at, created_at, updated_at)
    SELECT w.id, NEW.id, 'pending', 0, NEW.created_at, NEW.created_at, NEW.created_at
    FROM webhook_endpoints w
    WHERE w.tenant_id = NEW.tenant_id AND w.active = TRUE
      AND (w.all_events = TRUE OR EXISTS (SELECT 1 FROM webhook_endpoint_events t
           WHERE t.endpoint_id = w.id AND t.event_type = NEW.event_type));
    RETURN NULL;
END
$$;

CREATE TRIGGER events_webhook_fan_out AFTER INSERT ON events
    FOR EACH ROW WHEN (NEW.tenant_id IS NOT NULL)
    EXECUTE FUNCTION events_webhook_fan_out();
