## Suchfeld für Mitarbeiter (Issue 7)
search-title = Suche
search-label = Kunden, Verträge, Kennzeichen, Schäden suchen
search-submit = Suchen
search-heading = Suche
search-too-short = Bitte geben Sie mindestens { $min } Zeichen ein: einen Namen, eine Kundennummer, Versicherungsschein-Nr., ein Kennzeichen oder eine Schaden-Nr.
search-summary = { $count ->
    [one] Ein Treffer für „{ $text }“
   *[other] { $count } Treffer für „{ $text }“
}
search-nothing = Nichts gefunden. Prüfen Sie die Schreibweise oder suchen Sie nach einer anderen Nummer.
search-customers = Kunden ({ $count })
search-contracts = Verträge ({ $count })
search-objects = Versicherte Objekte ({ $count })
search-claims = Schäden ({ $count })
search-all-customers = Alle { $count } Kunden anzeigen
search-all-contracts = Alle { $count } Verträge anzeigen
search-all-objects = Alle { $count } versicherten Objekte anzeigen
search-all-claims = Alle { $count } Schäden anzeigen
search-col-customer = Kunde
search-col-customer-number = Kundennummer
search-col-email = E-Mail
search-col-place = Ort
search-col-policy-number = Versicherungsschein-Nr.
search-col-line = Sparte
search-col-status = Status
search-col-object = Versichertes Objekt
search-col-plate = Kennzeichen
search-col-vin = Fahrgestellnummer (FIN)
search-col-claim-number = Schaden-Nr.
search-col-insurer-claim-number = Schaden-Nr. des Versicherers
search-col-date-of-loss = Schadendatum
