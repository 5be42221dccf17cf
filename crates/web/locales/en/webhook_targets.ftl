# Webhook addresses that are not publicly reachable (SSRF protection).
webhook-targets-error-private = This address is not publicly reachable (for example localhost, a private or local network). Webhooks can only be sent to public https addresses.
