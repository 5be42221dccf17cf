## Passwords (FEATURES C2)
password-too-short = The password is too short. Please choose a longer one; a sentence of several words is easy to remember.
password-too-long = The password may have at most 1,024 characters.
password-common = This password is one of the most common passwords. Please choose another one.
password-contains-email = The password must not contain your e-mail address.
password-contains-name = The password must not contain your name.
password-min-length-hint = At least { $min } characters. No special characters required: a sentence of several words is both safe and easy to remember.
password-settings-title = Passwords
password-settings-lead = Every new password must reach this length and must not be a common password or contain the user's e-mail address or name.
password-settings-min-length = Minimum password length
password-settings-min-length-hint = A whole number from { $floor } to { $max }. Applies to passwords set from now on.
password-settings-save = Save
password-settings-saved = The minimum length has been saved.
password-min-length-invalid = Please enter a whole number from 8 to 1,024.
