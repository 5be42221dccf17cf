## Detail pages: claim, insured object, customer, and the contract page's
## additions (co-insured, finance items, documents, contacts)

## Shared by the detail pages
details-external-id = Back-office ID
details-created-at = Created on
details-documents = Documents
details-col-document = Document
details-col-file = File
details-col-received = Received on
details-col-download = Download
details-size-kb = { $count } KB
details-download = Download
details-download-named = Download { $name }
details-no-documents = No documents are filed here.
details-contacts = Your contacts at the broker
details-contacts-staff = Responsible at the broker
details-role-account_manager = Account manager
details-role-clerk = Clerk
details-role-claims_handler = Claims handler
details-no-contacts = No contact person has been assigned yet.

## Claim page
claim-title = Claim
claim-heading = Claim { $number }
claim-back-to-contract = Back to contract { $number }
claim-data = Claim details
claim-broker-number = Broker's claim number
claim-insurer-number = Insurer's claim number
claim-reported-on = Reported on
claim-place = Place of loss
claim-type = Claim type
claim-cause = Cause
claim-reserve = Reserve
claim-paid = Paid
claim-timeline = Status history
claim-no-history = No status changes have been recorded yet.

## Insured object page
object-title = Insured object
object-back-to-contract = Back to contract { $number }
object-data = Object details
object-address = Address
object-plate = Registration number
object-vin = Vehicle identification number (VIN)
object-make-model = Make and model
object-first-registration-year = Year of manufacture
object-manufacturer = Manufacturer
object-model = Model
object-serial-number = Serial number
object-year-built = Year of manufacture
object-construction-year = Year of construction
object-value = Insured value
object-no-claims = No claims are recorded for this object.

## Customer page
customer-title = Customer
customer-number-value = Customer number { $number }
customer-data = Master data
customer-number = Customer number
customer-kind = Customer type
customer-name = Name
customer-birth-date = Date of birth
customer-company = Company
customer-address = Address
customer-email = E-mail
customer-phone = Phone
customer-iban = IBAN
customer-bic = BIC
customer-account-holder = Account holder
customer-contracts = Contracts
customer-col-role = Role
customer-role-policyholder = Policyholder
customer-role-co-insured = Co-policyholder
customer-no-contracts = No contracts are recorded for this customer.

## Contract page additions
contract-policyholder = Policyholder
contract-co-insured = Co-policyholders
contract-finance-items = Invoices and payments
contract-no-finance-items = No invoices are recorded for this contract.
contract-finance-col-number = Number
contract-finance-col-issued = Issued on
contract-finance-col-due = Due on
contract-finance-col-amount = Amount
contract-finance-col-paid = Payment
contract-finance-paid-on = Paid on { $date }
contract-finance-paid = Paid
contract-finance-open = Open
