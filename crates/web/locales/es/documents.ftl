## Documents (A6): a document's page, preview and download.

document-title = Documento
document-new = Nuevo
document-download = Descargar
document-open-preview = Abrir en una pestaña nueva
document-data = Datos del documento
document-field-type = Tipo de documento
document-field-customer = Cliente
document-field-contract = Contrato
document-field-object = Objeto asegurado
document-field-claim = Siniestro
document-field-file-name = Nombre del archivo
document-field-size = Tamaño
document-field-date = Puesto a disposición el
document-field-source = Origen
document-size-kib = { $kib } KB
document-source-portal = Subido en el portal
document-source-back_office = Facilitado por su corredor de seguros
document-preview = Vista previa
document-no-preview = No hay vista previa para este tipo de archivo. Descargue el documento, por favor.
