# Zwei-Faktor-Authentifizierung (Anmeldeschritt, eigene Faktoren, Vorgabe, Zurücksetzen)
two-factor-login-title = Zwei-Faktor-Authentifizierung
two-factor-login-intro = Ihr Passwort war richtig. Geben Sie den Code aus Ihrer Authenticator-App oder einen Ihrer Wiederherstellungscodes ein.
two-factor-code = Code
two-factor-code-hint = Sechs Ziffern aus der App oder ein Wiederherstellungscode wie abcde-fghjk.
two-factor-login-submit = Bestätigen
two-factor-login-cancel = Anmeldung abbrechen
two-factor-enrol-title = Authenticator-App einrichten
two-factor-enrol-required = Ihr Makler verlangt für Ihr Konto die Zwei-Faktor-Authentifizierung. Bitte richten Sie sie jetzt ein, um fortzufahren.
two-factor-enrol-step-app = Öffnen Sie eine Authenticator-App auf Ihrem Smartphone (zum Beispiel aus dem App-Store Ihres Telefons).
two-factor-enrol-step-scan = Scannen Sie den QR-Code oder tippen Sie den darunter angezeigten Schlüssel ein.
two-factor-enrol-step-code = Geben Sie den sechsstelligen Code ein, den die App anzeigt.
two-factor-enrol-qr-alt = QR-Code für Ihre Authenticator-App
two-factor-enrol-secret = Schlüssel zum Eintippen:
two-factor-enrol-submit = Bestätigen und einschalten
two-factor-codes-title = Ihre Wiederherstellungscodes
two-factor-codes-intro = Bewahren Sie diese Codes sicher auf. Mit jedem können Sie sich einmal anmelden, wenn Sie Ihr Smartphone nicht zur Hand haben. Sie werden nur jetzt angezeigt.
two-factor-codes-continue = Ich habe die Codes gespeichert
two-factor-title = Zwei-Faktor-Authentifizierung
two-factor-intro = Ein zweiter Faktor schützt Ihr Konto auch dann, wenn jemand Ihr Passwort kennt.
two-factor-current-password = Aktuelles Passwort
two-factor-totp-heading = Authenticator-App
two-factor-totp-on = Die Zwei-Faktor-Authentifizierung mit einer Authenticator-App ist eingeschaltet.
two-factor-totp-off = Die Zwei-Faktor-Authentifizierung ist ausgeschaltet.
two-factor-totp-remove = Ausschalten
two-factor-totp-set-up = Einrichten
two-factor-codes-heading = Wiederherstellungscodes
two-factor-codes-left = { $count ->
    [one] Noch ein unbenutzter Wiederherstellungscode.
   *[other] Noch { $count } unbenutzte Wiederherstellungscodes.
}
two-factor-codes-regenerate = Neue Wiederherstellungscodes erzeugen
two-factor-removed = Die Authenticator-App wurde entfernt.
two-factor-reset-title = Zwei-Faktor-Authentifizierung zurücksetzen
two-factor-reset-intro = Damit werden die Authenticator-App, die Wiederherstellungscodes und die Passkeys des Benutzers entfernt und er wird überall abgemeldet. Er wird per E-Mail informiert.
two-factor-reset-submit = Zurücksetzen
two-factor-reset-done = Die Zwei-Faktor-Authentifizierung wurde zurückgesetzt und der Benutzer informiert.
two-factor-reset-mail-subject = Ihre Zwei-Faktor-Authentifizierung wurde zurückgesetzt
two-factor-reset-mail-body = Guten Tag { $name },
    
    Ihr Makler hat die Zwei-Faktor-Authentifizierung Ihres Kundenportal-Kontos zurückgesetzt. Bei Ihrer nächsten Anmeldung können Sie sie neu einrichten.
    
    Falls Sie das nicht veranlasst haben, wenden Sie sich bitte an Ihren Makler.
two-factor-policy-title = Zwei-Faktor-Authentifizierung
two-factor-policy-intro = Wer sich mit einem zweiten Faktor anmelden muss. Administratoren des Maklers müssen es immer.
two-factor-policy-legend = Verpflichtend für
two-factor-policy-nobody = Niemanden sonst
two-factor-policy-organizations = Benutzer von Organisationen, die es verlangen
two-factor-policy-staff = Alle Mitarbeiter des Maklers
two-factor-policy-everyone = Alle
two-factor-policy-saved = Gespeichert.
two-factor-policy-save = Speichern
two-factor-code-malformed = Geben Sie die sechs Ziffern aus Ihrer App oder einen Wiederherstellungscode ein.
two-factor-code-wrong = Dieser Code ist nicht richtig.
two-factor-code-used = Dieser Code wurde bereits verwendet. Bitte warten Sie auf den nächsten.
two-factor-password-wrong = Das Passwort ist nicht richtig.
