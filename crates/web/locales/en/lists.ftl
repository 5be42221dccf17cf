## Lists: what all lists share
list-search-label = Search
list-total = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
list-export-csv = Download as CSV
list-empty = There are no entries here yet.
list-empty-filtered = Nothing found. Change the search or the filters.
filter-reset = Reset filters
filter-range-from = from
filter-range-to = to
filter-invalid-choice = This value does not exist; the filter was not applied.
filter-invalid-date = Please enter a date (e.g. 31/12/2026); the filter was not applied.
filter-invalid-amount = Please enter an amount (e.g. 1,250.00); the filter was not applied.
filter-range-reversed = The end lies before the start; it was not applied.
filter-premium = Premium (gross)
contracts-filter-label = Filter contracts
claims-filter-label = Filter claims
objects-filter-label = Filter objects
finances-filter-label = Filter finances
customers-filter-label = Filter customers
documents-filter-label = Filter documents

## Menu
nav-customers = Customers
nav-objects = Objects
nav-claims = Claims
nav-documents = Documents
nav-finances = Finances

## Page titles
claims-title = Claims
objects-title = Insured objects
finances-title = Finances
customers-title = Customers
documents-title = Documents

## Columns
col-claim-type = Claim type
col-reserve = Reserve
col-paid = Payment
col-currency = Currency
col-place = Place of loss
col-city = Place
col-plate = Licence plate
col-street = Street
col-postal-code = Postcode
col-finance-number = Number
col-issued = Issued
col-due = Due
col-amount = Amount
col-payment-state = Payment status
col-paid-on = Paid on
col-customer-number = Customer number
col-contracts = Contracts
col-document = Document
col-document-type = Document type
col-context = Belongs to
col-context-kind = Area
col-received = Received
col-file-name = File name
col-size = Size (bytes)
claim-without-number = (no number)
finance-open = open
finance-paid = paid
documents-only-new = New only
documents-new = new

## What a document belongs to
document-context-customer = Customer
document-context-contract = Contract
document-context-object = Object
document-context-claim = Claim
document-context-finance = Invoice or credit

## File names of downloads (letters, digits and hyphens only)
file-contracts = contracts
file-claims = claims
file-objects = objects
file-finances = finances
file-customers = customers
file-documents = documents

## Claim types (kp_domain::ClaimType)
claim-type-water = Escape of water
claim-type-storm = Storm/hail
claim-type-fire = Fire
claim-type-burglary = Burglary
claim-type-theft = Theft
claim-type-glass = Glass breakage
claim-type-collision = Accident/collision
claim-type-liability = Liability
claim-type-machine_breakdown = Machinery breakdown
claim-type-transport_damage = Transit damage
claim-type-natural_hazard = Natural hazard
claim-type-personal_injury = Personal injury
claim-type-other = Other loss

## Document types (kp_domain::DocumentType)
document-type-policy = Policy document
document-type-offer = Quotation
document-type-invoice = Premium invoice
document-type-dunning = Dunning notice
document-type-certificate = Certificate
document-type-claim_letter = Claim correspondence
document-type-claim_report = Claim notification
document-type-claim_photo = Claim photo
document-type-expert_report = Expert report
document-type-correspondence = Correspondence
document-type-other = Other document

# Staff-only list columns (back office id, tenant)
col-external-id = Back-office ID
col-tenant = Tenant
