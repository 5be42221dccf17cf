//! `GET /api/docs`: the interactive API reference (Swagger UI) over the
//! OpenAPI document. Its script and styles are embedded assets served
//! from `/static/` like the portal's own, so the page works offline and
//! loads nothing from another origin. It runs under the portal's own CSP
//! (no inline script or style): the start script is a file, and Swagger
//! UI sets its styles through the DOM, which the policy allows (checked in
//! headless Chromium: no violation, operations and schemas render).

use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};

use crate::routes::Routes;
use crate::state::AppState;

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
    response
}

pub fn routes() -> Routes {
    Routes::new().get("/api/docs", page)
}
