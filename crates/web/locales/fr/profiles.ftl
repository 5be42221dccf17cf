# Profils d'autorisation (D2) : les pages du personnel, les libellés du
# catalogue des champs, l'attribution sur la page utilisateur et l'aperçu.
nav-profiles = Profils d'autorisation
function-manage_users = Gérer les utilisateurs

field-key-customer-bank = Coordonnées bancaires
field-key-contract-insurer = Assureur
field-key-contract-premium = Prime (nette, brute, historique)
field-key-contract-sum-insured = Somme assurée
field-key-contract-deductible = Franchise
field-key-object-value = Valeur
field-key-claim-reserve = Réserve
field-key-claim-paid = Montant payé
field-key-finance-amount = Montant

profiles-record-customer = Clients
profiles-record-contract = Contrats
profiles-record-object = Objets
profiles-record-claim = Sinistres
profiles-record-finance_item = Factures et avoirs

profiles-title = Profils d'autorisation
profiles-intro = Un profil détermine les rubriques du menu, les fonctions et les champs dont disposent les utilisateurs du portail qui l'ont. Les données qu'ils voient dépendent de leur périmètre.
profiles-filter-label = Filtrer les profils
profiles-organization = Organisation
profiles-filter-all = Tous (courtier et chaque organisation)
profiles-filter = Filtrer
profiles-new = Nouveau profil
profiles-name = Nom
profiles-areas = Rubriques du menu
profiles-functions = Fonctions
profiles-hidden-count = Champs masqués
profiles-users = Utilisateurs
profiles-broker-wide = Tout le courtier
profiles-none = Aucun profil pour l'instant.
profiles-done-deleted = Le profil a été supprimé.

profiles-new-title = Nouveau profil d'autorisation
profiles-edit-title = Profil d'autorisation
profiles-used-by = { $count ->
    [one] Attribué à un utilisateur
   *[other] Attribué à { $count } utilisateurs
}
profiles-functions-hint = Une fonction d'une rubrique masquée n'est pas disponible non plus.
profiles-fields = Champs
profiles-fields-hint = Les champs cochés sont affichés ; les autres sont absents des listes, des pages, des exports CSV et des rapports PDF.
profiles-save = Enregistrer
profiles-create = Créer le profil
profiles-actions = Autres actions
profiles-preview = Aperçu
profiles-copy = Copier
profiles-delete = Supprimer
profiles-done-created = Le profil a été créé.
profiles-done-saved = Le profil a été enregistré. Ses utilisateurs ont la modification dès leur prochaine page.
profiles-done-copied = Voici la copie. Renommez-la et modifiez-la si besoin.
profiles-stale = Ce profil a été modifié depuis l'ouverture de la page. Rien n'a été enregistré ; le voici dans son état actuel.
profiles-refused-in-use = Des utilisateurs ont encore ce profil. Attribuez-leur d'abord un autre profil ; rien n'a été supprimé.
profiles-error-name = Saisissez un nom de 120 caractères au plus.
profiles-error-organization = Choisissez une de vos organisations ou « Tout le courtier ».
profiles-copy-name = Copie de { $name }

profiles-assign-heading = Profil d'autorisation
profiles-assign-hint = Profils de tout le courtier et ceux de l'organisation de l'utilisateur. La modification s'applique dès la prochaine page de l'utilisateur.
profiles-assign = Enregistrer le profil
profiles-done-assigned = Le profil d'autorisation a été enregistré.
profiles-assign-unknown = Ce profil n'existe pas (ou plus). Rien n'a été modifié.
profiles-assign-other-organization = Ce profil appartient à une autre organisation et ne peut pas être attribué à cet utilisateur. Rien n'a été modifié.

profiles-preview-title = Aperçu du profil
profiles-preview-heading = Ce que voit « { $name } »
profiles-preview-intro = Le portail tel que le voit un utilisateur de l'organisation ayant ce profil.
profiles-preview-organization = Organisation de l'aperçu
profiles-preview-show = Afficher
profiles-preview-shown = affichée
profiles-preview-hidden = masquée
profiles-preview-allowed = autorisée
profiles-preview-not-allowed = non autorisée
profiles-preview-hidden-fields = Champs masqués
profiles-preview-no-hidden = Aucun : tous les champs sont affichés.
profiles-preview-sample = Contrat d'exemple
profiles-preview-no-contracts = Les utilisateurs ayant ce profil ne voient pas les contrats.
profiles-preview-no-sample = L'organisation n'a aucun contrat à montrer.
profiles-error-broker-wide = Les profils communs à tout le courtier s'appliquent à toutes les entités ; seul un administrateur de toutes les entités peut les créer. Choisissez une organisation.
profiles-refused-broker-wide = Les profils communs à tout le courtier s'appliquent à toutes les entités ; seul un administrateur de toutes les entités peut les modifier ou les supprimer. Rien n'a été modifié.
profiles-preview-portal = Le portail avec ce profil
profiles-preview-menu = Menu
profiles-preview-lists-intro = Les premières lignes de chaque liste que le profil affiche, avec les colonnes du portail. Les boutons sont inactifs dans l’aperçu.
profiles-preview-no-organization = Aucune organisation avec laquelle montrer le portail.
