# Passkeys (issue 8, E4): messages of the passkey use cases.
passkey-name-too-long = Le nom peut comporter au plus 100 caractères.
