## Recherche des collaborateurs (issue 7)
search-title = Recherche
search-label = Rechercher clients, contrats, immatriculations, sinistres
search-submit = Rechercher
search-heading = Recherche
search-too-short = Veuillez saisir au moins { $min } caractères : un nom, un numéro de client, un numéro de police, une immatriculation ou un numéro de sinistre.
search-summary = { $count ->
    [one] Un résultat pour « { $text } »
   *[other] { $count } résultats pour « { $text } »
}
search-nothing = Aucun résultat. Vérifiez l'orthographe ou recherchez un autre numéro.
search-customers = Clients ({ $count })
search-contracts = Contrats ({ $count })
search-objects = Objets assurés ({ $count })
search-claims = Sinistres ({ $count })
search-all-customers = Afficher les { $count } clients
search-all-contracts = Afficher les { $count } contrats
search-all-objects = Afficher les { $count } objets assurés
search-all-claims = Afficher les { $count } sinistres
search-col-customer = Client
search-col-customer-number = Numéro de client
search-col-email = E-mail
search-col-place = Localité
search-col-policy-number = Numéro de police
search-col-line = Branche
search-col-status = Statut
search-col-object = Objet assuré
search-col-plate = Immatriculation
search-col-vin = Numéro de série (VIN)
search-col-claim-number = Numéro de sinistre
search-col-insurer-claim-number = Numéro de sinistre de l'assureur
search-col-date-of-loss = Date du sinistre
