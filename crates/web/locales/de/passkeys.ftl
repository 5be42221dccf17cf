# Passkeys (issue 8, E4): messages of the passkey use cases.
passkey-name-too-long = Der Name darf höchstens 100 Zeichen haben.
