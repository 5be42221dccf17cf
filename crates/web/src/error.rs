//! Errors of page handlers. They turn into a bare status with a marker;
//! the `error_pages` middleware renders the page in the user's language
//! with the request id, so handlers never build error HTML themselves.

use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use kp_app::AppError;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not found")]
    NotFound,
    #[error("login required")]
    LoginRequired { next: String },
    /// A half-signed-in session asked for another page.
    #[error("second factor due")]
    SecondFactorDue { enrol: bool },
    /// A portal user has terms or a privacy notice to accept first.
    #[error("consent required")]
    ConsentRequired,
    #[error("form token missing or invalid")]
    Csrf,
    #[error("not allowed")]
    Forbidden,
    #[error("bad request")]
    BadRequest,
    #[error("conflict with the stored data")]
    Conflict,
    /// Invalid input that no form re-rendered with field messages.
    #[error("unprocessable input")]
    Unprocessable,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("temporarily unavailable")]
    Unavailable { retry_after_secs: u64 },
    /// A "view as user" is over: back to the staff session, without the
    /// view's cookie (`clear_cookie` is its `Set-Cookie`).
    #[error("view as user ended")]
    ViewEnded {
        target: String,
        clear_cookie: String,
    },
    /// Something a "view as user" may not do (change the user's account,
    /// act in their name): 403 with its own message.
    #[error("not allowed while viewing as a user")]
    ViewReadOnly,
    #[error("internal error: {0}")]
    Internal(String),
}

/// A message for the error page other than its status's usual one.
#[derive(Debug, Clone, Copy)]
pub struct ErrorMessage(pub &'static str);

/// Marks a response whose body the error-page middleware must render.
#[derive(Debug, Clone, Copy)]
pub struct ErrorPage(pub StatusCode);

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut retry_after = None;
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
            WebError::SecondFactorDue { enrol } => {
                let target = if enrol {
                    "/login/two-factor/enrol"
                } else {
                    "/login/two-factor"
                };
                return Redirect::to(target).into_response();
            }
            WebError::ConsentRequired => {
                return Redirect::to(crate::pages::consent::PATH).into_response();
            }
            WebError::ViewEnded {
                target,
                clear_cookie,
            } => {
                let mut response = Redirect::to(&target).into_response();
                if let Ok(v) = clear_cookie.parse() {
                    response
                        .headers_mut()
                        .append(axum::http::header::SET_COOKIE, v);
                }
                return response;
            }
            WebError::ViewReadOnly => {
                let mut response = StatusCode::FORBIDDEN.into_response();
                response
                    .extensions_mut()
                    .insert(ErrorPage(StatusCode::FORBIDDEN));
                response
                    .extensions_mut()
                    .insert(ErrorMessage("view-as-read-only"));
                return response;
            }
            WebError::Csrf | WebError::Forbidden => StatusCode::FORBIDDEN,
            WebError::BadRequest => StatusCode::BAD_REQUEST,
            WebError::Conflict => StatusCode::CONFLICT,
            WebError::Unprocessable => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::TooManyRequests { retry_after_secs } => {
                retry_after = Some(retry_after_secs);
                StatusCode::TOO_MANY_REQUESTS
            }
            WebError::Unavailable { retry_after_secs } => {
                retry_after = Some(retry_after_secs);
                StatusCode::SERVICE_UNAVAILABLE
            }
            WebError::Internal(message) => {
                // The log gets the cause; the page only the request id.
                tracing::error!(error = %message, "request failed");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let mut response = status.into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(secs.max(1)));
        }
        response.extensions_mut().insert(ErrorPage(status));
        response
    }
}

/// Seconds a client is asked to wait before retrying after an overload.
const UNAVAILABLE_RETRY_SECS: u64 = 5;

impl From<AppError> for WebError {
    fn from(err: AppError) -> Self {
        match err {
            AppError::NotFound => WebError::NotFound,
            AppError::Forbidden => WebError::Forbidden,
            AppError::Conflict => WebError::Conflict,
            AppError::Invalid(reason) => {
                tracing::info!(%reason, "invalid request");
                WebError::BadRequest
            }
            AppError::Validation(_) | AppError::InvalidCredentials => WebError::Unprocessable,
            AppError::TooManyAttempts { retry_after_secs } => {
                WebError::TooManyRequests { retry_after_secs }
            }
            AppError::Busy { retry_after_secs } => WebError::Unavailable { retry_after_secs },
            AppError::Unavailable(reason) => {
                tracing::warn!(%reason, "service unavailable");
                WebError::Unavailable {
                    retry_after_secs: UNAVAILABLE_RETRY_SECS,
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn application_errors_keep_their_meaning() {
        let status = |e: AppError| WebError::from(e).into_response().status().as_u16();
        assert_eq!(status(AppError::NotFound), 404);
        assert_eq!(status(AppError::Forbidden), 403);
        assert_eq!(status(AppError::Invalid("x".into())), 400);
        assert_eq!(status(AppError::Conflict), 409);
        assert_eq!(status(AppError::Validation(vec![])), 422);
        assert_eq!(
            status(AppError::TooManyAttempts {
                retry_after_secs: 9
            }),
            429
        );
        assert_eq!(
            status(AppError::Busy {
                retry_after_secs: 1
            }),
            503
        );
        assert_eq!(status(AppError::Unavailable("pool".into())), 503);
        assert_eq!(status(AppError::Internal("x".into())), 500);
        let busy = WebError::from(AppError::Unavailable("pool".into())).into_response();
        assert_eq!(busy.headers()[RETRY_AFTER], "5");
        assert!(busy.extensions().get::<ErrorPage>().is_some());
    }
}
