## Pages de détail : sinistre, objet assuré, client, et les compléments de
## la page du contrat (co-preneurs, écritures, documents, interlocuteurs)

## Communs aux pages de détail
details-external-id = Identifiant de gestion
details-created-at = Créé le
details-documents = Documents
details-col-document = Document
details-col-file = Fichier
details-col-received = Reçu le
details-col-download = Télécharger
details-size-kb = { $count } Ko
details-download = Télécharger
details-download-named = Télécharger { $name }
details-no-documents = Aucun document n'est classé ici.
details-contacts = Vos interlocuteurs chez le courtier
details-contacts-staff = Responsables chez le courtier
details-role-account_manager = Chargé de clientèle
details-role-clerk = Gestionnaire
details-role-claims_handler = Gestionnaire sinistres
details-no-contacts = Aucun interlocuteur n'est encore désigné.

## Page du sinistre
claim-title = Sinistre
claim-heading = Sinistre { $number }
claim-back-to-contract = Retour au contrat { $number }
claim-data = Données du sinistre
claim-broker-number = Numéro de sinistre du courtier
claim-insurer-number = Numéro de sinistre de l'assureur
claim-reported-on = Déclaré le
claim-place = Lieu du sinistre
claim-type = Type de sinistre
claim-cause = Cause
claim-reserve = Provision
claim-paid = Réglé
claim-timeline = Historique du statut
claim-no-history = Aucun changement de statut n'est encore enregistré.

## Page d'un objet assuré
object-title = Objet assuré
object-back-to-contract = Retour au contrat { $number }
object-data = Données de l'objet
object-address = Adresse
object-plate = Immatriculation
object-vin = Numéro d'identification du véhicule (VIN)
object-make-model = Marque et modèle
object-first-registration-year = Année de fabrication
object-manufacturer = Fabricant
object-model = Modèle
object-serial-number = Numéro de série
object-year-built = Année de fabrication
object-construction-year = Année de construction
object-value = Valeur assurée
object-no-claims = Aucun sinistre n'est enregistré pour cet objet.

## Page du client
customer-title = Client
customer-number-value = Numéro client { $number }
customer-data = Données de base
customer-number = Numéro client
customer-kind = Type de client
customer-name = Nom
customer-birth-date = Date de naissance
customer-company = Société
customer-address = Adresse
customer-email = E-mail
customer-phone = Téléphone
customer-iban = IBAN
customer-bic = BIC
customer-account-holder = Titulaire du compte
customer-contracts = Contrats
customer-col-role = Rôle
customer-role-policyholder = Preneur d'assurance
customer-role-co-insured = Co-preneur d'assurance
customer-no-contracts = Aucun contrat n'est enregistré pour ce client.

## Compléments de la page du contrat
contract-policyholder = Preneur d'assurance
contract-co-insured = Co-preneurs d'assurance
contract-finance-items = Factures et paiements
contract-no-finance-items = Aucune facture n'est enregistrée pour ce contrat.
contract-finance-col-number = Numéro
contract-finance-col-issued = Émis le
contract-finance-col-due = Échéance
contract-finance-col-amount = Montant
contract-finance-col-paid = Paiement
contract-finance-paid-on = Payé le { $date }
contract-finance-paid = Payé
contract-finance-open = En attente
