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

## My account (issue 8)
account-title = My account
account-language = Language
account-language-label = Language of the portal and of e-mails
account-language-save = Save language
account-language-saved = Your language has been saved.
account-language-invalid = Please choose one of the languages offered.
account-password = Change password
account-password-intro = Enter your current password to confirm that it is you. After the change, you stay signed in here and are signed out everywhere else.
account-current-password = Current password
account-new-password = New password
account-new-password-repeat = Repeat the new password
account-password-save = Change password
account-password-changed = Your password has been changed. All your other sessions have been ended.
account-password-mismatch = The two new passwords do not match.
account-password-wrong = The current password is not correct.
account-sessions = Active sessions
account-sessions-intro = You are signed in on these devices. If you do not recognise one, sign it out and change your password.
account-device-col = Device
account-address = IP address
account-created = Signed in
account-last-use = Last used
account-actions = Actions
account-this-session = this session
account-end-session = Sign out
account-end-session-of = Sign out { $device }, signed in { $created }
account-end-others = Sign out everywhere else
account-session-ended = The session has been signed out.
account-others-ended = All other sessions have been signed out.
account-sign-ins = Sign-in history
account-time = Time
account-result = Result
account-sign-in-ok = Signed in
account-sign-in-failed = Failed
account-sign-ins-none = No sign-ins recorded in the last 30 days.
account-consents = Accepted terms
account-consent-entry = { $document }, version { $version }, accepted on { $date }
account-consents-none = You have not accepted any terms yet.
account-device = { $browser } on { $os }
account-device-unknown = Unknown browser

## Consent (D5)
consent-title = Please accept our terms
consent-intro = Before you continue, please read and accept the current terms of use and privacy notice.
consent-read-terms = Read the terms of use (version { $version })
consent-read-privacy = Read the privacy notice (version { $version })
consent-accept-terms = I accept the terms of use (version { $version }).
consent-accept-privacy = I have read the privacy notice (version { $version }) and accept it.
consent-submit = Accept and continue
consent-decline = Do not want to accept now?
consent-required = Please tick this box to continue.

## Legal links (D5)
legal-website = Broker website
legal-version = Version { $version }
legal-settings-title = Legal links and consent
legal-settings-lead = Terms of use, privacy notice, imprint and broker website for each tenant and language: a link to your own page or a text shown in the portal. Without either, the portal shows its built-in page.
legal-settings-saved = The legal links have been saved.
legal-settings-published-terms = A new version of the terms of use has been published. Customers accept it at their next page.
legal-settings-published-privacy = A new version of the privacy notice has been published. Customers accept it at their next page.
legal-settings-tenant = Tenant
legal-settings-language = Language
legal-settings-show = Show
legal-settings-texts = Pages in { $language }
legal-settings-texts-hint = A link (https://…) takes precedence over a text. Separate paragraphs of a text with an empty line.
legal-settings-url = Link
legal-settings-text = Text
legal-settings-save = Save
legal-settings-versions = Versions to accept
legal-settings-versions-hint = Customers must accept the current terms of use and privacy notice before they use the portal. Publish a new version after a change that customers must accept again.
legal-settings-current-terms = Terms of use: version { $version } (0 = none published).
legal-settings-current-privacy = Privacy notice: version { $version } (0 = none published).
legal-settings-publish-terms = Publish a new version of the terms of use
legal-settings-publish-privacy = Publish a new version of the privacy notice
legal-url-invalid = Please enter a complete web address starting with https:// or http://.
legal-text-too-long = The text may have at most 50,000 characters.

account-two-factor-manage = Set up or manage two-factor authentication (authenticator app, recovery codes)
