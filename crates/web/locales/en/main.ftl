skip-to-content = Skip to content
logout = Log out
nav-label = Main navigation
nav-home = Overview
nav-staff-home = Workspace
language-label = Choose language
language-name-de = German
language-name-en = English
language-name-fr = French
language-name-es = Spanish
footer-label = Legal
legal-imprint = Imprint
legal-privacy = Privacy notice
legal-terms = Terms of use
legal-imprint-text = The insurance broker named above is responsible for the content of this customer portal.
legal-privacy-text = Your data is processed solely to manage your insurance contracts. Messages and documents stay inside the portal; e-mails only tell you that something new is waiting.
legal-terms-text = The portal is available to the broker's customers for managing their insurance. Login details are personal and must not be shared.
contact-phone = Phone
contact-email = E-mail
login-title = Log in
login-intro = Log in with your e-mail address and password.
login-email = E-mail address
login-password = Password
login-submit = Log in
login-failed = The e-mail address or password is incorrect.
login-too-many = Too many failed login attempts. Please try again in { $count ->
        [one] a minute
       *[other] { $count } minutes
    } at the latest.
login-busy = Login is overloaded right now. Please try again in a few seconds.
home-title = Overview
home-greeting = Welcome, { $name }
home-customer-intro = Everything about your insurance at a glance.
home-staff-intro = Logged in as { $role }. Your portfolio at a glance:
home-overview = Overview
home-customers-in-scope = You see the data of { $count } customers.
count-contracts = { $count ->
    [one] contract
   *[other] contracts
}
count-objects = { $count ->
    [one] insured object
   *[other] insured objects
}
count-claims = { $count ->
    [one] claim
   *[other] claims
}
count-open-claims = { $count ->
    [one] open claim
   *[other] open claims
}
count-documents = { $count ->
    [one] document
   *[other] documents
}
count-open-invoices = { $count ->
    [one] open invoice
   *[other] open invoices
}
count-customers = { $count ->
    [one] customer
   *[other] customers
}
role-admin = administrator
role-clerk = clerk
role-account_manager = account manager
error-404-title = Page not found
error-404-message = The page you asked for does not exist or is not visible to you.
error-403-title = Action not possible
error-403-message = The form has expired or the action is not allowed. Please reload the page and try again.
error-500-title = Something went wrong
error-500-message = An unexpected error occurred. Please try again later.
error-400-title = Request not understood
error-400-message = The request contained data that cannot be processed. Please reload the page and try again.
error-408-title = Request timed out
error-408-message = Processing took too long. Please try again.
error-409-title = Data has changed meanwhile
error-409-message = Your change no longer matches the stored data. Please reload the page and check your entries.
error-413-title = Request too large
error-413-message = The data sent exceeds the permitted size. Please send less or smaller data.
error-422-title = Incomplete or invalid entries
error-422-message = Some entries could not be accepted. Please go back and check the form.
error-429-title = Too many requests
error-429-message = Please wait a moment and try again.
error-503-title = Temporarily unavailable
error-503-message = The portal is very busy right now. Please try again in a few seconds.
form-required = Please fill in this field.
error-request-id = Reference
error-back-home = Back to the start page
lob-life = Life
lob-health = Health
lob-accident = Accident
lob-personal_liability = Personal liability
lob-general_liability = General liability
lob-motor = Motor
lob-motor_fleet = Motor fleet
lob-legal_expenses = Legal expenses
lob-fire = Fire
lob-glass = Glass
lob-household_contents = Household contents
lob-residential_building = Residential building
lob-cargo = Cargo
lob-engineering = Engineering
lob-commercial_contents = Commercial contents

## Contract types (kp_domain::ContractType; glossary: Vertragsart)
contract-type-individual = Individual contract
contract-type-framework = Framework agreement
contract-type-fleet = Fleet contract
contract-type-open_cover = Open cover

## Contract status (kp_domain::ContractStatus; glossary: Vertragsstatus)
contract-status-offer = Offer
contract-status-active = Active
contract-status-suspended = Suspended
contract-status-cancelled = Cancelled
contract-status-expired = Expired

## Payment frequency (kp_domain::PaymentFrequency; glossary: Zahlungsweise)
payment-frequency-monthly = Monthly
payment-frequency-quarterly = Quarterly
payment-frequency-half_yearly = Half-yearly
payment-frequency-yearly = Annually
payment-frequency-single = Single premium

## Claim status (kp_domain::ClaimStatus; glossary: Schaden)
claim-status-reported = Reported
claim-status-in_review = Under review
claim-status-accepted = Accepted
claim-status-settled = Settled
claim-status-rejected = Rejected
claim-status-closed = Closed

## Kinds of insured object / risk (kp_domain::ObjectKind)
object-kind-building = Building
object-kind-vehicle = Vehicle
object-kind-location = Location
object-kind-machine = Machine
object-kind-person = Person
object-kind-goods = Goods
object-kind-other = Other

## Customer kinds (kp_domain::CustomerKind)
customer-kind-person = Private individual
customer-kind-company = Company

## Finance item kinds (kp_domain::FinanceKind; glossary: Beitragsrechnung, Mahnung)
finance-kind-invoice = Premium invoice
finance-kind-credit = Credit note
finance-kind-dunning = Dunning notice

## Portal user status (kp_domain::PortalUserStatus)
portal-user-status-invited = Invited
portal-user-status-active = Active
portal-user-status-inactive = Inactive

## Menu areas a permission profile can show or hide (kp_domain::MenuArea); short menu labels
area-contracts = Contracts
area-objects = Objects/Risks
area-claims = Claims
area-documents = Documents
area-finances = Finances
area-messages = Messages
area-reports = Reports
area-certificates = Certificates
area-administration = Administration

## Functions a permission profile can enable (kp_domain::Function); short action names
function-report_claim = Report a claim
function-upload_document = Upload a document
function-change_request = Request a change
function-send_message = Send a message
function-appointment_request = Request an appointment
function-issue_certificate = Issue a certificate
function-download_reports = Download reports
function-export_data = Export data

## Contracts (list and contract page)
nav-contracts = Contracts
contracts-title = Contracts
filter-all = All
filter-submit = Show
contracts-back = Back to the contracts
col-policy-number = Policy number
col-customer = Customer
col-insurer = Insurer
col-line = Line of business
col-status = Status
col-start = Start
col-premium = Premium (gross)
pager-label = Pages
pager-previous = Previous page
pager-next = Next page
pager-position = Page { $page } of { $pages }
contract-title = Contract
contract-heading = Contract { $number }
data-as-of = Data as of { $date }
contract-data = Contract details
field-contract-type = Contract type
field-description = Description
field-end = Expiry
field-main-due-date = Main due date
field-payment-frequency = Payment frequency
field-premium-net = Premium (net)
field-premium-gross = Premium (gross)
field-sum-insured = Sum insured
field-deductible = Deductible
contract-objects = Insured objects and risks
contract-no-objects = No objects are recorded for this contract.
col-object = Object
col-kind = Type
col-site = Location
contract-claims = Claims
contract-no-claims = No claims are recorded for this contract.
col-claim-number = Claim number
col-date-of-loss = Date of loss
