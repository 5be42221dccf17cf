## Contract master sheet, PDF (FEATURES B10)
sheet-download = Descargar la ficha del contrato (PDF)
sheet-title = Ficha del contrato
sheet-file-name = Ficha-del-contrato-{ $number }.pdf
sheet-organization = Organización: { $name }
sheet-premium = Prima actual
sheet-contacts = Sus interlocutores
sheet-office = Su corredor de seguros
sheet-office-hours = Horario de atención: { $name }
sheet-created = Generada el { $date } en el portal de clientes
sheet-page = Página { $page } de { $pages }
