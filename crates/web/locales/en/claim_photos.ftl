# The claim wizard's documents and photos step (issue 10: A4, A7).
claim-wizard-step-documents = Documents and photos
claim-photos-lead = Photos of the damage, invoices, a police report: add them here if you have them. They reach us with your claim report. You can also continue without.
claim-photos-list = Added so far
claim-photos-col-name = File
claim-photos-col-size = Size
claim-photos-none = No documents or photos yet.
claim-photos-remove = Remove
claim-photos-remove-file = Remove { $name }
claim-photos-add-heading = Add documents and photos
claim-photos-files = Files or photos
claim-photos-files-hint = You can choose several files at once or take a photo. PDF, photos (JPEG, PNG, HEIC, TIFF), Office documents or plain text, up to { $mib } MiB each and { $max } in all.
claim-photos-progress = Upload progress
claim-photos-add = Add
claim-photos-added = { $count ->
    [one] One file was added.
   *[other] { $count } files were added.
}
claim-photos-removed = The file was removed.
claim-photos-not-allowed = Your access does not include sending documents. Please continue without; the broker will ask you if anything is needed.
claim-photos-summary-none = no documents or photos
