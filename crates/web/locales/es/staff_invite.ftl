# Invitar empleados, cambiar rol y entidades (administración)
staff-invite-title = Invitar a un empleado
staff-invite-intro = La persona invitada recibe un correo electrónico con un enlace para establecer su contraseña. Hasta entonces no puede iniciar sesión.
staff-invite-tenants-hint = Verá los clientes y casos de las entidades marcadas. Sin entidad: todas las entidades (solo administradores, y solo asignado por administradores de todas las entidades).
staff-invite-tenant-unknown = Esta entidad no se puede asignar aquí.
staff-invite-tenants-required = Marque al menos una entidad.
staff-invite-done = Se ha enviado la invitación.
staff-role-form-title = Rol y entidades
staff-role-save = Guardar rol y entidades
staff-role-done = Se han cambiado el rol y las entidades; se aplican a partir de la próxima página que abra la persona.
staff-users-own-change = No puede cambiar su propio rol ni sus entidades; pida a otro administrador.
