// Starts Swagger UI on the page's own OpenAPI document (no inline script: the CSP forbids it).
window.addEventListener('load', function () {
  var el = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({ url: el.dataset.spec, dom_id: '#swagger-ui' });
});
