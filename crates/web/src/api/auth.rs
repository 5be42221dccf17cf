//! Bearer tokens: `Authorization: Bearer kp_…` only. A token in the query
//! string is refused (it would end up in logs and browser histories), and
//! no cookie is read: the API has no sessions and so needs no CSRF token.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kp_app::api::{ApiError, auth};

use super::problem::{Problem, problem};
use crate::state::AppState;

/// Query parameters that look like a credential.
const TOKEN_PARAMS: &[&str] = &["access_token", "token", "api_key", "apikey", "key"];

fn token_in_query(query: &str) -> bool {
    query.split('&').any(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        TOKEN_PARAMS.contains(&name.to_ascii_lowercase().as_str()) || value.starts_with("kp_")
    })
}

pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if request.uri().query().is_some_and(token_in_query) {
        return Problem::of(
            StatusCode::UNAUTHORIZED,
            "tokens are accepted only in the Authorization header, never in the URL",
        )
        .into_response();
    }
    let bearer = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, token) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        })
        .map(str::to_owned);
    let Some(bearer) = bearer else {
        return problem(ApiError::Unauthorized).into_response();
    };
    match auth::authenticate(&state.app, &bearer).await {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(err) => problem(err).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_the_query_are_recognised() {
        assert!(token_in_query("access_token=abc"));
        assert!(token_in_query("limit=5&Token=x"));
        assert!(token_in_query("q=kp_0123"));
        assert!(!token_in_query("limit=5&cursor=c31"));
    }
}
