upload-title = Dokumente hochladen
upload-back = Zurück zum Datensatz
upload-link = Dokumente hochladen
upload-received = { $count ->
    [one] Vielen Dank: Ihr Dokument ist angekommen und steht bei den Dokumenten des Datensatzes.
   *[other] Vielen Dank: Ihre { $count } Dokumente sind angekommen und stehen bei den Dokumenten des Datensatzes.
}
upload-intro = Senden Sie uns Dokumente zu diesem Datensatz: PDF, Fotos (JPEG, PNG, HEIC, TIFF), Office-Dokumente oder reinen Text, je bis zu { $mib } MiB und bis zu { $max } auf einmal.
upload-type = Dokumentart
upload-type-choose = Bitte wählen
upload-type-none = Keine Angabe
upload-files = Dateien
upload-files-hint = Sie können mehrere Dateien wählen. Jede darf bis zu { $mib } MiB groß sein.
upload-send = Dokumente senden
upload-error-too-large = Eine Datei ist größer als { $mib } MiB. Es wurde nichts gespeichert; bitte senden Sie eine kleinere Datei.
upload-error-empty = Eine Datei ist leer. Es wurde nichts gespeichert.
upload-error-type-not-allowed = Eine Datei hat keinen zulässigen Typ (PDF, JPEG, PNG, HEIC, TIFF, Office-Dokument oder reiner Text). Es wurde nichts gespeichert.
upload-error-type-mismatch = Der Inhalt einer Datei passt nicht zur Endung ihres Namens. Es wurde nichts gespeichert.
upload-error-no-file = Bitte wählen Sie mindestens eine Datei.
upload-error-too-many = Bitte senden Sie höchstens { $max } Dateien auf einmal. Es wurde nichts gespeichert.
upload-error-type-missing = Bitte wählen Sie die Dokumentart.
upload-error-type-unknown = Bitte wählen Sie eine Dokumentart aus der Liste.
upload-settings-title = Dokumenten-Upload
upload-settings-saved = Die Upload-Einstellungen wurden gespeichert.
upload-settings-types = Dokumentarten zur Auswahl für Kunden
upload-settings-mandatory = Die Angabe der Dokumentart ist Pflicht
upload-settings-limit = Größte Datei in MiB
upload-settings-save = Speichern
upload-settings-limit-invalid = Geben Sie eine ganze Zahl von { $min } bis { $max } ein.
upload-settings-types-invalid = Wählen Sie mindestens eine Dokumentart.
