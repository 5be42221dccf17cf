//! Gives every visitor without a session a random form token in a cookie,
//! so that the login and language forms can be protected by double submit.

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::SET_COOKIE;
use axum::middleware::Next;
use axum::response::Response;

use crate::context::AnonToken;
use crate::cookies;
use crate::state::AppState;

pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let name = cookies::csrf(state.config.secure_cookies);
    let existing = cookies::get(request.headers(), name);
    let token = existing.clone().unwrap_or_else(kp_app::auth::random_token);
    request.extensions_mut().insert(AnonToken(token.clone()));
    let mut response = next.run(request).await;
    if existing.is_none() {
        let cookie = cookies::set(name, &token, true, state.config.secure_cookies, None);
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}
