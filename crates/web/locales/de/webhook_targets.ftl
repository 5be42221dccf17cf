# Webhook addresses that are not publicly reachable (SSRF protection).
webhook-targets-error-private = Diese Adresse ist nicht öffentlich erreichbar (z. B. localhost, ein privates oder lokales Netz). Webhooks können nur an öffentliche https-Adressen gesendet werden.
