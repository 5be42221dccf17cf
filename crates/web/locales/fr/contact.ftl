## Contact page (FEATURES D21)
nav-contact = Contact
contact-title = Contact
contact-heading = Contacter votre courtier
contact-intro = Comment nous joindre, ainsi que vos interlocuteurs personnels.
contact-people = Vos interlocuteurs
contact-offices = Votre courtier
contact-office-hours = Heures d'ouverture
contact-no-offices = Aucune entité du courtier n'est encore associée à votre accès.
contact-role-account_manager = Chargé de clientèle
contact-role-clerk = Gestionnaire
contact-role-claims_handler = Gestionnaire sinistres
