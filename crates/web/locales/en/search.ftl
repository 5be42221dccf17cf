## Staff search box (issue 7)
search-title = Search
search-label = Search customers, contracts, plates, claims
search-submit = Search
search-heading = Search
search-too-short = Please enter at least { $min } characters: a name, customer number, policy number, licence plate or claim number.
search-summary = { $count ->
    [one] One result for “{ $text }”
   *[other] { $count } results for “{ $text }”
}
search-nothing = Nothing found. Check the spelling or search for another number.
search-customers = Customers ({ $count })
search-contracts = Contracts ({ $count })
search-objects = Insured objects ({ $count })
search-claims = Claims ({ $count })
search-all-customers = Show all { $count } customers
search-all-contracts = Show all { $count } contracts
search-all-objects = Show all { $count } insured objects
search-all-claims = Show all { $count } claims
search-col-customer = Customer
search-col-customer-number = Customer number
search-col-email = E-mail
search-col-place = Place
search-col-policy-number = Policy number
search-col-line = Line of business
search-col-status = Status
search-col-object = Insured object
search-col-plate = Licence plate
search-col-vin = VIN
search-col-claim-number = Claim number
search-col-insurer-claim-number = Insurer's claim number
search-col-date-of-loss = Date of loss
