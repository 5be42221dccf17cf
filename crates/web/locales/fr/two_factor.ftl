# Authentification à deux facteurs
two-factor-login-title = Authentification à deux facteurs
two-factor-login-intro = Votre mot de passe est correct. Saisissez le code de votre application d'authentification ou l'un de vos codes de récupération.
two-factor-code = Code
two-factor-code-hint = Six chiffres de l'application, ou un code de récupération comme abcde-fghjk.
two-factor-login-submit = Confirmer
two-factor-login-cancel = Annuler la connexion
two-factor-enrol-title = Configurer une application d'authentification
two-factor-enrol-required = Votre courtier exige l'authentification à deux facteurs pour votre compte. Veuillez la configurer maintenant pour continuer.
two-factor-enrol-step-app = Ouvrez une application d'authentification sur votre téléphone (par exemple depuis la boutique d'applications de votre téléphone).
two-factor-enrol-step-scan = Scannez le code QR ou saisissez la clé affichée en dessous.
two-factor-enrol-step-code = Saisissez le code à six chiffres affiché par l'application.
two-factor-enrol-qr-alt = Code QR pour votre application d'authentification
two-factor-enrol-secret = Clé à saisir :
two-factor-enrol-submit = Confirmer et activer
two-factor-codes-title = Vos codes de récupération
two-factor-codes-intro = Conservez ces codes en lieu sûr. Chacun permet de vous connecter une fois si vous n'avez pas votre téléphone. Ils ne sont affichés que maintenant.
two-factor-codes-continue = J'ai enregistré les codes
two-factor-title = Authentification à deux facteurs
two-factor-intro = Un second facteur protège votre compte même si quelqu'un connaît votre mot de passe.
two-factor-current-password = Mot de passe actuel
two-factor-totp-heading = Application d'authentification
two-factor-totp-on = L'authentification à deux facteurs par application est activée.
two-factor-totp-off = L'authentification à deux facteurs est désactivée.
two-factor-totp-remove = Désactiver
two-factor-totp-set-up = Configurer
two-factor-codes-heading = Codes de récupération
two-factor-codes-left = { $count ->
    [one] Il reste un code de récupération inutilisé.
   *[other] Il reste { $count } codes de récupération inutilisés.
}
two-factor-codes-regenerate = Créer de nouveaux codes de récupération
two-factor-removed = L'application d'authentification a été supprimée.
two-factor-reset-title = Réinitialiser l'authentification à deux facteurs
two-factor-reset-intro = Cela supprime l'application d'authentification, les codes de récupération et les clés d'accès de l'utilisateur et le déconnecte partout. Il sera informé par e-mail.
two-factor-reset-submit = Réinitialiser
two-factor-reset-done = L'authentification à deux facteurs a été réinitialisée et l'utilisateur a été informé.
two-factor-reset-mail-subject = Votre authentification à deux facteurs a été réinitialisée
two-factor-reset-mail-body = Bonjour { $name },
    
    votre courtier a réinitialisé l'authentification à deux facteurs de votre compte sur le portail client. Vous pourrez la configurer à nouveau lors de votre prochaine connexion.
    
    Si vous n'êtes pas à l'origine de cette demande, veuillez contacter votre courtier.
two-factor-policy-title = Authentification à deux facteurs
two-factor-policy-intro = Qui doit se connecter avec un second facteur. Les administrateurs du courtier le doivent toujours.
two-factor-policy-legend = Obligatoire pour
two-factor-policy-nobody = Personne d'autre
two-factor-policy-organizations = Les utilisateurs des organisations qui l'exigent
two-factor-policy-staff = Tous les collaborateurs du courtier
two-factor-policy-everyone = Tout le monde
two-factor-policy-saved = Enregistré.
two-factor-policy-save = Enregistrer
two-factor-code-malformed = Saisissez les six chiffres de votre application ou un code de récupération.
two-factor-code-wrong = Ce code n'est pas correct.
two-factor-code-used = Ce code a déjà été utilisé. Veuillez attendre le suivant.
two-factor-password-wrong = Le mot de passe n'est pas correct.
