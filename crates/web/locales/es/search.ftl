## Búsqueda para empleados (issue 7)
search-title = Búsqueda
search-label = Buscar clientes, contratos, matrículas, siniestros
search-submit = Buscar
search-heading = Búsqueda
search-too-short = Introduzca al menos { $min } caracteres: un nombre, un número de cliente, un número de póliza, una matrícula o un número de siniestro.
search-summary = { $count ->
    [one] Un resultado para «{ $text }»
   *[other] { $count } resultados para «{ $text }»
}
search-nothing = No se ha encontrado nada. Compruebe la ortografía o busque otro número.
search-customers = Clientes ({ $count })
search-contracts = Contratos ({ $count })
search-objects = Objetos asegurados ({ $count })
search-claims = Siniestros ({ $count })
search-all-customers = Mostrar los { $count } clientes
search-all-contracts = Mostrar los { $count } contratos
search-all-objects = Mostrar los { $count } objetos asegurados
search-all-claims = Mostrar los { $count } siniestros
search-col-customer = Cliente
search-col-customer-number = Número de cliente
search-col-email = Correo electrónico
search-col-place = Localidad
search-col-policy-number = Número de póliza
search-col-line = Ramo
search-col-status = Estado
search-col-object = Objeto asegurado
search-col-plate = Matrícula
search-col-vin = Número de bastidor (VIN)
search-col-claim-number = Número de siniestro
search-col-insurer-claim-number = Número de siniestro de la aseguradora
search-col-date-of-loss = Fecha del siniestro
