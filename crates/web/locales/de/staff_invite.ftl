# Mitarbeitende einladen, Rolle und Mandanten ändern (Administration)
staff-invite-title = Mitarbeitende einladen
staff-invite-intro = Die eingeladene Person erhält eine E-Mail mit einem Link, über den sie ihr Passwort festlegt. Bis dahin kann sie sich nicht anmelden.
staff-invite-tenants-hint = Sie sieht die Kunden und Vorgänge der angekreuzten Mandanten. Ohne Mandant: alle Mandanten (nur für Administratoren, und nur von Administratoren aller Mandanten vergeben).
staff-invite-tenant-unknown = Dieser Mandant kann hier nicht vergeben werden.
staff-invite-tenants-required = Bitte mindestens einen Mandanten ankreuzen.
staff-invite-done = Die Einladung wurde verschickt.
staff-role-form-title = Rolle und Mandanten
staff-role-save = Rolle und Mandanten speichern
staff-role-done = Rolle und Mandanten wurden geändert; sie gelten ab der nächsten Seite, die die Person öffnet.
staff-users-own-change = Ihre eigene Rolle und Ihre eigenen Mandanten können Sie nicht selbst ändern; bitten Sie eine andere Administratorin oder einen anderen Administrator.
