# Delegated administration (issue 9): an organization's own administrator
# manages the users of their organization in the portal.

nav-org-admin = User administration
org-admin-title = Users of your organization
org-admin-intro = Invite colleagues, deactivate them, and decide which permission profile they have and what they see. You can give nobody more than you have yourself.
org-admin-invite = Invite a colleague
org-admin-search-label = Search users
org-admin-search = Name or e-mail
org-admin-search-button = Search
org-admin-count = { $count } users
org-admin-pages = Pages
org-admin-none = No users match.
org-admin-done-invited = The invitation has been sent.
org-admin-invite-title = Invite a colleague
org-admin-invite-intro = Your colleague gets an e-mail with a link to choose a password. Only profiles and restrictions within your own rights are offered.
org-admin-profile-hint = Only permission profiles that allow no more than your own are offered.
org-admin-scope-heading = What your colleague sees
org-admin-scope-hint = Narrow what your colleague sees. Only what you see yourself can be chosen; where you are restricted yourself, your colleague must be too.
org-admin-list-keep = Keep the current selection ({ $count })
org-admin-list-matching-objects = Only the objects matching this search
org-admin-list-matching-claims = Only the claims matching this search
org-admin-list-search = Search text
org-admin-list-hint-objects = For example a site, a street, a postcode or a policy number; every object you see that matches is chosen. Empty: every object you see.
org-admin-list-hint-claims = For example a claim number, a place or a postcode; every claim you see that matches is chosen. Empty: every claim you see.
org-admin-own-entry = Your own permission profile and restrictions are set by your broker.
org-admin-denied-profile = This permission profile allows more than your own. Nothing was changed.
org-admin-denied-scope = These restrictions would show more than you see yourself. Nothing was changed.
org-admin-refused-last-admin = You are the last active administrator of your organization and cannot deactivate yourself. Nothing was changed.
org-admin-refused-self = Your own permission profile and restrictions are set by your broker. Nothing was changed.
org-admin-summary-lead = What this colleague will see with the restrictions as saved:
org-admin-pick-intro-objects = Search the objects you see yourself by description, address, postcode, city, plate or policy number, then add single objects or every object matching the search (for example every object at one postcode).
org-admin-pick-intro-claims = Search the claims you see yourself by claim number, place, object, postcode or policy number, then add single claims or every claim matching the search.
