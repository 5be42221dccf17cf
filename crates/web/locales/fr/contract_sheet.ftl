## Contract master sheet, PDF (FEATURES B10)
sheet-download = Télécharger la fiche de contrat (PDF)
sheet-title = Fiche de contrat
sheet-file-name = Fiche-de-contrat-{ $number }.pdf
sheet-organization = Organisation : { $name }
sheet-premium = Prime actuelle
sheet-contacts = Vos interlocuteurs
sheet-office = Votre courtier
sheet-office-hours = Heures d'ouverture : { $name }
sheet-created = Établie le { $date } dans le portail client
sheet-page = Page { $page } sur { $pages }
