//! Errors of page handlers. They turn into a bare status with a marker;
//! the `error_pages` middleware renders the page in the user's language
//! with the request id, so handlers never build error HTML themselves.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kp_app::AppError;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not found")]
    NotFound,
    #[error("login required")]
    LoginRequired { next: String },
    #[error("form token missing or invalid")]
    Csrf,
    #[error("not allowed")]
    Forbidden,
    #[error("internal error: {0}")]
    Internal(String),
}

/// Marks a response whose body the error-page middleware must render.
#[derive(Debug, Clone, Copy)]
pub struct ErrorPage(pub StatusCode);

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::LoginRequired { next } => {
                let target = if next == "/" || next.is_empty() {
                    "/login".to_owned()
                } else {
                    format!("/login?next={}", crate::pages::urlencode(&next))
                };
                return Redirect::to(&target).into_response();
            }
            WebError::Csrf | WebError::Forbidden => StatusCode::FORBIDDEN,
            WebError::Internal(message) => {
                // The log gets the cause; the page only the request id.
                tracing::error!(error = %message, "request failed");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorPage(status));
        response
    }
}

impl From<AppError> for WebError {
    fn from(err: AppError) -> Self {
        match err {
            AppError::NotFound => WebError::NotFound,
            other => WebError::Internal(format!("{other:?}")),
        }
    }
}

impl From<minijinja::Error> for WebError {
    fn from(err: minijinja::Error) -> Self {
        WebError::Internal(format!("template: {err:#}"))
    }
}

pub type WebResult<T = Response> = Result<T, WebError>;
