# Perfiles de permisos (D2): las páginas del personal, las etiquetas del
# catálogo de campos, la asignación en la página del usuario y la vista previa.
nav-profiles = Perfiles de permisos
function-manage_users = Gestionar usuarios

field-key-customer-bank = Datos bancarios
field-key-contract-insurer = Aseguradora
field-key-contract-premium = Prima (neta, bruta, historial)
field-key-contract-sum-insured = Suma asegurada
field-key-contract-deductible = Franquicia
field-key-object-value = Valor
field-key-claim-reserve = Reserva
field-key-claim-paid = Importe pagado
field-key-finance-amount = Importe

profiles-record-customer = Clientes
profiles-record-contract = Contratos
profiles-record-object = Objetos
profiles-record-claim = Siniestros
profiles-record-finance_item = Facturas y abonos

profiles-title = Perfiles de permisos
profiles-intro = Un perfil decide qué áreas del menú, funciones y campos reciben los usuarios del portal que lo tienen. Qué registros ven lo decide su ámbito.
profiles-filter-label = Filtrar perfiles
profiles-organization = Organización
profiles-filter-all = Todos (de todo el corredor y de cada organización)
profiles-filter = Filtrar
profiles-new = Nuevo perfil
profiles-name = Nombre
profiles-areas = Áreas del menú
profiles-functions = Funciones
profiles-hidden-count = Campos ocultos
profiles-users = Usuarios
profiles-broker-wide = Todo el corredor
profiles-none = Todavía no hay perfiles.
profiles-done-deleted = El perfil se ha eliminado.

profiles-new-title = Nuevo perfil de permisos
profiles-edit-title = Perfil de permisos
profiles-used-by = { $count ->
    [one] Asignado a un usuario
   *[other] Asignado a { $count } usuarios
}
profiles-functions-hint = Una función de un área oculta tampoco está disponible.
profiles-fields = Campos
profiles-fields-hint = Los campos marcados se muestran; los demás no aparecen en listas, páginas, exportaciones CSV ni informes PDF.
profiles-save = Guardar
profiles-create = Crear perfil
profiles-actions = Más acciones
profiles-preview = Vista previa
profiles-copy = Copiar
profiles-delete = Eliminar
profiles-done-created = El perfil se ha creado.
profiles-done-saved = El perfil se ha guardado. Sus usuarios reciben el cambio en su próxima página.
profiles-done-copied = Esta es la copia. Cámbiele el nombre y modifíquela según necesite.
profiles-stale = Este perfil se modificó después de abrir la página. No se ha guardado nada; aquí lo tiene en su estado actual.
profiles-refused-in-use = Hay usuarios que todavía tienen este perfil. Asígneles antes otro; no se ha eliminado nada.
profiles-error-name = Introduzca un nombre de 120 caracteres como máximo.
profiles-error-organization = Elija una de sus organizaciones o «Todo el corredor».
profiles-copy-name = Copia de { $name }

profiles-assign-heading = Perfil de permisos
profiles-assign-hint = Perfiles de todo el corredor y los de la organización del usuario. El cambio se aplica a partir de la próxima página del usuario.
profiles-assign = Guardar perfil
profiles-done-assigned = El perfil de permisos se ha guardado.
profiles-assign-unknown = Este perfil no existe (o ya no existe). No se ha cambiado nada.
profiles-assign-other-organization = Este perfil pertenece a otra organización y no se puede asignar a este usuario. No se ha cambiado nada.

profiles-preview-title = Vista previa del perfil
profiles-preview-heading = Lo que ve «{ $name }»
profiles-preview-intro = El portal tal como lo ve un usuario de la organización con este perfil.
profiles-preview-organization = Organización de la vista previa
profiles-preview-show = Mostrar
profiles-preview-shown = visible
profiles-preview-hidden = oculta
profiles-preview-allowed = permitida
profiles-preview-not-allowed = no permitida
profiles-preview-hidden-fields = Campos ocultos
profiles-preview-no-hidden = Ninguno: se muestran todos los campos.
profiles-preview-sample = Contrato de ejemplo
profiles-preview-no-contracts = Los usuarios con este perfil no ven contratos.
profiles-preview-no-sample = La organización no tiene ningún contrato que mostrar.
profiles-error-broker-wide = Los perfiles de todo el corredor se aplican en todas las entidades; solo un administrador de todas las entidades puede crearlos. Elija una organización.
profiles-refused-broker-wide = Los perfiles de todo el corredor se aplican en todas las entidades; solo un administrador de todas las entidades puede modificarlos o eliminarlos. No se ha modificado nada.
profiles-preview-portal = El portal con este perfil
profiles-preview-menu = Menú
profiles-preview-lists-intro = Las primeras filas de cada lista que muestra el perfil, con las columnas del portal. Los botones no funcionan en la vista previa.
profiles-preview-no-organization = No hay ninguna organización con la que mostrar el portal.
