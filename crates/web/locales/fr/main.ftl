skip-to-content = Aller au contenu
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
error-400-title = Requête incompréhensible
error-400-message = La requête contenait des données qui ne peuvent pas être traitées. Veuillez recharger la page et réessayer.
error-408-title = Délai dépassé
error-408-message = Le traitement a pris trop de temps. Veuillez réessayer.
error-409-title = Les données ont changé entre-temps
error-409-message = Votre modification ne correspond plus aux données enregistrées. Veuillez recharger la page et vérifier vos saisies.
error-413-title = Requête trop volumineuse
error-413-message = Les données envoyées dépassent la taille autorisée. Veuillez envoyer moins de données ou des fichiers plus petits.
error-422-title = Saisie incomplète ou invalide
error-422-message = Certaines saisies n'ont pas pu être acceptées. Veuillez revenir en arrière et vérifier le formulaire.
error-429-title = Trop de requêtes
error-429-message = Veuillez patienter un instant, puis réessayer.
error-503-title = Temporairement indisponible
error-503-message = Le portail est très sollicité en ce moment. Veuillez réessayer dans quelques secondes.
form-required = Veuillez remplir ce champ.
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

## Contract types (kp_domain::ContractType; glossary: Vertragsart)
contract-type-individual = Contrat individuel
contract-type-framework = Contrat-cadre
contract-type-fleet = Contrat flotte
contract-type-open_cover = Police d'abonnement

## Contract status (kp_domain::ContractStatus; glossary: Vertragsstatus)
contract-status-offer = Offre
contract-status-active = En vigueur
contract-status-suspended = Suspendu
contract-status-cancelled = Résilié
contract-status-expired = Expiré

## Payment frequency (kp_domain::PaymentFrequency; glossary: Zahlungsweise)
payment-frequency-monthly = Mensuel
payment-frequency-quarterly = Trimestriel
payment-frequency-half_yearly = Semestriel
payment-frequency-yearly = Annuel
payment-frequency-single = Prime unique

## Claim status (kp_domain::ClaimStatus; glossary: Schaden)
claim-status-reported = Déclaré
claim-status-in_review = En cours d'examen
claim-status-accepted = Pris en charge
claim-status-settled = Réglé
claim-status-rejected = Refusé
claim-status-closed = Clôturé

## Kinds of insured object / risk (kp_domain::ObjectKind)
object-kind-building = Bâtiment
object-kind-vehicle = Véhicule
object-kind-location = Site
object-kind-machine = Machine
object-kind-person = Personne
object-kind-goods = Marchandises
object-kind-other = Autre

## Customer kinds (kp_domain::CustomerKind)
customer-kind-person = Particulier
customer-kind-company = Entreprise

## Finance item kinds (kp_domain::FinanceKind; glossary: Beitragsrechnung, Mahnung)
finance-kind-invoice = Avis d'échéance
finance-kind-credit = Avoir
finance-kind-dunning = Relance

## Portal user status (kp_domain::PortalUserStatus)
portal-user-status-invited = Invité
portal-user-status-active = Actif
portal-user-status-inactive = Inactif

## Menu areas a permission profile can show or hide (kp_domain::MenuArea); short menu labels
area-contracts = Contrats
area-objects = Objets/Risques
area-claims = Sinistres
area-documents = Documents
area-finances = Finances
area-messages = Messages
area-reports = Rapports
area-certificates = Certificats d'assurance
area-administration = Administration

## Functions a permission profile can enable (kp_domain::Function); short action names
function-report_claim = Déclarer un sinistre
function-upload_document = Déposer un document
function-change_request = Demander une modification
function-send_message = Envoyer un message
function-appointment_request = Demander un rendez-vous
function-issue_certificate = Émettre un certificat d'assurance
function-download_reports = Télécharger les rapports
function-export_data = Exporter les données

## Contrats (liste et page du contrat)
nav-contracts = Contrats
contracts-title = Contrats
filter-all = Tous
filter-submit = Afficher
contracts-back = Retour aux contrats
col-policy-number = Numéro de police
col-customer = Client
col-insurer = Assureur
col-line = Branche
col-status = Statut
col-start = Date d'effet
col-premium = Prime (TTC)
pager-label = Pages
pager-previous = Page précédente
pager-next = Page suivante
pager-position = Page { $page } sur { $pages }
contract-title = Contrat
contract-heading = Contrat { $number }
data-as-of = Données au { $date }
contract-data = Données du contrat
field-contract-type = Type de contrat
field-description = Description
field-end = Échéance finale
field-main-due-date = Échéance principale
field-payment-frequency = Périodicité de paiement
field-premium-net = Prime (HT)
field-premium-gross = Prime (TTC)
field-sum-insured = Somme assurée
field-deductible = Franchise
contract-objects = Objets / risques assurés
contract-no-objects = Aucun objet n'est enregistré pour ce contrat.
col-object = Objet
col-kind = Type
col-site = Site
contract-claims = Sinistres
contract-no-claims = Aucun sinistre n'est enregistré pour ce contrat.
col-claim-number = Numéro de sinistre
col-date-of-loss = Date du sinistre
