# Der Schritt „Dokumente und Fotos“ des Schadenmeldungs-Assistenten (Issue 10: A4, A7).
claim-wizard-step-documents = Dokumente und Fotos
claim-photos-lead = Fotos vom Schaden, Rechnungen, ein Polizeibericht: Fügen Sie sie hier hinzu, wenn Sie sie haben. Sie erreichen uns mit Ihrer Schadenmeldung. Sie können auch ohne weitermachen.
claim-photos-list = Bisher hinzugefügt
claim-photos-col-name = Datei
claim-photos-col-size = Größe
claim-photos-none = Noch keine Dokumente oder Fotos.
claim-photos-remove = Entfernen
claim-photos-remove-file = { $name } entfernen
claim-photos-add-heading = Dokumente und Fotos hinzufügen
claim-photos-files = Dateien oder Fotos
claim-photos-files-hint = Sie können mehrere Dateien auf einmal wählen oder ein Foto aufnehmen. PDF, Fotos (JPEG, PNG, HEIC, TIFF), Office-Dokumente oder reiner Text, je bis { $mib } MiB und insgesamt { $max }.
claim-photos-progress = Fortschritt des Hochladens
claim-photos-add = Hinzufügen
claim-photos-added = { $count ->
    [one] Eine Datei wurde hinzugefügt.
   *[other] { $count } Dateien wurden hinzugefügt.
}
claim-photos-removed = Die Datei wurde entfernt.
claim-photos-not-allowed = Ihr Zugang umfasst das Senden von Dokumenten nicht. Bitte machen Sie ohne weiter; Ihr Makler fragt nach, falls etwas fehlt.
claim-photos-summary-none = keine Dokumente oder Fotos
