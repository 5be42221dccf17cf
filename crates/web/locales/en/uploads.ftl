upload-title = Upload documents
upload-back = Back to the record
upload-link = Upload documents
upload-received = { $count ->
    [one] Thank you: your document has arrived and shows in the record's documents.
   *[other] Thank you: your { $count } documents have arrived and show in the record's documents.
}
upload-intro = Send us documents for this record: PDF, photos (JPEG, PNG, HEIC, TIFF), Office documents or plain text, up to { $mib } MiB each and { $max } at once.
upload-type = Document type
upload-type-choose = Please choose
upload-type-none = Not specified
upload-files = Files
upload-files-hint = You can choose several files. Each may be up to { $mib } MiB.
upload-send = Send documents
upload-error-too-large = A file is larger than { $mib } MiB. Nothing was kept; please send a smaller file.
upload-error-empty = A file is empty. Nothing was kept.
upload-error-type-not-allowed = A file is not of an accepted type (PDF, JPEG, PNG, HEIC, TIFF, Office document or plain text). Nothing was kept.
upload-error-type-mismatch = A file's content does not match its name's extension. Nothing was kept.
upload-error-no-file = Please choose at least one file.
upload-error-too-many = Please send at most { $max } files at once. Nothing was kept.
upload-error-type-missing = Please choose the document type.
upload-error-type-unknown = Please choose a document type from the list.
upload-settings-title = Document uploads
upload-settings-saved = The upload settings were saved.
upload-settings-types = Document types customers choose from
upload-settings-mandatory = Choosing a document type is mandatory
upload-settings-limit = Largest file in MiB
upload-settings-save = Save
upload-settings-limit-invalid = Enter a whole number from { $min } to { $max }.
upload-settings-types-invalid = Choose at least one document type.
