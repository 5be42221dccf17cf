# Two-factor authentication (sign-in step, own factors, policy, staff reset)
two-factor-login-title = Two-factor authentication
two-factor-login-intro = Your password was correct. Enter the code from your authenticator app, or one of your recovery codes.
two-factor-code = Code
two-factor-code-hint = Six digits from the app, or a recovery code such as abcde-fghjk.
two-factor-login-submit = Confirm
two-factor-login-cancel = Cancel sign-in
two-factor-enrol-title = Set up an authenticator app
two-factor-enrol-required = Your broker requires two-factor authentication for your account. Please set it up now to continue.
two-factor-enrol-step-app = Open an authenticator app on your phone (for example one from your phone's app store).
two-factor-enrol-step-scan = Scan the QR code, or type in the key shown below it.
two-factor-enrol-step-code = Enter the six-digit code the app shows.
two-factor-enrol-qr-alt = QR code for your authenticator app
two-factor-enrol-secret = Key for typing in:
two-factor-enrol-submit = Confirm and turn on
two-factor-codes-title = Your recovery codes
two-factor-codes-intro = Keep these codes somewhere safe. Each one lets you sign in once if you do not have your phone. They are shown only now.
two-factor-codes-continue = I have saved the codes
two-factor-title = Two-factor authentication
two-factor-intro = A second factor protects your account even if someone learns your password.
two-factor-current-password = Current password
two-factor-totp-heading = Authenticator app
two-factor-totp-on = Two-factor authentication with an authenticator app is on.
two-factor-totp-off = Two-factor authentication is off.
two-factor-totp-remove = Turn off
two-factor-totp-set-up = Set up
two-factor-codes-heading = Recovery codes
two-factor-codes-left = { $count ->
    [one] One unused recovery code left.
   *[other] { $count } unused recovery codes left.
}
two-factor-codes-regenerate = Create new recovery codes
two-factor-removed = The authenticator app has been removed.
two-factor-reset-title = Reset two-factor authentication
two-factor-reset-intro = This removes the user's authenticator app, recovery codes and passkeys and signs them out everywhere. They will be informed by e-mail.
two-factor-reset-submit = Reset
two-factor-reset-done = Two-factor authentication has been reset and the user has been informed.
two-factor-reset-mail-subject = Your two-factor authentication was reset
two-factor-reset-mail-body = Hello { $name },
    
    your broker has reset the two-factor authentication of your customer portal account. At your next sign-in you can set it up again.
    
    If you did not ask for this, please contact your broker.
two-factor-policy-title = Two-factor authentication
two-factor-policy-intro = Who must sign in with a second factor. Staff administrators always must.
two-factor-policy-legend = Required for
two-factor-policy-nobody = Nobody else
two-factor-policy-organizations = Users of organizations that require it
two-factor-policy-staff = All staff
two-factor-policy-everyone = Everyone
two-factor-policy-saved = Saved.
two-factor-policy-save = Save
two-factor-code-malformed = Enter the six digits from your app or a recovery code.
two-factor-code-wrong = This code is not correct.
two-factor-code-used = This code has already been used. Please wait for the next one.
two-factor-password-wrong = The password is not correct.
