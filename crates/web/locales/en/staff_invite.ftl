# Inviting staff users, changing role and tenants (administration)
staff-invite-title = Invite a staff user
staff-invite-intro = The person invited gets an e-mail with a link to set their password. Until then they cannot sign in.
staff-invite-tenants-hint = They see the customers and cases of the ticked tenants. No tenant: every tenant (administrators only, and only given by administrators of every tenant).
staff-invite-tenant-unknown = This tenant cannot be given here.
staff-invite-tenants-required = Please tick at least one tenant.
staff-invite-done = The invitation has been sent.
staff-role-form-title = Role and tenants
staff-role-save = Save role and tenants
staff-role-done = Role and tenants have been changed; they apply from the next page the person opens.
staff-users-own-change = You cannot change your own role or tenants; please ask another administrator.
