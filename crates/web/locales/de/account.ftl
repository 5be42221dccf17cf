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
