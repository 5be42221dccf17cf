# Delegierte Administration (Issue 9): der eigene Administrator einer
# Organisation verwaltet die Nutzer seiner Organisation im Portal.

nav-org-admin = Benutzerverwaltung
org-admin-title = Nutzer Ihrer Organisation
org-admin-intro = Laden Sie Kolleginnen und Kollegen ein, deaktivieren Sie sie und legen Sie fest, welches Berechtigungsprofil sie haben und was sie sehen. Niemand kann von Ihnen mehr Rechte erhalten, als Sie selbst haben.
org-admin-invite = Kollegin oder Kollegen einladen
org-admin-search-label = Nutzer suchen
org-admin-search = Name oder E-Mail
org-admin-search-button = Suchen
org-admin-count = { $count } Nutzer
org-admin-pages = Seiten
org-admin-none = Keine passenden Nutzer.
org-admin-done-invited = Die Einladung wurde versendet.
org-admin-invite-title = Kollegin oder Kollegen einladen
org-admin-invite-intro = Ihre Kollegin oder Ihr Kollege erhält eine E-Mail mit einem Link, um ein Passwort zu wählen. Angeboten werden nur Profile und Einschränkungen innerhalb Ihrer eigenen Rechte.
org-admin-profile-hint = Angeboten werden nur Berechtigungsprofile, die nicht mehr erlauben als Ihr eigenes.
org-admin-scope-heading = Was Ihre Kollegin oder Ihr Kollege sieht
org-admin-scope-hint = Schränken Sie ein, was Ihre Kollegin oder Ihr Kollege sieht. Wählbar ist nur, was Sie selbst sehen; wo Sie selbst eingeschränkt sind, muss es die andere Person auch sein.
org-admin-list-keep = Aktuelle Auswahl behalten ({ $count })
org-admin-list-matching-objects = Nur die Objekte, die zu dieser Suche passen
org-admin-list-matching-claims = Nur die Schäden, die zu dieser Suche passen
org-admin-list-search = Suchtext
org-admin-list-hint-objects = Zum Beispiel ein Standort, eine Straße, eine Postleitzahl oder eine Versicherungsschein-Nr.; jedes passende Objekt, das Sie sehen, wird gewählt. Leer: jedes Objekt, das Sie sehen.
org-admin-list-hint-claims = Zum Beispiel eine Schadennummer, ein Ort oder eine Postleitzahl; jeder passende Schaden, den Sie sehen, wird gewählt. Leer: jeder Schaden, den Sie sehen.
org-admin-own-entry = Ihr eigenes Berechtigungsprofil und Ihre Einschränkungen legt Ihr Makler fest.
org-admin-denied-profile = Dieses Berechtigungsprofil erlaubt mehr als Ihr eigenes. Es wurde nichts geändert.
org-admin-denied-scope = Mit diesen Einschränkungen wäre mehr zu sehen, als Sie selbst sehen. Es wurde nichts geändert.
org-admin-refused-last-admin = Sie sind der letzte aktive Administrator Ihrer Organisation und können sich nicht selbst deaktivieren. Es wurde nichts geändert.
org-admin-refused-self = Ihr eigenes Berechtigungsprofil und Ihre Einschränkungen legt Ihr Makler fest. Es wurde nichts geändert.
org-admin-summary-lead = Das sieht Ihre Kollegin oder Ihr Kollege mit den gespeicherten Einschränkungen:
org-admin-pick-intro-objects = Suchen Sie unter den Objekten, die Sie selbst sehen, nach Bezeichnung, Adresse, Postleitzahl, Ort, Kennzeichen oder Versicherungsschein-Nummer und fügen Sie einzelne Objekte oder alle Treffer der Suche hinzu (zum Beispiel alle Objekte einer Postleitzahl).
org-admin-pick-intro-claims = Suchen Sie unter den Schäden, die Sie selbst sehen, nach Schadennummer, Ort, Objekt, Postleitzahl oder Versicherungsschein-Nummer und fügen Sie einzelne Schäden oder alle Treffer der Suche hinzu.
