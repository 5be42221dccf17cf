## Contract master sheet, PDF (FEATURES B10)
sheet-download = Vertragsstammblatt herunterladen (PDF)
sheet-title = Vertragsstammblatt
sheet-file-name = Vertragsstammblatt-{ $number }.pdf
sheet-organization = Organisation: { $name }
sheet-premium = Aktueller Beitrag
sheet-contacts = Ihre Ansprechpartner
sheet-office = Ihr Makler
sheet-office-hours = Öffnungszeiten: { $name }
sheet-created = Erstellt am { $date } im Kundenportal
sheet-page = Seite { $page } von { $pages }
