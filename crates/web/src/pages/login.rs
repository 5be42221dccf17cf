//! Login and logout.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{Html, IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use kp_app::AppError;
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::cookies;
use crate::error::{WebError, WebResult};
use crate::middleware::client_addr::ClientAddr;
use crate::pages::safe_next;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(root))
        .route("/login", get(show).post(submit))
        .route("/logout", post(logout))
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
}

#[derive(Serialize, Default)]
struct LoginView {
    email: String,
    next: String,
    error_key: Option<&'static str>,
}

async fn show(ctx: PageCtx, Query(q): Query<NextQuery>) -> WebResult {
    if ctx.session.is_some() {
        return Ok(Redirect::to(&safe_next(q.next.as_deref(), "/home")).into_response());
    }
    let view = LoginView {
        next: safe_next(q.next.as_deref(), "/home"),
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
    // The language chosen on the login page wins over the stored one.
    let chosen =
        cookies::get(&headers, cookies::LANGUAGE).and_then(|c| kp_domain::Language::parse(&c));
    let ip = client.to_string();
    match kp_app::auth::login(&state.app, &form.email, &form.password, &ip, chosen).await {
        Ok(logged_in) => {
            let cookie = cookies::set(
                cookies::session(state.config.secure_cookies),
                &logged_in.token,
                true,
                state.config.secure_cookies,
                None,
            );
            let lang = cookies::set(
                cookies::LANGUAGE,
                logged_in.language.code(),
                false,
                state.config.secure_cookies,
                Some(31_536_000),
            );
            let mut response = Redirect::to(&next).into_response();
            for c in [cookie, lang] {
                if let Ok(v) = c.parse() {
                    response.headers_mut().append(SET_COOKIE, v);
                }
            }
            Ok(response)
        }
        Err(err) => {
            let (status, key) = match err {
                AppError::InvalidCredentials => (StatusCode::UNAUTHORIZED, "login-failed"),
                AppError::TooManyAttempts => (StatusCode::TOO_MANY_REQUESTS, "login-too-many"),
                other => return Err(WebError::from(other)),
            };
            let view = LoginView {
                email: form.email.trim().to_owned(),
                next,
                error_key: Some(key),
            };
            Ok((
                status,
                Html(ctx.render("pages/login.html", "login-title", view)?),
            )
                .into_response())
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
    Form(form): Form<LogoutForm>,
) -> WebResult {
    if ctx.session.is_some() {
        ctx.check_csrf(&form.csrf)?;
    }
    if let Some(token) = &ctx.session_token {
        kp_app::auth::logout(&state.app, token).await?;
    }
    let mut response = Redirect::to("/login").into_response();
    let secure = state.config.secure_cookies;
    if let Ok(v) = cookies::clear(cookies::session(secure), secure).parse() {
        response.headers_mut().append(SET_COOKIE, v);
    }
    Ok(response)
}
