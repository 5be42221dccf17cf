# Webhook addresses that are not publicly reachable (SSRF protection).
webhook-targets-error-private = Cette adresse n’est pas accessible publiquement (par exemple localhost, un réseau privé ou local). Les webhooks ne peuvent être envoyés qu’à des adresses https publiques.
