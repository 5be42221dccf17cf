# El paso «Documentos y fotos» del asistente de declaración de siniestro (issue 10: A4, A7).
claim-wizard-step-documents = Documentos y fotos
claim-photos-lead = Fotos de los daños, facturas, un atestado policial: añádalos aquí si los tiene. Nos llegan con su declaración de siniestro. También puede continuar sin ellos.
claim-photos-list = Añadidos hasta ahora
claim-photos-col-name = Archivo
claim-photos-col-size = Tamaño
claim-photos-none = Todavía no hay documentos ni fotos.
claim-photos-remove = Quitar
claim-photos-remove-file = Quitar { $name }
claim-photos-add-heading = Añadir documentos y fotos
claim-photos-files = Archivos o fotos
claim-photos-files-hint = Puede elegir varios archivos a la vez o hacer una foto. PDF, fotos (JPEG, PNG, HEIC, TIFF), documentos de Office o texto sin formato, hasta { $mib } MiB cada uno y { $max } en total.
claim-photos-progress = Progreso de la subida
claim-photos-add = Añadir
claim-photos-added = { $count ->
    [one] Se ha añadido un archivo.
   *[other] Se han añadido { $count } archivos.
}
claim-photos-removed = El archivo se ha quitado.
claim-photos-not-allowed = Su acceso no incluye el envío de documentos. Continúe sin ellos; su corredor le preguntará si falta algo.
claim-photos-summary-none = ningún documento ni foto
