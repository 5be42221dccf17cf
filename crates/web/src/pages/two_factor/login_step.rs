//! The second step of sign-in, for a half-signed-in session only: a TOTP
//! or recovery code (`/login/two-factor`), or, when the policy requires a
//! second factor the user has not got, the enrolment
//! (`/login/two-factor/enrol`). Nothing else is reachable with such a
//! session (`PageCtx::require_user`).

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::response::{Html, IntoResponse, Redirect, Response};
use kp_app::AppError;
use kp_app::auth::{Pending, Stage};
use kp_app::two_factor::{manage, sign_in};
use serde::{Deserialize, Serialize};

use super::EnrolmentView;
use crate::context::PageCtx;
use crate::cookies;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::login::{device_cookie, with_cookies};
use crate::pages::safe_next;
use crate::routes::Routes;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/login/two-factor", show)
        .post("/login/two-factor", submit)
        .post("/login/two-factor/cancel", cancel)
        .get("/login/two-factor/enrol", show_enrol)
        .post("/login/two-factor/enrol", submit_enrol)
}

/// The half-signed-in session in `stage`, or where the visitor belongs.
pub(crate) fn pending(ctx: &PageCtx, stage: Stage) -> Result<&Pending, Redirect> {
    match (&ctx.pending, &ctx.session) {
        (Some(p), _) if p.stage == stage => Ok(p),
        (Some(p), _) if p.stage == Stage::Enrol => Err(Redirect::to("/login/two-factor/enrol")),
        (Some(_), _) => Err(Redirect::to("/login/two-factor")),
        (None, Some(_)) => Err(Redirect::to("/home")),
        (None, None) => Err(Redirect::to("/login")),
    }
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

#[derive(Serialize, Default)]
struct StepView {
    next: String,
    /// The user has a passkey: "Use a passkey" is offered.
    passkeys: bool,
    errors: FormErrors,
    error_key: Option<&'static str>,
    retry_minutes: u64,
}

async fn has_passkeys(state: &AppState, p: &Pending) -> Result<bool, WebError> {
    Ok(manage::factors(&state.app, p.user).await?.passkeys > 0)
}

async fn show(ctx: PageCtx, Query(q): Query<NextQuery>) -> WebResult {
    let p = match pending(&ctx, Stage::SecondFactor) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(elsewhere.into_response()),
    };
    let view = StepView {
        next: safe_next(q.next.as_deref(), "/home"),
        passkeys: has_passkeys(&ctx.state, p).await?,
        ..StepView::default()
    };
    Ok(Html(ctx.render(
        "pages/two_factor_login.html",
        "two-factor-login-title",
        view,
    )?)
    .into_response())
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: Option<String>,
}

async fn submit(
    ctx: PageCtx,
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    ClientAddr(client): ClientAddr,
    Form(form): Form<CodeForm>,
) -> WebResult {
    let p = match pending(&ctx, Stage::SecondFactor) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(elsewhere.into_response()),
    };
    ctx.check_csrf(&form.csrf)?;
    let next = safe_next(form.next.as_deref(), "/home");
    let secure = state.config.secure_cookies;
    let device = cookies::get(&headers, cookies::device(secure));
    // A code can be long only by mistake; it is never echoed back.
    let code: String = form.code.chars().take(64).collect();
    let user_agent = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let from = sign_in::Browser {
        client,
        device_cookie: device.as_deref(),
        user_agent,
    };
    match sign_in::with_code(&state.app, p, &code, from).await {
        Ok(done) => Ok(signed_in(&state, done, &next)),
        Err(AppError::Validation(errors)) => {
            let view = StepView {
                next,
                passkeys: has_passkeys(&state, p).await?,
                errors: FormErrors::from(errors),
                ..StepView::default()
            };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Html(ctx.render(
                    "pages/two_factor_login.html",
                    "two-factor-login-title",
                    view,
                )?),
            )
                .into_response())
        }
        Err(AppError::TooManyAttempts { retry_after_secs }) => {
            let view = StepView {
                next,
                passkeys: has_passkeys(&state, p).await?,
                error_key: Some("login-too-many"),
                retry_minutes: retry_after_secs.div_ceil(60),
                ..StepView::default()
            };
            let mut response = (
                StatusCode::TOO_MANY_REQUESTS,
                Html(ctx.render(
                    "pages/two_factor_login.html",
                    "two-factor-login-title",
                    view,
                )?),
            )
                .into_response();
            response
                .headers_mut()
                .insert(RETRY_AFTER, retry_after_secs.into());
            Ok(response)
        }
        Err(other) => Err(WebError::from(other)),
    }
}

