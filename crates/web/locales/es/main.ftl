skip-to-content = Ir al contenido
logout = Cerrar sesión
nav-label = Navegación principal
nav-home = Resumen
nav-staff-home = Área de trabajo
language-label = Elegir idioma
language-name-de = Alemán
language-name-en = Inglés
language-name-fr = Francés
language-name-es = Español
footer-label = Información legal
legal-imprint = Aviso legal
legal-privacy = Política de privacidad
legal-terms = Condiciones de uso
legal-imprint-text = El corredor de seguros indicado arriba es responsable del contenido de este portal de clientes.
legal-privacy-text = Sus datos se tratan únicamente para gestionar sus contratos de seguro. Los mensajes y documentos permanecen en el portal; los correos electrónicos solo le avisan de que hay algo nuevo.
legal-terms-text = El portal está a disposición de los clientes del corredor para gestionar sus seguros. Los datos de acceso son personales y no deben compartirse.
contact-phone = Teléfono
contact-email = Correo electrónico
login-title = Iniciar sesión
login-intro = Inicie sesión con su correo electrónico y su contraseña.
login-email = Correo electrónico
login-password = Contraseña
login-submit = Iniciar sesión
login-failed = El correo electrónico o la contraseña no son correctos.
login-too-many = Demasiados intentos fallidos. Vuelva a intentarlo { $count ->
        [one] dentro de un minuto
       *[other] dentro de { $count } minutos
    } como máximo.
login-busy = El inicio de sesión está sobrecargado en este momento. Vuelva a intentarlo en unos segundos.
home-title = Resumen
home-greeting = Bienvenido/a, { $name }
home-customer-intro = Todo sobre sus seguros de un vistazo.
home-staff-intro = Sesión iniciada como { $role }. Su cartera de un vistazo:
home-overview = Resumen
home-customers-in-scope = Está viendo los datos de { $count } clientes.
count-contracts = { $count ->
    [one] contrato
   *[other] contratos
}
count-objects = { $count ->
    [one] objeto asegurado
   *[other] objetos asegurados
}
count-claims = { $count ->
    [one] siniestro
   *[other] siniestros
}
count-open-claims = { $count ->
    [one] siniestro abierto
   *[other] siniestros abiertos
}
count-documents = { $count ->
    [one] documento
   *[other] documentos
}
count-open-invoices = { $count ->
    [one] recibo pendiente
   *[other] recibos pendientes
}
count-customers = { $count ->
    [one] cliente
   *[other] clientes
}
role-admin = administrador
role-clerk = gestor
role-account_manager = gestor de cuenta
error-404-title = Página no encontrada
error-404-message = La página solicitada no existe o no es visible para usted.
error-403-title = Acción no posible
error-403-message = El formulario ha caducado o la acción no está permitida. Recargue la página e inténtelo de nuevo.
error-500-title = Se ha producido un error
error-500-message = Se ha producido un error inesperado. Inténtelo de nuevo más tarde.
error-400-title = Solicitud no comprensible
error-400-message = La solicitud contenía datos que no se pueden procesar. Vuelva a cargar la página e inténtelo de nuevo.
error-408-title = Tiempo de espera agotado
error-408-message = El procesamiento ha tardado demasiado. Inténtelo de nuevo.
error-409-title = Los datos han cambiado entretanto
error-409-message = Su cambio ya no coincide con los datos guardados. Vuelva a cargar la página y compruebe sus datos.
error-413-title = Solicitud demasiado grande
error-413-message = Los datos enviados superan el tamaño permitido. Envíe menos datos o archivos más pequeños.
error-422-title = Datos incompletos o no válidos
error-422-message = Algunos datos no se han podido aceptar. Vuelva atrás y revise el formulario.
error-429-title = Demasiadas solicitudes
error-429-message = Espere un momento y vuelva a intentarlo.
error-503-title = No disponible temporalmente
error-503-message = El portal está muy ocupado en este momento. Inténtelo de nuevo en unos segundos.
form-required = Rellene este campo.
error-request-id = Referencia
error-back-home = Volver a la página de inicio
lob-life = Vida
lob-health = Salud
lob-accident = Accidentes
lob-personal_liability = Responsabilidad civil privada
lob-general_liability = Responsabilidad civil general
lob-motor = Automóviles
lob-motor_fleet = Flota de vehículos
lob-legal_expenses = Defensa jurídica
lob-fire = Incendio
lob-glass = Rotura de cristales
lob-household_contents = Contenido del hogar
lob-residential_building = Continente de vivienda
lob-cargo = Transporte de mercancías
lob-engineering = Seguros técnicos
lob-commercial_contents = Contenido comercial

