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
