## Contact page (FEATURES D21)
nav-contact = Contacto
contact-title = Contacto
contact-heading = Contacte con su corredor
contact-intro = Cómo ponerse en contacto con nosotros y con sus interlocutores personales.
contact-people = Sus interlocutores
contact-offices = Su corredor de seguros
contact-office-hours = Horario de atención
contact-no-offices = Todavía no hay ninguna entidad del corredor asignada a su acceso.
contact-role-account_manager = Gestor de cuenta
contact-role-clerk = Gestor
contact-role-claims_handler = Tramitador de siniestros
