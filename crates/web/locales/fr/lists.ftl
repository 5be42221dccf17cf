## Listes : ce que toutes les listes partagent
list-search-label = Recherche
list-total = { $count ->
    [one] { $count } élément
   *[other] { $count } éléments
}
list-export-csv = Télécharger en CSV
list-empty = Il n'y a encore aucun élément ici.
list-empty-filtered = Aucun résultat. Modifiez la recherche ou les filtres.
filter-reset = Réinitialiser les filtres
filter-range-from = du
filter-range-to = au
filter-invalid-choice = Cette valeur n'existe pas ; le filtre n'a pas été appliqué.
filter-invalid-date = Veuillez saisir une date (p. ex. 31/12/2026) ; le filtre n'a pas été appliqué.
filter-invalid-amount = Veuillez saisir un montant (p. ex. 1 250,00) ; le filtre n'a pas été appliqué.
filter-range-reversed = La fin précède le début ; elle n'a pas été appliquée.
filter-premium = Prime (TTC)
contracts-filter-label = Filtrer les contrats
claims-filter-label = Filtrer les sinistres
objects-filter-label = Filtrer les objets
finances-filter-label = Filtrer les finances
customers-filter-label = Filtrer les clients
documents-filter-label = Filtrer les documents

## Menu
nav-customers = Clients
nav-objects = Objets
nav-claims = Sinistres
nav-documents = Documents
nav-finances = Finances

## Titres des pages
claims-title = Sinistres
objects-title = Objets assurés
finances-title = Finances
customers-title = Clients
documents-title = Documents

## Colonnes
col-claim-type = Type de sinistre
col-reserve = Provision
col-paid = Règlement
col-currency = Devise
col-place = Lieu du sinistre
col-city = Localité
col-plate = Immatriculation
col-street = Rue
col-postal-code = Code postal
col-finance-number = Numéro
col-issued = Date d'émission
col-due = Échéance
col-amount = Montant
col-payment-state = État du paiement
col-paid-on = Payé le
col-customer-number = Numéro de client
col-contracts = Contrats
col-document = Document
col-document-type = Type de document
col-context = Se rapporte à
col-context-kind = Domaine
col-received = Reçu le
col-file-name = Nom du fichier
col-size = Taille (octets)
claim-without-number = (sans numéro)
finance-open = ouvert
finance-paid = payé
documents-only-new = Nouveaux uniquement
documents-new = nouveau

## À quoi un document se rapporte
document-context-customer = Client
document-context-contract = Contrat
document-context-object = Objet
document-context-claim = Sinistre
document-context-finance = Avis ou avoir

## Noms des fichiers téléchargés (lettres, chiffres et tirets uniquement)
file-contracts = contrats
file-claims = sinistres
file-objects = objets
file-finances = finances
file-customers = clients
file-documents = documents

## Types de sinistre (kp_domain::ClaimType)
claim-type-water = Dégât des eaux
claim-type-storm = Tempête/grêle
claim-type-fire = Incendie
claim-type-burglary = Cambriolage
claim-type-theft = Vol
claim-type-glass = Bris de glace
claim-type-collision = Accident/collision
claim-type-liability = Responsabilité civile
claim-type-machine_breakdown = Bris de machine
claim-type-transport_damage = Dommage en cours de transport
claim-type-natural_hazard = Catastrophe naturelle
claim-type-personal_injury = Dommage corporel
claim-type-other = Autre sinistre

## Types de document (kp_domain::DocumentType)
document-type-policy = Police d'assurance
document-type-offer = Proposition
document-type-invoice = Avis d'échéance
document-type-dunning = Relance
document-type-certificate = Certificat
document-type-claim_letter = Correspondance sinistre
document-type-claim_report = Déclaration de sinistre
document-type-claim_photo = Photo du sinistre
document-type-expert_report = Rapport d'expertise
document-type-correspondence = Correspondance
document-type-other = Autre document

# Staff-only list columns (back office id, tenant)
col-external-id = Identifiant de gestion
col-tenant = Entité
