# Webhook addresses that are not publicly reachable (SSRF protection).
webhook-targets-error-private = Esta dirección no es accesible públicamente (por ejemplo localhost o una red privada o local). Los webhooks solo pueden enviarse a direcciones https públicas.
