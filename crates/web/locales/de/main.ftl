skip-to-content = Zum Inhalt springen
logout = Abmelden
nav-label = Hauptnavigation
nav-home = Übersicht
nav-staff-home = Arbeitsplatz
language-label = Sprache wählen
language-name-de = Deutsch
language-name-en = Englisch
language-name-fr = Französisch
language-name-es = Spanisch
footer-label = Rechtliches
legal-imprint = Impressum
legal-privacy = Datenschutzerklärung
legal-terms = Nutzungsvereinbarung
legal-imprint-text = Verantwortlich für den Inhalt dieses Kundenportals ist der oben genannte Versicherungsmakler.
legal-privacy-text = Ihre Daten werden ausschließlich zur Betreuung Ihrer Versicherungsverträge verarbeitet. Nachrichten und Dokumente bleiben im Portal; E-Mails enthalten nur einen Hinweis auf neue Inhalte.
legal-terms-text = Das Portal steht Kundinnen und Kunden des Maklers für die Verwaltung ihrer Versicherungen zur Verfügung. Zugangsdaten sind persönlich und dürfen nicht weitergegeben werden.
contact-phone = Telefon
contact-email = E-Mail
login-title = Anmelden
login-intro = Melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an.
login-email = E-Mail-Adresse
login-password = Passwort
login-submit = Anmelden
login-failed = E-Mail-Adresse oder Passwort ist falsch.
login-too-many = Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es { $count ->
        [one] in spätestens einer Minute
       *[other] in spätestens { $count } Minuten
    } erneut.
login-busy = Die Anmeldung ist gerade überlastet. Bitte versuchen Sie es in einigen Sekunden erneut.
home-title = Übersicht
home-greeting = Willkommen, { $name }
home-customer-intro = Hier sehen Sie auf einen Blick, was zu Ihren Versicherungen vorliegt.
home-staff-intro = Angemeldet als { $role }. Ihr Bestand im Überblick:
home-overview = Überblick
home-customers-in-scope = Sie sehen die Daten von { $count } Kunden.
count-contracts = { $count ->
    [one] Vertrag
   *[other] Verträge
}
count-objects = { $count ->
    [one] versichertes Objekt
   *[other] versicherte Objekte
}
count-claims = { $count ->
    [one] Schaden
   *[other] Schäden
}
count-open-claims = { $count ->
    [one] offener Schaden
   *[other] offene Schäden
}
count-documents = { $count ->
    [one] Dokument
   *[other] Dokumente
}
count-open-invoices = { $count ->
    [one] offene Rechnung
   *[other] offene Rechnungen
}
count-customers = { $count ->
    [one] Kunde
   *[other] Kunden
}
role-admin = Administrator
role-clerk = Sachbearbeiter
role-account_manager = Betreuer
error-404-title = Seite nicht gefunden
error-404-message = Die aufgerufene Seite gibt es nicht oder sie ist für Sie nicht sichtbar.
error-403-title = Aktion nicht möglich
error-403-message = Das Formular ist abgelaufen oder die Aktion ist nicht erlaubt. Bitte laden Sie die Seite neu und versuchen Sie es erneut.
error-500-title = Ein Fehler ist aufgetreten
error-500-message = Bei der Bearbeitung ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es später erneut.
error-400-title = Anfrage nicht verständlich
error-400-message = Die Anfrage enthielt Angaben, die nicht verarbeitet werden können. Bitte laden Sie die Seite neu und versuchen Sie es erneut.
error-408-title = Zeitüberschreitung
error-408-message = Die Bearbeitung hat zu lange gedauert. Bitte versuchen Sie es erneut.
error-409-title = Daten wurden zwischenzeitlich geändert
error-409-message = Ihre Änderung passt nicht mehr zum gespeicherten Stand. Bitte laden Sie die Seite neu und prüfen Sie die Angaben.
error-413-title = Anfrage zu groß
error-413-message = Die gesendeten Daten überschreiten die zulässige Größe. Bitte senden Sie weniger oder kleinere Daten.
error-422-title = Angaben unvollständig oder ungültig
error-422-message = Einige Angaben konnten nicht übernommen werden. Bitte gehen Sie zurück und prüfen Sie das Formular.
error-429-title = Zu viele Anfragen
error-429-message = Bitte warten Sie einen Moment und versuchen Sie es dann erneut.
error-503-title = Vorübergehend nicht verfügbar
error-503-message = Das Portal ist gerade stark ausgelastet. Bitte versuchen Sie es in einigen Sekunden erneut.
form-required = Bitte füllen Sie dieses Feld aus.
error-request-id = Vorgangsnummer
error-back-home = Zur Startseite
lob-life = Leben
lob-health = Kranken
lob-accident = Unfall
lob-personal_liability = Privathaftpflicht
lob-general_liability = Betriebshaftpflicht
lob-motor = Kfz
lob-motor_fleet = Kfz-Flotte
lob-legal_expenses = Rechtsschutz
lob-fire = Feuer
lob-glass = Glas
lob-household_contents = Hausrat
lob-residential_building = Wohngebäude
lob-cargo = Transport / Waren
lob-engineering = Technische Versicherungen
lob-commercial_contents = Inhalt / Gewerbe

