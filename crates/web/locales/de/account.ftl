## Passwörter (FEATURES C2)
password-too-short = Das Passwort ist zu kurz. Bitte wählen Sie ein längeres; ein Satz aus mehreren Wörtern ist leicht zu merken.
password-too-long = Das Passwort darf höchstens 1.024 Zeichen lang sein.
password-common = Dieses Passwort gehört zu den häufigsten Passwörtern. Bitte wählen Sie ein anderes.
password-contains-email = Das Passwort darf Ihre E-Mail-Adresse nicht enthalten.
password-contains-name = Das Passwort darf Ihren Namen nicht enthalten.
password-min-length-hint = Mindestens { $min } Zeichen. Sonderzeichen sind nicht nötig: Ein Satz aus mehreren Wörtern ist sicher und leicht zu merken.
password-settings-title = Passwörter
password-settings-lead = Jedes neue Passwort muss diese Länge erreichen und darf weder ein häufiges Passwort sein noch die E-Mail-Adresse oder den Namen der Person enthalten.
password-settings-min-length = Mindestlänge für Passwörter
password-settings-min-length-hint = Eine ganze Zahl von { $floor } bis { $max }. Gilt für Passwörter, die ab jetzt gesetzt werden.
password-settings-save = Speichern
password-settings-saved = Die Mindestlänge wurde gespeichert.
password-min-length-invalid = Bitte geben Sie eine ganze Zahl von 8 bis 1.024 ein.

## Mein Konto (Issue 8)
account-title = Mein Konto
account-language = Sprache
account-language-label = Sprache des Portals und der E-Mails
account-language-save = Sprache speichern
account-language-saved = Ihre Sprache wurde gespeichert.
account-language-invalid = Bitte wählen Sie eine der angebotenen Sprachen.
account-password = Passwort ändern
account-password-intro = Geben Sie Ihr aktuelles Passwort ein, um zu bestätigen, dass Sie es sind. Nach der Änderung bleiben Sie hier angemeldet und werden überall sonst abgemeldet.
account-current-password = Aktuelles Passwort
account-new-password = Neues Passwort
account-new-password-repeat = Neues Passwort wiederholen
account-password-save = Passwort ändern
account-password-changed = Ihr Passwort wurde geändert. Alle anderen Sitzungen wurden beendet.
account-password-mismatch = Die beiden neuen Passwörter stimmen nicht überein.
account-password-wrong = Das aktuelle Passwort ist nicht korrekt.
account-sessions = Aktive Sitzungen
account-sessions-intro = Sie sind auf diesen Geräten angemeldet. Wenn Sie eines nicht erkennen, melden Sie es ab und ändern Sie Ihr Passwort.
account-device-col = Gerät
account-address = IP-Adresse
account-created = Angemeldet
account-last-use = Zuletzt genutzt
account-actions = Aktionen
account-this-session = diese Sitzung
account-end-session = Abmelden
account-end-session-of = { $device } abmelden, angemeldet am { $created }
account-end-others = Überall sonst abmelden
account-session-ended = Die Sitzung wurde abgemeldet.
account-others-ended = Alle anderen Sitzungen wurden abgemeldet.
account-sign-ins = Anmeldeverlauf
account-time = Zeitpunkt
account-result = Ergebnis
account-sign-in-ok = Angemeldet
account-sign-in-failed = Fehlgeschlagen
account-sign-ins-none = In den letzten 30 Tagen wurden keine Anmeldungen aufgezeichnet.
account-consents = Zugestimmte Bedingungen
account-consent-entry = { $document }, Version { $version }, zugestimmt am { $date }
account-consents-none = Sie haben noch keinen Bedingungen zugestimmt.
account-device = { $browser } unter { $os }
account-device-unknown = Unbekannter Browser

## Zustimmung (D5)
consent-title = Bitte stimmen Sie unseren Bedingungen zu
consent-intro = Bevor Sie fortfahren, lesen Sie bitte die aktuelle Nutzungsvereinbarung und Datenschutzerklärung und stimmen Sie ihnen zu.
consent-read-terms = Nutzungsvereinbarung lesen (Version { $version })
consent-read-privacy = Datenschutzerklärung lesen (Version { $version })
consent-accept-terms = Ich stimme der Nutzungsvereinbarung (Version { $version }) zu.
consent-accept-privacy = Ich habe die Datenschutzerklärung (Version { $version }) gelesen und stimme ihr zu.
consent-submit = Zustimmen und weiter
consent-decline = Sie möchten jetzt nicht zustimmen?
consent-required = Bitte setzen Sie dieses Häkchen, um fortzufahren.

## Rechtliche Links (D5)
legal-website = Website des Maklers
legal-version = Version { $version }
legal-settings-title = Rechtliche Links und Zustimmung
legal-settings-lead = Nutzungsvereinbarung, Datenschutzerklärung, Impressum und Website des Maklers je Mandant und Sprache: ein Link auf Ihre eigene Seite oder ein Text, der im Portal angezeigt wird. Ohne beides zeigt das Portal seine eingebaute Seite.
legal-settings-saved = Die rechtlichen Links wurden gespeichert.
legal-settings-published-terms = Eine neue Version der Nutzungsvereinbarung wurde veröffentlicht. Kunden stimmen ihr beim nächsten Seitenaufruf zu.
legal-settings-published-privacy = Eine neue Version der Datenschutzerklärung wurde veröffentlicht. Kunden stimmen ihr beim nächsten Seitenaufruf zu.
legal-settings-tenant = Mandant
legal-settings-language = Sprache
legal-settings-show = Anzeigen
legal-settings-texts = Seiten auf { $language }
legal-settings-texts-hint = Ein Link (https://…) hat Vorrang vor einem Text. Trennen Sie Absätze eines Textes durch eine Leerzeile.
legal-settings-url = Link
legal-settings-text = Text
legal-settings-save = Speichern
legal-settings-versions = Zuzustimmende Versionen
legal-settings-versions-hint = Kunden müssen der aktuellen Nutzungsvereinbarung und Datenschutzerklärung zustimmen, bevor sie das Portal nutzen. Veröffentlichen Sie eine neue Version nach einer Änderung, der Kunden erneut zustimmen müssen.
legal-settings-current-terms = Nutzungsvereinbarung: Version { $version } (0 = keine veröffentlicht).
legal-settings-current-privacy = Datenschutzerklärung: Version { $version } (0 = keine veröffentlicht).
legal-settings-publish-terms = Neue Version der Nutzungsvereinbarung veröffentlichen
legal-settings-publish-privacy = Neue Version der Datenschutzerklärung veröffentlichen
legal-url-invalid = Bitte geben Sie eine vollständige Webadresse ein, die mit https:// oder http:// beginnt.
legal-text-too-long = Der Text darf höchstens 50.000 Zeichen lang sein.

account-two-factor-manage = Zwei-Faktor-Authentifizierung einrichten oder verwalten (Authenticator-App, Wiederherstellungscodes)
