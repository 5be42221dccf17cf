## Contact page (FEATURES D21)
nav-contact = Kontakt
contact-title = Kontakt
contact-heading = Kontakt zu Ihrem Makler
contact-intro = So erreichen Sie uns und Ihre persönlichen Ansprechpartner.
contact-people = Ihre Ansprechpartner
contact-offices = Ihr Makler
contact-office-hours = Öffnungszeiten
contact-no-offices = Für Ihren Zugang ist noch kein Maklerbüro hinterlegt.
contact-role-account_manager = Betreuer
contact-role-clerk = Sachbearbeiter
contact-role-claims_handler = Schadensachbearbeiter
