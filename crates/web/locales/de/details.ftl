## Detailseiten: Schaden, versichertes Objekt, Kunde, und die Ergänzungen
## der Vertragsseite (Mitversicherungsnehmer, Finanzposten, Dokumente,
## Gemeinsam für die Detailseiten
details-external-id = ID im Bestandssystem
details-created-at = Angelegt am
details-documents = Dokumente
details-col-document = Dokument
details-col-file = Datei
details-col-received = Eingegangen am
details-col-download = Herunterladen
details-size-kb = { $count } KB
details-download = Herunterladen
details-download-named = { $name } herunterladen
details-no-documents = Hier sind keine Dokumente abgelegt.
details-contacts = Ihre Ansprechpartner beim Makler
details-contacts-staff = Zuständig beim Makler
details-role-account_manager = Betreuer
details-role-clerk = Sachbearbeiter
details-role-claims_handler = Schadensachbearbeiter
details-no-contacts = Es ist noch kein Ansprechpartner zugeordnet.

## Schadenseite
claim-title = Schaden
claim-heading = Schaden { $number }
claim-back-to-contract = Zurück zum Vertrag { $number }
claim-data = Schadendaten
claim-broker-number = Schadennummer des Maklers
claim-insurer-number = Schadennummer des Versicherers
claim-reported-on = Gemeldet am
claim-place = Schadenort
claim-type = Schadenart
claim-cause = Ursache
claim-reserve = Reserve
claim-paid = Gezahlt
claim-timeline = Statusverlauf
claim-no-history = Es sind noch keine Statusänderungen erfasst.

## Seite eines versicherten Objekts
object-title = Versichertes Objekt
object-back-to-contract = Zurück zum Vertrag { $number }
object-data = Objektdaten
object-address = Anschrift
object-plate = Kennzeichen
object-vin = Fahrzeug-Identifizierungsnummer (FIN)
object-make-model = Hersteller und Typ
object-first-registration-year = Baujahr
object-manufacturer = Hersteller
object-model = Typ
object-serial-number = Seriennummer
object-year-built = Baujahr
object-construction-year = Baujahr
object-value = Versicherungswert
object-no-claims = Für dieses Objekt sind keine Schäden erfasst.

## Kundenseite
customer-title = Kunde
customer-number-value = Kundennummer { $number }
customer-data = Stammdaten
customer-number = Kundennummer
customer-kind = Kundenart
customer-name = Name
customer-birth-date = Geburtsdatum
customer-company = Firma
customer-address = Anschrift
customer-email = E-Mail
customer-phone = Telefon
customer-iban = IBAN
customer-bic = BIC
customer-account-holder = Kontoinhaber
customer-contracts = Verträge
customer-col-role = Rolle
customer-role-policyholder = Versicherungsnehmer
customer-role-co-insured = Mitversicherungsnehmer
customer-no-contracts = Für diesen Kunden sind keine Verträge erfasst.

## Ergänzungen der Vertragsseite
contract-policyholder = Versicherungsnehmer
contract-co-insured = Mitversicherungsnehmer
contract-finance-items = Rechnungen und Zahlungen
contract-no-finance-items = Für diesen Vertrag sind keine Rechnungen erfasst.
contract-finance-col-number = Nummer
contract-finance-col-issued = Ausgestellt am
contract-finance-col-due = Fällig am
contract-finance-col-amount = Betrag
contract-finance-col-paid = Zahlung
contract-finance-paid-on = Bezahlt am { $date }
contract-finance-paid = Bezahlt
contract-finance-open = Offen