## Contract types (kp_domain::ContractType; glossary: Vertragsart)
contract-type-individual = Contrato individual
contract-type-framework = Contrato marco
contract-type-fleet = Contrato de flota
contract-type-open_cover = Póliza abierta

## Contract status (kp_domain::ContractStatus; glossary: Vertragsstatus)
contract-status-offer = Oferta
contract-status-active = En vigor
contract-status-suspended = Suspendido
contract-status-cancelled = Anulado
contract-status-expired = Vencido

## Payment frequency (kp_domain::PaymentFrequency; glossary: Zahlungsweise)
payment-frequency-monthly = Mensual
payment-frequency-quarterly = Trimestral
payment-frequency-half_yearly = Semestral
payment-frequency-yearly = Anual
payment-frequency-single = Prima única

## Claim status (kp_domain::ClaimStatus; glossary: Schaden)
claim-status-reported = Declarado
claim-status-in_review = En tramitación
claim-status-accepted = Aceptado
claim-status-settled = Liquidado
claim-status-rejected = Rehusado
claim-status-closed = Cerrado

## Kinds of insured object / risk (kp_domain::ObjectKind)
object-kind-building = Edificio
object-kind-vehicle = Vehículo
object-kind-location = Ubicación
object-kind-machine = Máquina
object-kind-person = Persona
object-kind-goods = Mercancías
object-kind-other = Otro

## Customer kinds (kp_domain::CustomerKind)
customer-kind-person = Particular
customer-kind-company = Empresa

## Finance item kinds (kp_domain::FinanceKind; glossary: Beitragsrechnung, Mahnung)
finance-kind-invoice = Recibo de prima
finance-kind-credit = Extorno
finance-kind-dunning = Requerimiento de pago

## Portal user status (kp_domain::PortalUserStatus)
portal-user-status-invited = Invitado
portal-user-status-active = Activo
portal-user-status-inactive = Inactivo

## Menu areas a permission profile can show or hide (kp_domain::MenuArea); short menu labels
area-contracts = Contratos
area-objects = Objetos/Riesgos
area-claims = Siniestros
area-documents = Documentos
area-finances = Finanzas
area-messages = Mensajes
area-reports = Informes
area-certificates = Certificados de seguro
area-administration = Administración

## Functions a permission profile can enable (kp_domain::Function); short action names
function-report_claim = Declarar un siniestro
function-upload_document = Subir un documento
function-change_request = Solicitar un cambio
function-send_message = Enviar un mensaje
function-appointment_request = Solicitar una cita
function-issue_certificate = Emitir un certificado de seguro
function-download_reports = Descargar informes
function-export_data = Exportar datos

## Contratos (lista y página del contrato)
nav-contracts = Contratos
contracts-title = Contratos
filter-all = Todos
filter-submit = Mostrar
contracts-back = Volver a los contratos
col-policy-number = Número de póliza
col-customer = Cliente
col-insurer = Aseguradora
col-line = Ramo
col-status = Estado
col-start = Fecha de efecto
col-premium = Prima (total)
pager-label = Páginas
pager-previous = Página anterior
pager-next = Página siguiente
pager-position = Página { $page } de { $pages }
contract-title = Contrato
contract-heading = Contrato { $number }
data-as-of = Datos a { $date }
contract-data = Datos del contrato
field-contract-type = Tipo de contrato
field-description = Descripción
field-end = Vencimiento
field-main-due-date = Vencimiento principal
field-payment-frequency = Periodicidad de pago
field-premium-net = Prima (neta)
field-premium-gross = Prima (total)
field-sum-insured = Suma asegurada
field-deductible = Franquicia
contract-objects = Objetos / riesgos asegurados
contract-no-objects = No hay objetos registrados para este contrato.
col-object = Objeto
col-kind = Tipo
col-site = Ubicación
contract-claims = Siniestros
contract-no-claims = No hay siniestros registrados para este contrato.
col-claim-number = Número de siniestro
col-date-of-loss = Fecha del siniestro
