## Listas: lo que comparten todas las listas
list-search-label = Buscar
list-total = { $count ->
    [one] { $count } registro
   *[other] { $count } registros
}
list-export-csv = Descargar como CSV
list-empty = Todavía no hay registros aquí.
list-empty-filtered = No se ha encontrado nada. Cambie la búsqueda o los filtros.
filter-reset = Restablecer filtros
filter-range-from = desde
filter-range-to = hasta
filter-invalid-choice = Este valor no existe; el filtro no se ha aplicado.
filter-invalid-date = Introduzca una fecha (p. ej., 31/12/2026); el filtro no se ha aplicado.
filter-invalid-amount = Introduzca un importe (p. ej., 1.250,00); el filtro no se ha aplicado.
filter-range-reversed = El final es anterior al inicio; no se ha aplicado.
filter-premium = Prima (bruta)
contracts-filter-label = Filtrar contratos
claims-filter-label = Filtrar siniestros
objects-filter-label = Filtrar objetos
finances-filter-label = Filtrar finanzas
customers-filter-label = Filtrar clientes
documents-filter-label = Filtrar documentos

## Menú
nav-customers = Clientes
nav-objects = Objetos
nav-claims = Siniestros
nav-documents = Documentos
nav-finances = Finanzas

## Títulos de página
claims-title = Siniestros
objects-title = Objetos asegurados
finances-title = Finanzas
customers-title = Clientes
documents-title = Documentos

## Columnas
col-claim-type = Tipo de siniestro
col-reserve = Reserva
col-paid = Pago
col-currency = Moneda
col-place = Lugar del siniestro
col-city = Localidad
col-plate = Matrícula
col-street = Calle
col-postal-code = Código postal
col-finance-number = Número
col-issued = Fecha de emisión
col-due = Vencimiento
col-amount = Importe
col-payment-state = Estado del pago
col-paid-on = Pagado el
col-customer-number = Número de cliente
col-contracts = Contratos
col-document = Documento
col-document-type = Tipo de documento
col-context = Pertenece a
col-context-kind = Ámbito
col-received = Recibido
col-file-name = Nombre del archivo
col-size = Tamaño (bytes)
claim-without-number = (sin número)
finance-open = pendiente
finance-paid = pagado
documents-only-new = Solo nuevos
documents-new = nuevo

## A qué pertenece un documento
document-context-customer = Cliente
document-context-contract = Contrato
document-context-object = Objeto
document-context-claim = Siniestro
document-context-finance = Recibo o abono

## Nombres de los archivos descargados (solo letras, cifras y guiones)
file-contracts = contratos
file-claims = siniestros
file-objects = objetos
file-finances = finanzas
file-customers = clientes
file-documents = documentos

## Tipos de siniestro (kp_domain::ClaimType)
claim-type-water = Daños por agua
claim-type-storm = Tormenta/granizo
claim-type-fire = Incendio
claim-type-burglary = Robo con fuerza
claim-type-theft = Hurto
claim-type-glass = Rotura de cristales
claim-type-collision = Accidente/colisión
claim-type-liability = Responsabilidad civil
claim-type-machine_breakdown = Avería de maquinaria
claim-type-transport_damage = Daños en el transporte
claim-type-natural_hazard = Riesgos de la naturaleza
claim-type-personal_injury = Daños personales
claim-type-other = Otro siniestro

## Tipos de documento (kp_domain::DocumentType)
document-type-policy = Póliza
document-type-offer = Oferta
document-type-invoice = Recibo de prima
document-type-dunning = Requerimiento de pago
document-type-certificate = Certificado
document-type-claim_letter = Correspondencia del siniestro
document-type-claim_report = Parte de siniestro
document-type-claim_photo = Foto del siniestro
document-type-expert_report = Informe pericial
document-type-correspondence = Correspondencia
document-type-other = Otro documento

# Staff-only list columns (back office id, tenant)
col-external-id = ID de gestión
col-tenant = Entidad
