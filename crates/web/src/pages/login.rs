//! Login and logout.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::{RETRY_AFTER, SET_COOKIE};
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::auth::{LoginRequest, MAX_EMAIL_CHARS, Stage};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::cookies;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::safe_next;
use crate::routes::Routes;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/", root)
        .get("/login", show)
        .post("/login", submit)
        .post("/logout", logout)
}

async fn root(ctx: PageCtx) -> Redirect {
    Redirect::to(if ctx.session.is_some() {
        "/home"
    } else {
        "/login"
    })
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
    /// A success message after a password reset or an activation; only
    /// known keys are shown.
    notice: Option<String>,
}

fn notice_key(notice: Option<&str>) -> Option<&'static str> {
    match notice? {
        "password-reset-done" => Some("password-reset-done"),
        "activate-done" => Some("activate-done"),
        _ => None,
    }
}

#[derive(Serialize, Default)]
struct LoginView {
    email: String,
    next: String,
    error_key: Option<&'static str>,
    /// For the "too many attempts" message: the wait in whole minutes,
    /// rounded up.
    retry_minutes: u64,
    /// Messages next to the fields of a form sent incomplete.
    errors: FormErrors,
    notice: Option<&'static str>,
    /// The first tenant offers self-registration: link to `/register`.
    register: bool,
}

async fn show(ctx: PageCtx, Query(q): Query<NextQuery>) -> WebResult {
    if ctx.session.is_some() {
        return Ok(Redirect::to(&safe_next(q.next.as_deref(), "/home")).into_response());
    }
    let view = LoginView {
        next: safe_next(q.next.as_deref(), "/home"),
        notice: notice_key(q.notice.as_deref()),
        register: kp_app::registration_settings::offered(&ctx.state.app, None).await?,
        ..LoginView::default()
    };
    Ok(Html(ctx.render("pages/login.html", "login-title", view)?).into_response())
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn submit(
    ctx: PageCtx,
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    ClientAddr(client): ClientAddr,
    Form(form): Form<LoginForm>,
) -> WebResult {
    ctx.check_csrf(&form.csrf)?;
    let next = safe_next(form.next.as_deref(), "/home");
    let secure = state.config.secure_cookies;
    // The language chosen on the login page wins over the stored one.
    let chosen =
        cookies::get(&headers, cookies::LANGUAGE).and_then(|c| kp_domain::Language::parse(&c));
    let device_cookie = cookies::get(&headers, cookies::device(secure));
    let user_agent = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let request = LoginRequest {
        email: &form.email,
        password: &form.password,
        client,
        device_cookie: device_cookie.as_deref(),
        previous_session: ctx.session_token.as_deref(),
        language: chosen,
        user_agent,
    };
    match kp_app::auth::login(&state.app, request).await {
        Ok(logged_in) => {
            let mut cookies = vec![
                cookies::set(
                    cookies::session(secure),
                    &logged_in.token,
                    true,
                    secure,
                    None,
                ),
                cookies::set(
                    cookies::LANGUAGE,
                    logged_in.language.code(),
                    false,
                    secure,
                    Some(31_536_000),
                ),
            ];
            if let Some(device) = &logged_in.device_cookie {
                cookies.push(self::device_cookie(&state, device));
            }
            let target = match logged_in.stage {
                Stage::Full => next,
                Stage::SecondFactor => {
                    format!("/login/two-factor?next={}", crate::pages::urlencode(&next))
                }
                Stage::Enrol => "/login/two-factor/enrol".to_owned(),
            };
            Ok(with_cookies(Redirect::to(&target).into_response(), cookies))
        }
        Err(AppError::Validation(errors)) => {
            let view = LoginView {
                email: form.email.trim().chars().take(MAX_EMAIL_CHARS).collect(),
                next,
                errors: FormErrors::from(errors),
                ..LoginView::default()
            };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Html(ctx.render("pages/login.html", "login-title", view)?),
            )
                .into_response())
        }
        Err(err) => {
            let (status, key, retry_after) = match err {
                AppError::InvalidCredentials => (StatusCode::UNAUTHORIZED, "login-failed", None),
                AppError::TooManyAttempts { retry_after_secs } => (
                    StatusCode::TOO_MANY_REQUESTS,
                    "login-too-many",
                    Some(retry_after_secs),
                ),
                AppError::Busy { retry_after_secs } => (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "login-busy",
                    Some(retry_after_secs),
                ),
                other => return Err(WebError::from(other)),
            };
            let view = LoginView {
                email: form.email.trim().chars().take(MAX_EMAIL_CHARS).collect(),
                next,
                error_key: Some(key),
                retry_minutes: retry_after.map_or(0, |secs| secs.div_ceil(60)),
                ..LoginView::default()
            };
            let mut response = (
                status,
                Html(ctx.render("pages/login.html", "login-title", view)?),
            )
                .into_response();
            if let Some(secs) = retry_after {
                response.headers_mut().insert(RETRY_AFTER, secs.into());
            }
            Ok(response)
        }
    }
}

#[derive(Deserialize)]
struct LogoutForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn logout(
    ctx: PageCtx,
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    Form(form): Form<LogoutForm>,
) -> WebResult {
    if ctx.session.is_some() {
        ctx.check_csrf(&form.csrf)?;
    }
    // Signing out during a "view as user" ends the view first, so that
    // its record and the audit log get the end.
    if let Some(view) = &ctx.view {
        let reason = kp_app::view_as::EndReason::SignedOut;
        kp_app::view_as::end(&state.app, view, reason, client).await?;
    }
    if let Some(token) = &ctx.session_token {
        kp_app::auth::logout(&state.app, token).await?;
    }
    let mut response = Redirect::to("/login").into_response();
    let secure = state.config.secure_cookies;
    for name in [cookies::session(secure), cookies::view(secure)] {
        if let Ok(v) = cookies::clear(name, secure).parse() {
            response.headers_mut().append(SET_COOKIE, v);
        }
    }
    Ok(response)
}

/// The `Set-Cookie` of a browser's new device cookie.
pub(crate) fn device_cookie(state: &AppState, value: &str) -> String {
    let secure = state.config.secure_cookies;
    let device_age = state.app.policy.device_cookie_days.saturating_mul(86_400);
    cookies::set(
        cookies::device(secure),
        value,
        true,
        secure,
        Some(device_age),
    )
}

pub(crate) fn with_cookies(
    mut response: axum::response::Response,
    cookies: Vec<String>,
) -> axum::response::Response {
    for c in cookies {
        if let Ok(v) = c.parse() {
            response.headers_mut().append(SET_COOKIE, v);
        }
    }
    response
}
