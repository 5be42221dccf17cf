# Permission profiles (D2): the staff pages, the field catalogue's labels,
# the assignment on the user page and the preview.
nav-profiles = Permission profiles
function-manage_users = Manage users

field-key-customer-bank = Bank details
field-key-contract-insurer = Insurer
field-key-contract-premium = Premium (net, gross, history)
field-key-contract-sum-insured = Sum insured
field-key-contract-deductible = Deductible
field-key-object-value = Value
field-key-claim-reserve = Reserve
field-key-claim-paid = Amount paid
field-key-finance-amount = Amount

profiles-record-customer = Customers
profiles-record-contract = Contracts
profiles-record-object = Objects
profiles-record-claim = Claims
profiles-record-finance_item = Invoices and credits

profiles-title = Permission profiles
profiles-intro = A profile decides which menu areas, functions and fields the portal users who have it get. Which records they see is their scope.
profiles-filter-label = Filter profiles
profiles-organization = Organization
profiles-filter-all = All (broker-wide and every organization)
profiles-filter = Filter
profiles-new = New profile
profiles-name = Name
profiles-areas = Menu areas
profiles-functions = Functions
profiles-hidden-count = Hidden fields
profiles-users = Users
profiles-broker-wide = Broker-wide
profiles-none = No profiles yet.
profiles-done-deleted = The profile was deleted.

profiles-new-title = New permission profile
profiles-edit-title = Permission profile
profiles-used-by = { $count ->
    [one] Used by one user
   *[other] Used by { $count } users
}
profiles-functions-hint = A function of a hidden menu area is not available either.
profiles-fields = Fields
profiles-fields-hint = Ticked fields are shown; unticked ones are left out of lists, pages, CSV exports and PDF reports.
profiles-save = Save
profiles-create = Create profile
profiles-actions = More
profiles-preview = Preview
profiles-copy = Copy
profiles-delete = Delete
profiles-done-created = The profile was created.
profiles-done-saved = The profile was saved. Its users get the change with their next page.
profiles-done-copied = This is the copy. Rename and change it as needed.
profiles-stale = This profile was changed since you opened the page. Nothing was saved; here it is as it is now.
profiles-refused-in-use = Users still have this profile. Give them another one first; nothing was deleted.
profiles-error-name = Enter a name of at most 120 characters.
profiles-error-organization = Choose one of your organizations or "Broker-wide".
profiles-copy-name = Copy of { $name }

profiles-assign-heading = Permission profile
profiles-assign-hint = Broker-wide profiles and those of the user's organization. The change applies from the user's next page.
profiles-assign = Save profile
profiles-done-assigned = The permission profile was saved.
profiles-assign-unknown = This profile does not exist (any more). Nothing was changed.
profiles-assign-other-organization = This profile belongs to another organization and cannot be given to this user. Nothing was changed.

profiles-preview-title = Profile preview
profiles-preview-heading = What "{ $name }" sees
profiles-preview-intro = The portal as a user of the organization with this profile sees it.
profiles-preview-organization = Organization of the preview
profiles-preview-show = Show
profiles-preview-shown = shown
profiles-preview-hidden = hidden
profiles-preview-allowed = allowed
profiles-preview-not-allowed = not allowed
profiles-preview-hidden-fields = Hidden fields
profiles-preview-no-hidden = None: every field is shown.
profiles-preview-sample = Sample contract
profiles-preview-no-contracts = Users with this profile do not see contracts.
profiles-preview-no-sample = The organization has no contract to show.
profiles-error-broker-wide = Broker-wide profiles apply in every tenant; only an administrator of all tenants can create them. Choose an organization.
profiles-refused-broker-wide = Broker-wide profiles apply in every tenant; only an administrator of all tenants can change or delete them. Nothing was changed.
profiles-preview-portal = The portal with this profile
profiles-preview-menu = Menu
profiles-preview-lists-intro = The first rows of every list the profile shows, with the portal's columns. The buttons do nothing in the preview.
profiles-preview-no-organization = No organization to show the portal with.