## Contract types (kp_domain::ContractType; glossary: Vertragsart)
contract-type-individual = Einzelvertrag
contract-type-framework = Rahmenvertrag
contract-type-fleet = Flottenvertrag
contract-type-open_cover = Generalpolice

## Contract status (kp_domain::ContractStatus; glossary: Vertragsstatus)
contract-status-offer = Angebot
contract-status-active = Aktiv
contract-status-suspended = Ruhend
contract-status-cancelled = Gekündigt
contract-status-expired = Abgelaufen

## Payment frequency (kp_domain::PaymentFrequency; glossary: Zahlungsweise)
payment-frequency-monthly = Monatlich
payment-frequency-quarterly = Vierteljährlich
payment-frequency-half_yearly = Halbjährlich
payment-frequency-yearly = Jährlich
payment-frequency-single = Einmalbeitrag

## Claim status (kp_domain::ClaimStatus; glossary: Schaden)
claim-status-reported = Gemeldet
claim-status-in_review = In Prüfung
claim-status-accepted = Anerkannt
claim-status-settled = Reguliert
claim-status-rejected = Abgelehnt
claim-status-closed = Abgeschlossen

## Kinds of insured object / risk (kp_domain::ObjectKind)
object-kind-building = Gebäude
object-kind-vehicle = Fahrzeug
object-kind-location = Standort
object-kind-machine = Maschine
object-kind-person = Person
object-kind-goods = Waren
object-kind-other = Sonstiges

## Customer kinds (kp_domain::CustomerKind)
customer-kind-person = Privatperson
customer-kind-company = Unternehmen

## Finance item kinds (kp_domain::FinanceKind; glossary: Beitragsrechnung, Mahnung)
finance-kind-invoice = Beitragsrechnung
finance-kind-credit = Gutschrift
finance-kind-dunning = Mahnung

## Portal user status (kp_domain::PortalUserStatus)
portal-user-status-invited = Eingeladen
portal-user-status-active = Aktiv
portal-user-status-inactive = Inaktiv

## Menu areas a permission profile can show or hide (kp_domain::MenuArea); short menu labels
area-contracts = Verträge
area-objects = Objekte/Risiken
area-claims = Schäden
area-documents = Dokumente
area-finances = Finanzen
area-messages = Nachrichten
area-reports = Auswertungen
area-certificates = Zertifikate
area-administration = Verwaltung

## Functions a permission profile can enable (kp_domain::Function); short action names
function-report_claim = Schaden melden
function-upload_document = Dokument hochladen
function-change_request = Änderung mitteilen
function-send_message = Nachricht senden
function-appointment_request = Termin anfragen
function-issue_certificate = Zertifikat ausstellen
function-download_reports = Berichte herunterladen
function-export_data = Daten exportieren

## Verträge (Liste und Vertragsseite)
nav-contracts = Verträge
contracts-title = Verträge
filter-all = Alle
filter-submit = Anzeigen
contracts-back = Zurück zu den Verträgen
col-policy-number = Versicherungsschein-Nr.
col-customer = Kunde
col-insurer = Versicherer
col-line = Sparte
col-status = Status
col-start = Beginn
col-premium = Beitrag (brutto)
pager-label = Seiten
pager-previous = Vorherige Seite
pager-next = Nächste Seite
pager-position = Seite { $page } von { $pages }
contract-title = Vertrag
contract-heading = Vertrag { $number }
data-as-of = Datenstand: { $date }
contract-data = Vertragsdaten
field-contract-type = Vertragsart
field-description = Beschreibung
field-end = Ablauf
field-main-due-date = Hauptfälligkeit
field-payment-frequency = Zahlungsweise
field-premium-net = Beitrag (netto)
field-premium-gross = Beitrag (brutto)
field-sum-insured = Versicherungssumme
field-deductible = Selbstbeteiligung
contract-objects = Versicherte Objekte / Risiken
contract-no-objects = Zu diesem Vertrag sind keine Objekte erfasst.
col-object = Objekt
col-kind = Art
col-site = Standort
contract-claims = Schäden
contract-no-claims = Zu diesem Vertrag sind keine Schäden erfasst.
col-claim-number = Schaden-Nr.
col-date-of-loss = Schadendatum
