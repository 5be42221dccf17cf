upload-title = Subir documentos
upload-back = Volver al registro
upload-link = Subir documentos
upload-received = { $count ->
    [one] Gracias: su documento ha llegado y aparece entre los documentos del registro.
   *[other] Gracias: sus { $count } documentos han llegado y aparecen entre los documentos del registro.
}
upload-intro = Envíenos documentos para este registro: PDF, fotos (JPEG, PNG, HEIC, TIFF), documentos de Office o texto sin formato, de hasta { $mib } MiB cada uno y { $max } a la vez.
upload-type = Tipo de documento
upload-type-choose = Elija una opción
upload-type-none = Sin especificar
upload-files = Archivos
upload-files-hint = Puede elegir varios archivos. Cada uno puede tener hasta { $mib } MiB.
upload-send = Enviar documentos
upload-error-too-large = Un archivo supera { $mib } MiB. No se ha guardado nada; envíe un archivo más pequeño.
upload-error-empty = Un archivo está vacío. No se ha guardado nada.
upload-error-type-not-allowed = Un archivo no es de un tipo admitido (PDF, JPEG, PNG, HEIC, TIFF, documento de Office o texto sin formato). No se ha guardado nada.
upload-error-type-mismatch = El contenido de un archivo no corresponde a la extensión de su nombre. No se ha guardado nada.
upload-error-no-file = Elija al menos un archivo.
upload-error-too-many = Envíe como máximo { $max } archivos a la vez. No se ha guardado nada.
upload-error-type-missing = Elija el tipo de documento.
upload-error-type-unknown = Elija un tipo de documento de la lista.
upload-settings-title = Subida de documentos
upload-settings-saved = Se ha guardado la configuración de subida.
upload-settings-types = Tipos de documento que eligen los clientes
upload-settings-mandatory = Elegir el tipo de documento es obligatorio
upload-settings-limit = Archivo más grande en MiB
upload-settings-save = Guardar
upload-settings-limit-invalid = Introduzca un número entero de { $min } a { $max }.
upload-settings-types-invalid = Elija al menos un tipo de documento.
