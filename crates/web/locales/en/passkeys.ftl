# Passkeys (issue 8, E4): messages of the passkey use cases.
passkey-name-too-long = The name may have at most 100 characters.
