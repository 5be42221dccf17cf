## Contact page (FEATURES D21)
nav-contact = Contact
contact-title = Contact
contact-heading = Contact your broker
contact-intro = How to reach us and the people who look after you.
contact-people = Your contacts
contact-offices = Your broker
contact-office-hours = Office hours
contact-no-offices = No broker office is on record for your account yet.
contact-role-account_manager = Account manager
contact-role-clerk = Clerk
contact-role-claims_handler = Claims handler
