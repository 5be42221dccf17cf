## Documents (A6): a document's page, preview and download.

document-title = Document
document-new = New
document-download = Download
document-open-preview = Open in a new tab
document-data = Document details
document-field-type = Document type
document-field-customer = Customer
document-field-contract = Contract
document-field-object = Insured object
document-field-claim = Claim
document-field-file-name = File name
document-field-size = Size
document-field-date = Provided on
document-field-source = Source
document-size-kib = { $kib } KB
document-source-portal = Uploaded in the portal
document-source-back_office = Provided by your broker
document-preview = Preview
document-no-preview = There is no preview for this type of file. Please download the document.
