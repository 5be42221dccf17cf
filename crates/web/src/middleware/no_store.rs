//! `Cache-Control: no-store` on every response to a signed-in browser (and
//! on the one that signs it in), so that a shared or back-button cache
//! never shows one user's pages to the next. Responses that chose their
//! own caching (the fingerprinted static assets) keep it.

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, SET_COOKIE};
use axum::middleware::Next;
use axum::response::Response;

use crate::cookies;
use crate::state::AppState;

pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let name = cookies::session(state.config.secure_cookies);
    let signed_in = cookies::get(request.headers(), name).is_some();
    let mut response = next.run(request).await;
    let prefix = format!("{name}=");
    let signs_in = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .any(|v| v.as_bytes().starts_with(prefix.as_bytes()));
    if (signed_in || signs_in) && !response.headers().contains_key(CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