/// The new session cookie and device cookie, and on to `next`.
pub(crate) fn signed_in(state: &AppState, done: sign_in::Completed, next: &str) -> Response {
    let secure = state.config.secure_cookies;
    let cookies = vec![
        cookies::set(cookies::session(secure), &done.token, true, secure, None),
        device_cookie(state, &done.device_cookie),
    ];
    with_cookies(Redirect::to(next).into_response(), cookies)
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn cancel(
    ctx: PageCtx,
    State(state): State<AppState>,
    Form(form): Form<CsrfForm>,
) -> WebResult {
    if let Some(p) = &ctx.pending {
        ctx.check_csrf(&form.csrf)?;
        sign_in::cancel(&state.app, p).await?;
    }
    let secure = state.config.secure_cookies;
    Ok(with_cookies(
        Redirect::to("/login").into_response(),
        vec![cookies::clear(cookies::session(secure), secure)],
    ))
}

#[derive(Serialize, Default)]
struct EnrolView {
    action: &'static str,
    enrolment: EnrolmentView,
    errors: FormErrors,
    forced: bool,
    password_needed: bool,
}

async fn enrol_page(ctx: &PageCtx, p: &Pending, errors: FormErrors) -> WebResult {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let issuer = ctx.state.config.broker_name.clone();
    let Some(enrolment) = manage::enrolment(&ctx.state.app, p.user, &issuer, &p.email).await?
    else {
        return Err(WebError::Conflict);
    };
    let view = EnrolView {
        action: "/login/two-factor/enrol",
        enrolment: enrolment.into(),
        errors,
        forced: true,
        password_needed: false,
    };
    Ok((
        status,
        Html(ctx.render(
            "pages/two_factor_enrol.html",
            "two-factor-enrol-title",
            view,
        )?),
    )
        .into_response())
}

async fn show_enrol(ctx: PageCtx) -> WebResult {
    let p = match pending(&ctx, Stage::Enrol) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(elsewhere.into_response()),
    };
    enrol_page(&ctx, p, FormErrors::default()).await
}

#[derive(Serialize)]
struct CodesView {
    codes: Vec<String>,
    continue_to: &'static str,
}

async fn submit_enrol(
    ctx: PageCtx,
    State(state): State<AppState>,
    Form(form): Form<CodeForm>,
) -> WebResult {
    let p = match pending(&ctx, Stage::Enrol) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(elsewhere.into_response()),
    };
    ctx.check_csrf(&form.csrf)?;
    let code: String = form.code.chars().take(64).collect();
    let codes = match manage::confirm(&state.app, p.user, &code).await {
        Ok(codes) => codes,
        Err(AppError::Validation(errors)) => {
            return enrol_page(&ctx, p, FormErrors::from(errors)).await;
        }
        Err(other) => return Err(WebError::from(other)),
    };
    let done = sign_in::complete(&state.app, p).await?;
    let view = CodesView {
        codes,
        continue_to: "/home",
    };
    let html = ctx.render(
        "pages/two_factor_codes.html",
        "two-factor-codes-title",
        view,
    )?;
    let secure = state.config.secure_cookies;
    Ok(with_cookies(
        Html(html).into_response(),
        vec![
            cookies::set(cookies::session(secure), &done.token, true, secure, None),
            device_cookie(&state, &done.device_cookie),
        ],
    ))
}
