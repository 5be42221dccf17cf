## Listen: was alle Listen teilen
list-search-label = Suche
list-total = { $count ->
    [one] { $count } Eintrag
   *[other] { $count } Einträge
}
list-export-csv = Als CSV herunterladen
list-empty = Hier gibt es noch keine Einträge.
list-empty-filtered = Nichts gefunden. Ändern Sie die Suche oder die Filter.
filter-reset = Filter zurücksetzen
filter-range-from = von
filter-range-to = bis
filter-invalid-choice = Diesen Wert gibt es nicht; der Filter wurde nicht angewendet.
filter-invalid-date = Bitte ein Datum eingeben (z. B. 31.12.2026); der Filter wurde nicht angewendet.
filter-invalid-amount = Bitte einen Betrag eingeben (z. B. 1.250,00); der Filter wurde nicht angewendet.
filter-range-reversed = Das Ende liegt vor dem Anfang; es wurde nicht angewendet.
filter-premium = Beitrag (brutto)
contracts-filter-label = Verträge filtern
claims-filter-label = Schäden filtern
objects-filter-label = Objekte filtern
finances-filter-label = Finanzen filtern
customers-filter-label = Kunden filtern
documents-filter-label = Dokumente filtern

## Menü
nav-customers = Kunden
nav-objects = Objekte
nav-claims = Schäden
nav-documents = Dokumente
nav-finances = Finanzen

## Seitentitel
claims-title = Schäden
objects-title = Versicherte Objekte
finances-title = Finanzen
customers-title = Kunden
documents-title = Dokumente

## Spalten
col-claim-type = Schadenart
col-reserve = Reserve
col-paid = Zahlung
col-currency = Währung
col-place = Schadenort
col-city = Ort
col-plate = Kennzeichen
col-street = Straße
col-postal-code = PLZ
col-finance-number = Beleg-Nr.
col-issued = Belegdatum
col-due = Fällig am
col-amount = Betrag
col-payment-state = Zahlungsstand
col-paid-on = Bezahlt am
col-customer-number = Kundennummer
col-contracts = Verträge
col-document = Dokument
col-document-type = Dokumentart
col-context = Zugehörig zu
col-context-kind = Bereich
col-received = Eingegangen
col-file-name = Dateiname
col-size = Größe (Bytes)
claim-without-number = (ohne Nummer)
finance-open = offen
finance-paid = bezahlt
documents-only-new = Nur neue
documents-new = neu

## Wozu ein Dokument gehört
document-context-customer = Kunde
document-context-contract = Vertrag
document-context-object = Objekt
document-context-claim = Schaden
document-context-finance = Beleg

## Dateinamen von Downloads (nur Buchstaben, Ziffern und Bindestriche)
file-contracts = vertraege
file-claims = schaeden
file-objects = objekte
file-finances = finanzen
file-customers = kunden
file-documents = dokumente

## Schadenarten (kp_domain::ClaimType)
claim-type-water = Leitungswasser
claim-type-storm = Sturm/Hagel
claim-type-fire = Feuer
claim-type-burglary = Einbruchdiebstahl
claim-type-theft = Diebstahl
claim-type-glass = Glasbruch
claim-type-collision = Unfall/Kollision
claim-type-liability = Haftpflicht
claim-type-machine_breakdown = Maschinenbruch
claim-type-transport_damage = Transportschaden
claim-type-natural_hazard = Elementarschaden
claim-type-personal_injury = Personenschaden
claim-type-other = Sonstiger Schaden

## Dokumentarten (kp_domain::DocumentType)
document-type-policy = Versicherungsschein
document-type-offer = Angebot
document-type-invoice = Beitragsrechnung
document-type-dunning = Mahnung
document-type-certificate = Zertifikat
document-type-claim_letter = Schadenkorrespondenz
document-type-claim_report = Schadenmeldung
document-type-claim_photo = Schadenfoto
document-type-expert_report = Gutachten
document-type-correspondence = Schriftverkehr
document-type-other = Sonstiges Dokument

# Staff-only list columns (back office id, tenant)
col-external-id = ID im Bestandssystem
col-tenant = Mandant
