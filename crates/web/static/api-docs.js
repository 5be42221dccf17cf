// Starts Swagger UI on /api/docs with the portal's OpenAPI document. A file
// of its own because the CSP allows no inline script.
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-spec"),
    domNode: root,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // No badge fetched from the Swagger validator: nothing leaves the portal.
    validatorUrl: null,
    tryItOutEnabled: false,
    persistAuthorization: false,
  });
});
