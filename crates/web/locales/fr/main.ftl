skip-to-content = Aller au contenu
impersonation-banner = Vous consultez le portail en tant que { $name }. Chaque action est journalisée.
logout = Se déconnecter
nav-label = Navigation principale
nav-home = Aperçu
nav-staff-home = Espace de travail
language-label = Choisir la langue
language-name-de = Allemand
language-name-en = Anglais
language-name-fr = Français
language-name-es = Espagnol
footer-label = Informations légales
legal-imprint = Mentions légales
legal-privacy = Politique de confidentialité
legal-terms = Conditions d'utilisation
legal-imprint-text = Le courtier en assurances indiqué ci-dessus est responsable du contenu de ce portail client.
legal-privacy-text = Vos données sont traitées uniquement pour la gestion de vos contrats d'assurance. Les messages et documents restent dans le portail ; les e-mails vous signalent seulement qu'un nouveau contenu vous attend.
legal-terms-text = Le portail est mis à la disposition des clients du courtier pour la gestion de leurs assurances. Les identifiants sont personnels et ne doivent pas être partagés.
contact-phone = Téléphone
contact-email = E-mail
login-title = Connexion
login-intro = Connectez-vous avec votre adresse e-mail et votre mot de passe.
login-email = Adresse e-mail
login-password = Mot de passe
login-submit = Se connecter
login-failed = L'adresse e-mail ou le mot de passe est incorrect.
login-too-many = Trop de tentatives de connexion échouées. Veuillez réessayer { $count ->
        [one] dans une minute
       *[other] dans { $count } minutes
    } au plus tard.
login-busy = La connexion est surchargée en ce moment. Veuillez réessayer dans quelques secondes.
home-title = Aperçu
home-greeting = Bienvenue, { $name }
home-customer-intro = L'essentiel de vos assurances en un coup d'œil.
home-staff-intro = Connecté en tant que { $role }. Votre portefeuille en un coup d'œil :
home-overview = Aperçu
home-customers-in-scope = Vous voyez les données de { $count } clients.
count-contracts = { $count ->
    [one] contrat
   *[other] contrats
}
count-objects = { $count ->
    [one] objet assuré
   *[other] objets assurés
}
count-claims = { $count ->
    [one] sinistre
   *[other] sinistres
}
count-open-claims = { $count ->
    [one] sinistre en cours
   *[other] sinistres en cours
}
count-documents = { $count ->
    [one] document
   *[other] documents
}
count-open-invoices = { $count ->
    [one] avis d'échéance ouvert
   *[other] avis d'échéance ouverts
}
count-customers = { $count ->
    [one] client
   *[other] clients
}
role-admin = administrateur
role-clerk = gestionnaire
role-account_manager = chargé de clientèle
error-404-title = Page introuvable
error-404-message = La page demandée n'existe pas ou ne vous est pas accessible.
error-403-title = Action impossible
error-403-message = Le formulaire a expiré ou l'action n'est pas autorisée. Veuillez recharger la page et réessayer.
error-500-title = Une erreur est survenue
error-500-message = Une erreur inattendue s'est produite. Veuillez réessayer plus tard.
error-request-id = Référence
error-back-home = Retour à l'accueil
lob-life = Vie
lob-health = Santé
lob-accident = Accident
lob-personal_liability = Responsabilité civile privée
lob-general_liability = Responsabilité civile entreprise
lob-motor = Automobile
lob-motor_fleet = Flotte automobile
lob-legal_expenses = Protection juridique
lob-fire = Incendie
lob-glass = Bris de glace
lob-household_contents = Contenu du logement
lob-residential_building = Bâtiment d'habitation
lob-cargo = Transport de marchandises
lob-engineering = Assurances techniques
lob-commercial_contents = Contenu professionnel
