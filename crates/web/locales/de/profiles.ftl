# Berechtigungsprofile (D2): die Seiten der Mitarbeitenden, die Bezeichnungen
# des Feldkatalogs, die Zuweisung auf der Benutzerseite und die Vorschau.
nav-profiles = Berechtigungsprofile
function-manage_users = Benutzer verwalten

field-key-customer-bank = Bankverbindung
field-key-contract-insurer = Versicherer
field-key-contract-premium = Beitrag (netto, brutto, Verlauf)
field-key-contract-sum-insured = Versicherungssumme
field-key-contract-deductible = Selbstbehalt
field-key-object-value = Wert
field-key-claim-reserve = Reserve
field-key-claim-paid = Gezahlt
field-key-finance-amount = Betrag

profiles-record-customer = Kunden
profiles-record-contract = Verträge
profiles-record-object = Objekte
profiles-record-claim = Schäden
profiles-record-finance_item = Rechnungen und Gutschriften

profiles-title = Berechtigungsprofile
profiles-intro = Ein Profil legt fest, welche Menübereiche, Funktionen und Felder die Portalbenutzer erhalten, denen es zugewiesen ist. Welche Datensätze sie sehen, bestimmt ihr Sichtbereich.
profiles-filter-label = Profile filtern
profiles-organization = Organisation
profiles-filter-all = Alle (maklerweit und jede Organisation)
profiles-filter = Filtern
profiles-new = Neues Profil
profiles-name = Name
profiles-areas = Menübereiche
profiles-functions = Funktionen
profiles-hidden-count = Ausgeblendete Felder
profiles-users = Benutzer
profiles-broker-wide = Maklerweit
profiles-none = Noch keine Profile.
profiles-done-deleted = Das Profil wurde gelöscht.

profiles-new-title = Neues Berechtigungsprofil
profiles-edit-title = Berechtigungsprofil
profiles-used-by = { $count ->
    [one] Einem Benutzer zugewiesen
   *[other] { $count } Benutzern zugewiesen
}
profiles-functions-hint = Eine Funktion eines ausgeblendeten Menübereichs steht ebenfalls nicht zur Verfügung.
profiles-fields = Felder
profiles-fields-hint = Angehakte Felder werden angezeigt; die übrigen fehlen in Listen, Detailseiten, CSV-Exporten und PDF-Berichten.
profiles-save = Speichern
profiles-create = Profil anlegen
profiles-actions = Weiteres
profiles-preview = Vorschau
profiles-copy = Kopieren
profiles-delete = Löschen
profiles-done-created = Das Profil wurde angelegt.
profiles-done-saved = Das Profil wurde gespeichert. Seine Benutzer erhalten die Änderung mit der nächsten Seite.
profiles-done-copied = Dies ist die Kopie. Benennen und ändern Sie sie nach Bedarf.
profiles-stale = Dieses Profil wurde geändert, seit Sie die Seite geöffnet haben. Es wurde nichts gespeichert; hier sehen Sie den aktuellen Stand.
profiles-refused-in-use = Benutzern ist dieses Profil noch zugewiesen. Weisen Sie ihnen zuerst ein anderes zu; es wurde nichts gelöscht.
profiles-error-name = Geben Sie einen Namen mit höchstens 120 Zeichen ein.
profiles-error-organization = Wählen Sie eine Ihrer Organisationen oder „Maklerweit“.
profiles-copy-name = Kopie von { $name }

profiles-assign-heading = Berechtigungsprofil
profiles-assign-hint = Maklerweite Profile und die der Organisation des Benutzers. Die Änderung gilt ab der nächsten Seite des Benutzers.
profiles-assign = Profil speichern
profiles-done-assigned = Das Berechtigungsprofil wurde gespeichert.
profiles-assign-unknown = Dieses Profil gibt es nicht (mehr). Es wurde nichts geändert.
profiles-assign-other-organization = Dieses Profil gehört zu einer anderen Organisation und kann diesem Benutzer nicht zugewiesen werden. Es wurde nichts geändert.

profiles-preview-title = Profilvorschau
profiles-preview-heading = Was „{ $name }“ sieht
profiles-preview-intro = Das Portal, wie es ein Benutzer der Organisation mit diesem Profil sieht.
profiles-preview-organization = Organisation der Vorschau
profiles-preview-show = Anzeigen
profiles-preview-shown = sichtbar
profiles-preview-hidden = ausgeblendet
profiles-preview-allowed = erlaubt
profiles-preview-not-allowed = nicht erlaubt
profiles-preview-hidden-fields = Ausgeblendete Felder
profiles-preview-no-hidden = Keine: Alle Felder werden angezeigt.
profiles-preview-sample = Beispielvertrag
profiles-preview-no-contracts = Benutzer mit diesem Profil sehen keine Verträge.
profiles-preview-no-sample = Die Organisation hat keinen Vertrag, der gezeigt werden kann.
profiles-error-broker-wide = Maklerweite Profile gelten in allen Mandanten; nur wer alle Mandanten verwaltet, kann sie anlegen. Wählen Sie eine Organisation.
profiles-refused-broker-wide = Maklerweite Profile gelten in allen Mandanten; nur wer alle Mandanten verwaltet, kann sie ändern oder löschen. Es wurde nichts geändert.
profiles-preview-portal = Das Portal mit diesem Profil
profiles-preview-menu = Menü
profiles-preview-lists-intro = Die ersten Einträge jeder Liste, die das Profil zeigt, mit den Spalten des Portals. Die Schaltflächen sind in der Vorschau ohne Funktion.
profiles-preview-no-organization = Keine Organisation, mit der das Portal gezeigt werden kann.
