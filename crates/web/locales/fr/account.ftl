## Mots de passe (FEATURES C2)
password-too-short = Le mot de passe est trop court. Veuillez en choisir un plus long ; une phrase de plusieurs mots est facile à retenir.
password-too-long = Le mot de passe peut comporter au maximum 1 024 caractères.
password-common = Ce mot de passe fait partie des mots de passe les plus courants. Veuillez en choisir un autre.
password-contains-email = Le mot de passe ne doit pas contenir votre adresse e-mail.
password-contains-name = Le mot de passe ne doit pas contenir votre nom.
password-min-length-hint = Au moins { $min } caractères. Aucun caractère spécial n'est exigé : une phrase de plusieurs mots est à la fois sûre et facile à retenir.
password-settings-title = Mots de passe
password-settings-lead = Tout nouveau mot de passe doit atteindre cette longueur et ne doit être ni un mot de passe courant, ni contenir l'adresse e-mail ou le nom de l'utilisateur.
password-settings-min-length = Longueur minimale du mot de passe
password-settings-min-length-hint = Un nombre entier de { $floor } à { $max }. S'applique aux mots de passe définis à partir de maintenant.
password-settings-save = Enregistrer
password-settings-saved = La longueur minimale a été enregistrée.
password-min-length-invalid = Veuillez saisir un nombre entier de 8 à 1 024.

## Mon compte (issue 8)
account-title = Mon compte
account-language = Langue
account-language-label = Langue du portail et des e-mails
account-language-save = Enregistrer la langue
account-language-saved = Votre langue a été enregistrée.
account-language-invalid = Veuillez choisir l'une des langues proposées.
account-password = Changer le mot de passe
account-password-intro = Saisissez votre mot de passe actuel pour confirmer votre identité. Après le changement, vous restez connecté ici et êtes déconnecté partout ailleurs.
account-current-password = Mot de passe actuel
account-new-password = Nouveau mot de passe
account-new-password-repeat = Répétez le nouveau mot de passe
account-password-save = Changer le mot de passe
account-password-changed = Votre mot de passe a été changé. Toutes vos autres sessions ont été fermées.
account-password-mismatch = Les deux nouveaux mots de passe ne correspondent pas.
account-password-wrong = Le mot de passe actuel n'est pas correct.
account-sessions = Sessions actives
account-sessions-intro = Vous êtes connecté sur ces appareils. Si vous n'en reconnaissez pas un, déconnectez-le et changez votre mot de passe.
account-device-col = Appareil
account-address = Adresse IP
account-created = Connexion
account-last-use = Dernière utilisation
account-actions = Actions
account-this-session = cette session
account-end-session = Déconnecter
account-end-session-of = Déconnecter { $device }, connecté le { $created }
account-end-others = Se déconnecter partout ailleurs
account-session-ended = La session a été déconnectée.
account-others-ended = Toutes les autres sessions ont été déconnectées.
account-sign-ins = Historique des connexions
account-time = Date et heure
account-result = Résultat
account-sign-in-ok = Connecté
account-sign-in-failed = Échec
account-sign-ins-none = Aucune connexion enregistrée au cours des 30 derniers jours.
account-consents = Conditions acceptées
account-consent-entry = { $document }, version { $version }, acceptée le { $date }
account-consents-none = Vous n'avez encore accepté aucune condition.
account-device = { $browser } sous { $os }
account-device-unknown = Navigateur inconnu

## Consentement (D5)
consent-title = Veuillez accepter nos conditions
consent-intro = Avant de continuer, veuillez lire et accepter les conditions d'utilisation et la politique de confidentialité en vigueur.
consent-read-terms = Lire les conditions d'utilisation (version { $version })
consent-read-privacy = Lire la politique de confidentialité (version { $version })
consent-accept-terms = J'accepte les conditions d'utilisation (version { $version }).
consent-accept-privacy = J'ai lu la politique de confidentialité (version { $version }) et je l'accepte.
consent-submit = Accepter et continuer
consent-decline = Vous ne souhaitez pas accepter maintenant ?
consent-required = Veuillez cocher cette case pour continuer.

## Liens juridiques (D5)
legal-website = Site web du courtier
legal-version = Version { $version }
legal-settings-title = Liens juridiques et consentement
legal-settings-lead = Conditions d'utilisation, politique de confidentialité, mentions légales et site web du courtier, par entité et par langue : un lien vers votre propre page ou un texte affiché dans le portail. Sans l'un ni l'autre, le portail affiche sa page intégrée.
legal-settings-saved = Les liens juridiques ont été enregistrés.
legal-settings-published-terms = Une nouvelle version des conditions d'utilisation a été publiée. Les clients l'acceptent à leur prochaine page.
legal-settings-published-privacy = Une nouvelle version de la politique de confidentialité a été publiée. Les clients l'acceptent à leur prochaine page.
legal-settings-tenant = Entité
legal-settings-language = Langue
legal-settings-show = Afficher
legal-settings-texts = Pages en { $language }
legal-settings-texts-hint = Un lien (https://…) l'emporte sur un texte. Séparez les paragraphes d'un texte par une ligne vide.
legal-settings-url = Lien
legal-settings-text = Texte
legal-settings-save = Enregistrer
legal-settings-versions = Versions à accepter
legal-settings-versions-hint = Les clients doivent accepter les conditions d'utilisation et la politique de confidentialité en vigueur avant d'utiliser le portail. Publiez une nouvelle version après une modification que les clients doivent accepter à nouveau.
legal-settings-current-terms = Conditions d'utilisation : version { $version } (0 = aucune publiée).
legal-settings-current-privacy = Politique de confidentialité : version { $version } (0 = aucune publiée).
legal-settings-publish-terms = Publier une nouvelle version des conditions d'utilisation
legal-settings-publish-privacy = Publier une nouvelle version de la politique de confidentialité
legal-url-invalid = Veuillez saisir une adresse web complète commençant par https:// ou http://.
legal-text-too-long = Le texte peut comporter au maximum 50 000 caractères.

account-two-factor-manage = Configurer ou gérer l'authentification à deux facteurs (application d'authentification, codes de récupération)
