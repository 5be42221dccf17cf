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
