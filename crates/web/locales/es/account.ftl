## Contraseñas (FEATURES C2)
password-too-short = La contraseña es demasiado corta. Elija una más larga; una frase de varias palabras es fácil de recordar.
password-too-long = La contraseña puede tener como máximo 1024 caracteres.
password-common = Esta contraseña es una de las más comunes. Elija otra, por favor.
password-contains-email = La contraseña no debe contener su dirección de correo electrónico.
password-contains-name = La contraseña no debe contener su nombre.
password-min-length-hint = Al menos { $min } caracteres. No se exigen caracteres especiales: una frase de varias palabras es segura y fácil de recordar.
password-settings-title = Contraseñas
password-settings-lead = Toda contraseña nueva debe alcanzar esta longitud y no puede ser una contraseña común ni contener la dirección de correo electrónico o el nombre del usuario.
password-settings-min-length = Longitud mínima de la contraseña
password-settings-min-length-hint = Un número entero de { $floor } a { $max }. Se aplica a las contraseñas que se establezcan a partir de ahora.
password-settings-save = Guardar
password-settings-saved = La longitud mínima se ha guardado.
password-min-length-invalid = Introduzca un número entero de 8 a 1024.

## Mi cuenta (issue 8)
account-title = Mi cuenta
account-language = Idioma
account-language-label = Idioma del portal y de los correos electrónicos
account-language-save = Guardar idioma
account-language-saved = Su idioma se ha guardado.
account-language-invalid = Elija uno de los idiomas ofrecidos.
account-password = Cambiar contraseña
account-password-intro = Introduzca su contraseña actual para confirmar que es usted. Tras el cambio, seguirá conectado aquí y se cerrarán sus sesiones en todos los demás sitios.
account-current-password = Contraseña actual
account-new-password = Nueva contraseña
account-new-password-repeat = Repita la nueva contraseña
account-password-save = Cambiar contraseña
account-password-changed = Su contraseña se ha cambiado. Se han cerrado todas sus demás sesiones.
account-password-mismatch = Las dos contraseñas nuevas no coinciden.
account-password-wrong = La contraseña actual no es correcta.
account-sessions = Sesiones activas
account-sessions-intro = Ha iniciado sesión en estos dispositivos. Si no reconoce alguno, cierre su sesión y cambie su contraseña.
account-device-col = Dispositivo
account-address = Dirección IP
account-created = Inicio de sesión
account-last-use = Último uso
account-actions = Acciones
account-this-session = esta sesión
account-end-session = Cerrar sesión
account-end-session-of = Cerrar la sesión de { $device }, iniciada el { $created }
account-end-others = Cerrar sesión en todos los demás sitios
account-session-ended = La sesión se ha cerrado.
account-others-ended = Se han cerrado todas las demás sesiones.
account-sign-ins = Historial de inicios de sesión
account-time = Fecha y hora
account-result = Resultado
account-sign-in-ok = Sesión iniciada
account-sign-in-failed = Fallido
account-sign-ins-none = No se han registrado inicios de sesión en los últimos 30 días.
account-consents = Condiciones aceptadas
account-consent-entry = { $document }, versión { $version }, aceptada el { $date }
account-consents-none = Todavía no ha aceptado ninguna condición.
account-device = { $browser } en { $os }
account-device-unknown = Navegador desconocido

## Consentimiento (D5)
consent-title = Acepte nuestras condiciones
consent-intro = Antes de continuar, lea y acepte las condiciones de uso y la política de privacidad vigentes.
consent-read-terms = Leer las condiciones de uso (versión { $version })
consent-read-privacy = Leer la política de privacidad (versión { $version })
consent-accept-terms = Acepto las condiciones de uso (versión { $version }).
consent-accept-privacy = He leído la política de privacidad (versión { $version }) y la acepto.
consent-submit = Aceptar y continuar
consent-decline = ¿No desea aceptar ahora?
consent-required = Marque esta casilla para continuar.

## Enlaces legales (D5)
legal-website = Sitio web del corredor de seguros
legal-version = Versión { $version }
legal-settings-title = Enlaces legales y consentimiento
legal-settings-lead = Condiciones de uso, política de privacidad, aviso legal y sitio web del corredor de seguros por entidad e idioma: un enlace a su propia página o un texto que se muestra en el portal. Sin ninguno de los dos, el portal muestra su página integrada.
legal-settings-saved = Los enlaces legales se han guardado.
legal-settings-published-terms = Se ha publicado una nueva versión de las condiciones de uso. Los clientes la aceptan en su próxima página.
legal-settings-published-privacy = Se ha publicado una nueva versión de la política de privacidad. Los clientes la aceptan en su próxima página.
legal-settings-tenant = Entidad
legal-settings-language = Idioma
legal-settings-show = Mostrar
legal-settings-texts = Páginas en { $language }
legal-settings-texts-hint = Un enlace (https://…) tiene prioridad sobre un texto. Separe los párrafos de un texto con una línea vacía.
legal-settings-url = Enlace
legal-settings-text = Texto
legal-settings-save = Guardar
legal-settings-versions = Versiones que deben aceptarse
legal-settings-versions-hint = Los clientes deben aceptar las condiciones de uso y la política de privacidad vigentes antes de usar el portal. Publique una nueva versión tras un cambio que los clientes deban aceptar de nuevo.
legal-settings-current-terms = Condiciones de uso: versión { $version } (0 = ninguna publicada).
legal-settings-current-privacy = Política de privacidad: versión { $version } (0 = ninguna publicada).
legal-settings-publish-terms = Publicar una nueva versión de las condiciones de uso
legal-settings-publish-privacy = Publicar una nueva versión de la política de privacidad
legal-url-invalid = Introduzca una dirección web completa que empiece por https:// o http://.
legal-text-too-long = El texto puede tener como máximo 50 000 caracteres.

account-two-factor-manage = Configurar o gestionar la autenticación de dos factores (aplicación de autenticación, códigos de recuperación)
