## Contract master sheet, PDF (FEATURES B10)
sheet-download = Download contract master sheet (PDF)
sheet-title = Contract master sheet
sheet-file-name = Contract-master-sheet-{ $number }.pdf
sheet-organization = Organization: { $name }
sheet-premium = Current premium
sheet-contacts = Your contacts
sheet-office = Your broker
sheet-office-hours = Office hours: { $name }
sheet-created = Created on { $date } in the customer portal
sheet-page = Page { $page } of { $pages }
