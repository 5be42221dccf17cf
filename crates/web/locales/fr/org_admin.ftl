# Administration déléguée (issue 9) : l'administrateur propre d'une
# organisation gère les utilisateurs de son organisation dans le portail.

nav-org-admin = Gestion des utilisateurs
org-admin-title = Utilisateurs de votre organisation
org-admin-intro = Invitez vos collègues, désactivez-les et choisissez leur profil d'autorisation et ce qu'ils voient. Vous ne pouvez donner à personne plus de droits que vous n'en avez.
org-admin-invite = Inviter un collègue
org-admin-search-label = Rechercher des utilisateurs
org-admin-search = Nom ou e-mail
org-admin-search-button = Rechercher
org-admin-count = { $count } utilisateurs
org-admin-pages = Pages
org-admin-none = Aucun utilisateur ne correspond.
org-admin-done-invited = L'invitation a été envoyée.
org-admin-invite-title = Inviter un collègue
org-admin-invite-intro = Votre collègue reçoit un e-mail avec un lien pour choisir un mot de passe. Seuls les profils et restrictions compris dans vos propres droits sont proposés.
org-admin-profile-hint = Seuls les profils d'autorisation qui n'autorisent pas plus que le vôtre sont proposés.
org-admin-scope-heading = Ce que voit votre collègue
org-admin-scope-hint = Limitez ce que voit votre collègue. Seul ce que vous voyez vous-même peut être choisi ; là où vous êtes limité, votre collègue doit l'être aussi.
org-admin-list-keep = Garder la sélection actuelle ({ $count })
org-admin-list-matching-objects = Seulement les objets correspondant à cette recherche
org-admin-list-matching-claims = Seulement les sinistres correspondant à cette recherche
org-admin-list-search = Texte recherché
org-admin-list-hint-objects = Par exemple un site, une rue, un code postal ou un numéro de police ; chaque objet que vous voyez et qui correspond est choisi. Vide : chaque objet que vous voyez.
org-admin-list-hint-claims = Par exemple un numéro de sinistre, un lieu ou un code postal ; chaque sinistre que vous voyez et qui correspond est choisi. Vide : chaque sinistre que vous voyez.
org-admin-own-entry = Votre propre profil d'autorisation et vos restrictions sont définis par votre courtier.
org-admin-denied-profile = Ce profil d'autorisation permet plus que le vôtre. Rien n'a été modifié.
org-admin-denied-scope = Ces restrictions montreraient plus que ce que vous voyez vous-même. Rien n'a été modifié.
org-admin-refused-last-admin = Vous êtes le dernier administrateur actif de votre organisation et ne pouvez pas vous désactiver. Rien n'a été modifié.
org-admin-refused-self = Votre propre profil d'autorisation et vos restrictions sont définis par votre courtier. Rien n'a été modifié.
org-admin-summary-lead = Ce que votre collègue verra avec les restrictions enregistrées :
org-admin-pick-intro-objects = Recherchez parmi les objets que vous voyez vous-même par désignation, adresse, code postal, ville, immatriculation ou numéro de police, puis ajoutez des objets un par un ou tous ceux qui correspondent à la recherche (par exemple tous les objets d'un code postal).
org-admin-pick-intro-claims = Recherchez parmi les sinistres que vous voyez vous-même par numéro de sinistre, lieu, objet, code postal ou numéro de police, puis ajoutez des sinistres un par un ou tous ceux qui correspondent à la recherche.
