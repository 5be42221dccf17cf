# L’étape « Documents et photos » de l’assistant de déclaration de sinistre (issue 10 : A4, A7).
claim-wizard-step-documents = Documents et photos
claim-photos-lead = Photos des dommages, factures, procès-verbal de police : ajoutez-les ici si vous les avez. Ils nous parviennent avec votre déclaration de sinistre. Vous pouvez aussi continuer sans.
claim-photos-list = Ajoutés jusqu’ici
claim-photos-col-name = Fichier
claim-photos-col-size = Taille
claim-photos-none = Pas encore de documents ni de photos.
claim-photos-remove = Retirer
claim-photos-remove-file = Retirer { $name }
claim-photos-add-heading = Ajouter des documents et des photos
claim-photos-files = Fichiers ou photos
claim-photos-files-hint = Vous pouvez choisir plusieurs fichiers à la fois ou prendre une photo. PDF, photos (JPEG, PNG, HEIC, TIFF), documents Office ou texte brut, jusqu’à { $mib } Mio chacun et { $max } au total.
claim-photos-progress = Progression de l’envoi
claim-photos-add = Ajouter
claim-photos-added = { $count ->
    [one] Un fichier a été ajouté.
   *[other] { $count } fichiers ont été ajoutés.
}
claim-photos-removed = Le fichier a été retiré.
claim-photos-not-allowed = Votre accès ne permet pas d’envoyer des documents. Veuillez continuer sans ; votre courtier vous demandera s’il manque quelque chose.
claim-photos-summary-none = aucun document ni photo
