# Administración delegada (issue 9): el administrador propio de una
# organización gestiona los usuarios de su organización en el portal.

nav-org-admin = Gestión de usuarios
org-admin-title = Usuarios de su organización
org-admin-intro = Invite a sus compañeros, desactívelos y decida qué perfil de permisos tienen y qué ven. No puede dar a nadie más derechos de los que tiene usted.
org-admin-invite = Invitar a un compañero
org-admin-search-label = Buscar usuarios
org-admin-search = Nombre o correo electrónico
org-admin-search-button = Buscar
org-admin-count = { $count } usuarios
org-admin-pages = Páginas
org-admin-none = Ningún usuario coincide.
org-admin-done-invited = Se ha enviado la invitación.
org-admin-invite-title = Invitar a un compañero
org-admin-invite-intro = Su compañero recibe un correo electrónico con un enlace para elegir una contraseña. Solo se ofrecen perfiles y restricciones dentro de sus propios derechos.
org-admin-profile-hint = Solo se ofrecen perfiles de permisos que no permiten más que el suyo.
org-admin-scope-heading = Lo que ve su compañero
org-admin-scope-hint = Limite lo que ve su compañero. Solo se puede elegir lo que usted mismo ve; donde usted está limitado, su compañero también debe estarlo.
org-admin-list-keep = Mantener la selección actual ({ $count })
org-admin-list-matching-objects = Solo los objetos que coinciden con esta búsqueda
org-admin-list-matching-claims = Solo los siniestros que coinciden con esta búsqueda
org-admin-list-search = Texto de búsqueda
org-admin-list-hint-objects = Por ejemplo una sede, una calle, un código postal o un número de póliza; se elige cada objeto que usted ve y que coincide. Vacío: cada objeto que usted ve.
org-admin-list-hint-claims = Por ejemplo un número de siniestro, un lugar o un código postal; se elige cada siniestro que usted ve y que coincide. Vacío: cada siniestro que usted ve.
org-admin-own-entry = Su propio perfil de permisos y sus restricciones los define su corredor de seguros.
org-admin-denied-profile = Este perfil de permisos permite más que el suyo. No se ha cambiado nada.
org-admin-denied-scope = Estas restricciones mostrarían más de lo que usted mismo ve. No se ha cambiado nada.
org-admin-refused-last-admin = Usted es el último administrador activo de su organización y no puede desactivarse. No se ha cambiado nada.
org-admin-refused-self = Su propio perfil de permisos y sus restricciones los define su corredor de seguros. No se ha cambiado nada.
org-admin-summary-lead = Lo que verá su compañero con las restricciones guardadas:
org-admin-pick-intro-objects = Busque entre los objetos que usted mismo ve por descripción, dirección, código postal, ciudad, matrícula o número de póliza y añada objetos sueltos o todos los que coincidan con la búsqueda (por ejemplo, todos los objetos de un código postal).
org-admin-pick-intro-claims = Busque entre los siniestros que usted mismo ve por número de siniestro, lugar, objeto, código postal o número de póliza y añada siniestros sueltos o todos los que coincidan con la búsqueda.
