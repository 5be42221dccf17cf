upload-title = Envoyer des documents
upload-back = Retour au dossier
upload-link = Envoyer des documents
upload-received = { $count ->
    [one] Merci : votre document est bien arrivé et figure parmi les documents du dossier.
   *[other] Merci : vos { $count } documents sont bien arrivés et figurent parmi les documents du dossier.
}
upload-intro = Envoyez-nous des documents pour ce dossier : PDF, photos (JPEG, PNG, HEIC, TIFF), documents Office ou texte brut, jusqu’à { $mib } Mio chacun et { $max } à la fois.
upload-type = Type de document
upload-type-choose = Veuillez choisir
upload-type-none = Non précisé
upload-files = Fichiers
upload-files-hint = Vous pouvez choisir plusieurs fichiers. Chacun peut faire jusqu’à { $mib } Mio.
upload-send = Envoyer les documents
upload-error-too-large = Un fichier dépasse { $mib } Mio. Rien n’a été conservé ; veuillez envoyer un fichier plus petit.
upload-error-empty = Un fichier est vide. Rien n’a été conservé.
upload-error-type-not-allowed = Un fichier n’est pas d’un type accepté (PDF, JPEG, PNG, HEIC, TIFF, document Office ou texte brut). Rien n’a été conservé.
upload-error-type-mismatch = Le contenu d’un fichier ne correspond pas à l’extension de son nom. Rien n’a été conservé.
upload-error-no-file = Veuillez choisir au moins un fichier.
upload-error-too-many = Veuillez envoyer au plus { $max } fichiers à la fois. Rien n’a été conservé.
upload-error-type-missing = Veuillez choisir le type de document.
upload-error-type-unknown = Veuillez choisir un type de document dans la liste.
upload-settings-title = Envoi de documents
upload-settings-saved = Les paramètres d’envoi ont été enregistrés.
upload-settings-types = Types de document proposés aux clients
upload-settings-mandatory = Le choix du type de document est obligatoire
upload-settings-limit = Taille maximale d’un fichier en Mio
upload-settings-save = Enregistrer
upload-settings-limit-invalid = Saisissez un nombre entier de { $min } à { $max }.
upload-settings-types-invalid = Choisissez au moins un type de document.
