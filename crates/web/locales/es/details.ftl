## Páginas de detalle: siniestro, objeto asegurado, cliente, y lo que se
## añade a la página del contrato (cotomadores, partidas, documentos,
## Comunes a las páginas de detalle
details-external-id = ID de gestión
details-created-at = Creado el
details-documents = Documentos
details-col-document = Documento
details-col-file = Archivo
details-col-received = Recibido el
details-col-download = Descargar
details-size-kb = { $count } KB
details-download = Descargar
details-download-named = Descargar { $name }
details-no-documents = No hay documentos archivados aquí.
details-contacts = Sus contactos en la correduría
details-contacts-staff = Responsables en la correduría
details-role-account_manager = Gestor de cuenta
details-role-clerk = Gestor
details-role-claims_handler = Tramitador de siniestros
details-no-contacts = Todavía no se ha asignado ningún contacto.

## Página del siniestro
claim-title = Siniestro
claim-heading = Siniestro { $number }
claim-back-to-contract = Volver al contrato { $number }
claim-data = Datos del siniestro
claim-broker-number = Número de siniestro del corredor
claim-insurer-number = Número de siniestro de la aseguradora
claim-reported-on = Declarado el
claim-place = Lugar del siniestro
claim-type = Tipo de siniestro
claim-cause = Causa
claim-reserve = Reserva
claim-paid = Pagado
claim-timeline = Historial de estados
claim-no-history = Todavía no se ha registrado ningún cambio de estado.

## Página de un objeto asegurado
object-title = Objeto asegurado
object-back-to-contract = Volver al contrato { $number }
object-data = Datos del objeto
object-address = Dirección
object-plate = Matrícula
object-vin = Número de bastidor (VIN)
object-make-model = Marca y modelo
object-first-registration-year = Año de fabricación
object-manufacturer = Fabricante
object-model = Modelo
object-serial-number = Número de serie
object-year-built = Año de fabricación
object-construction-year = Año de construcción
object-value = Valor asegurado
object-no-claims = No hay siniestros registrados para este objeto.

## Página del cliente
customer-title = Cliente
customer-number-value = Número de cliente { $number }
customer-data = Datos maestros
customer-number = Número de cliente
customer-kind = Tipo de cliente
customer-name = Nombre
customer-birth-date = Fecha de nacimiento
customer-company = Empresa
customer-address = Dirección
customer-email = Correo electrónico
customer-phone = Teléfono
customer-iban = IBAN
customer-bic = BIC
customer-account-holder = Titular de la cuenta
customer-contracts = Contratos
customer-col-role = Función
customer-role-policyholder = Tomador del seguro
customer-role-co-insured = Cotomador
customer-no-contracts = No hay contratos registrados para este cliente.

## Lo que se añade a la página del contrato
contract-policyholder = Tomador del seguro
contract-co-insured = Cotomadores
contract-finance-items = Recibos y pagos
contract-no-finance-items = No hay recibos registrados para este contrato.
contract-finance-col-number = Número
contract-finance-col-issued = Emitido el
contract-finance-col-due = Vencimiento
contract-finance-col-amount = Importe
contract-finance-col-paid = Pago
contract-finance-paid-on = Pagado el { $date }
contract-finance-paid = Pagado
contract-finance-open = Pendiente
