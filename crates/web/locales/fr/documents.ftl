## Documents (A6): a document's page, preview and download.

document-title = Document
document-new = Nouveau
document-download = Télécharger
document-open-preview = Ouvrir dans un nouvel onglet
document-data = Informations sur le document
document-field-type = Type de document
document-field-customer = Client
document-field-contract = Contrat
document-field-object = Objet assuré
document-field-claim = Sinistre
document-field-file-name = Nom du fichier
document-field-size = Taille
document-field-date = Mis à disposition le
document-field-source = Origine
document-size-kib = { $kib } Ko
document-source-portal = Déposé sur le portail
document-source-back_office = Mis à disposition par votre courtier
document-preview = Aperçu
document-no-preview = Aucun aperçu n'est disponible pour ce type de fichier. Veuillez télécharger le document.
