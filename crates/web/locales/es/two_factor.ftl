# Autenticación de dos factores
two-factor-login-title = Autenticación de dos factores
two-factor-login-intro = Su contraseña es correcta. Introduzca el código de su aplicación de autenticación o uno de sus códigos de recuperación.
two-factor-code = Código
two-factor-code-hint = Seis dígitos de la aplicación o un código de recuperación como abcde-fghjk.
two-factor-login-submit = Confirmar
two-factor-login-cancel = Cancelar el inicio de sesión
two-factor-enrol-title = Configurar una aplicación de autenticación
two-factor-enrol-required = Su corredor de seguros exige la autenticación de dos factores para su cuenta. Configúrela ahora para continuar.
two-factor-enrol-step-app = Abra una aplicación de autenticación en su teléfono (por ejemplo, de la tienda de aplicaciones de su teléfono).
two-factor-enrol-step-scan = Escanee el código QR o introduzca la clave que aparece debajo.
two-factor-enrol-step-code = Introduzca el código de seis dígitos que muestra la aplicación.
two-factor-enrol-qr-alt = Código QR para su aplicación de autenticación
two-factor-enrol-secret = Clave para introducir a mano:
two-factor-enrol-submit = Confirmar y activar
two-factor-codes-title = Sus códigos de recuperación
two-factor-codes-intro = Guarde estos códigos en un lugar seguro. Cada uno le permite iniciar sesión una vez si no tiene su teléfono. Solo se muestran ahora.
two-factor-codes-continue = He guardado los códigos
two-factor-title = Autenticación de dos factores
two-factor-intro = Un segundo factor protege su cuenta aunque alguien conozca su contraseña.
two-factor-current-password = Contraseña actual
two-factor-totp-heading = Aplicación de autenticación
two-factor-totp-on = La autenticación de dos factores con una aplicación está activada.
two-factor-totp-off = La autenticación de dos factores está desactivada.
two-factor-totp-remove = Desactivar
two-factor-totp-set-up = Configurar
two-factor-codes-heading = Códigos de recuperación
two-factor-codes-left = { $count ->
    [one] Queda un código de recuperación sin usar.
   *[other] Quedan { $count } códigos de recuperación sin usar.
}
two-factor-codes-regenerate = Crear nuevos códigos de recuperación
two-factor-removed = Se ha eliminado la aplicación de autenticación.
two-factor-reset-title = Restablecer la autenticación de dos factores
two-factor-reset-intro = Esto elimina la aplicación de autenticación, los códigos de recuperación y las llaves de acceso del usuario y cierra todas sus sesiones. Se le informará por correo electrónico.
two-factor-reset-submit = Restablecer
two-factor-reset-done = Se ha restablecido la autenticación de dos factores y se ha informado al usuario.
two-factor-reset-mail-subject = Se ha restablecido su autenticación de dos factores
two-factor-reset-mail-body = Hola, { $name }:
    
    su corredor de seguros ha restablecido la autenticación de dos factores de su cuenta del portal de clientes. En su próximo inicio de sesión podrá configurarla de nuevo.
    
    Si usted no lo ha solicitado, póngase en contacto con su corredor de seguros.
two-factor-policy-title = Autenticación de dos factores
two-factor-policy-intro = Quién debe iniciar sesión con un segundo factor. Los administradores del corredor siempre deben hacerlo.
two-factor-policy-legend = Obligatoria para
two-factor-policy-nobody = Nadie más
two-factor-policy-organizations = Usuarios de organizaciones que lo exigen
two-factor-policy-staff = Todo el personal del corredor
two-factor-policy-everyone = Todos
two-factor-policy-saved = Guardado.
two-factor-policy-save = Guardar
two-factor-code-malformed = Introduzca los seis dígitos de su aplicación o un código de recuperación.
two-factor-code-wrong = Este código no es correcto.
two-factor-code-used = Este código ya se ha utilizado. Espere al siguiente.
two-factor-password-wrong = La contraseña no es correcta.
