## Documents (A6): a document's page, preview and download.

document-title = Dokument
document-new = Neu
document-download = Herunterladen
document-open-preview = In neuem Tab öffnen
document-data = Angaben zum Dokument
document-field-type = Dokumentart
document-field-customer = Kunde
document-field-contract = Vertrag
document-field-object = Versichertes Objekt
document-field-claim = Schaden
document-field-file-name = Dateiname
document-field-size = Größe
document-field-date = Bereitgestellt am
document-field-source = Herkunft
document-size-kib = { $kib } KB
document-source-portal = Im Portal hochgeladen
document-source-back_office = Von Ihrem Makler bereitgestellt
document-preview = Vorschau
document-no-preview = Für diese Dateiart gibt es keine Vorschau. Bitte laden Sie das Dokument herunter.
