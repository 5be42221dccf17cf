//! `GET /api/docs`: the interactive API reference (Swagger UI) over the
//! OpenAPI document. Its script and styles are embedded assets served
//! from `/static/` like the portal's own, so the page works offline and
//! loads nothing from another origin.

use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::routes::Routes;
use crate::state::AppState;

/// The portal's policy, except that styles may also be set inline: Swagger
/// UI's React components set `style` attributes (the model and response
/// views, the collapsing sections), which `style-src 'self'` blocks, and
/// the page then renders broken. Scripts stay `'self'` only; this page
/// shows no user data and sends requests only when the reader tries one
/// out with a token of their own.
const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                        img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
                        base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

pub async fn page(State(state): State<AppState>) -> Response {
    let url = |name: &str| state.assets.url(name).unwrap_or_default().to_owned();
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Kundenportal API reference</title>\n\
         <link rel=\"icon\" href=\"{favicon}\" type=\"image/svg+xml\">\n\
         <link rel=\"stylesheet\" href=\"{css}\">\n</head>\n<body>\n\
         <main id=\"swagger-ui\" data-spec=\"/api/v1/openapi.json\"></main>\n\
         <script src=\"{js}\"></script>\n<script src=\"{init}\"></script>\n</body>\n</html>\n",
        favicon = url("favicon.svg"),
        css = url("swagger-ui.css"),
        js = url("swagger-ui.js"),
        init = url("api-docs.js"),
    );
    let mut response = html.into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(DOCS_CSP));
    response
}

pub fn routes() -> Routes {
    Routes::new().get("/api/docs", page)
}
