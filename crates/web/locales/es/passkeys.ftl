# Passkeys (issue 8, E4): messages of the passkey use cases.
passkey-name-too-long = El nombre puede tener como máximo 100 caracteres.
