//! Signing in with a passkey: on `/login` without a password (any
//! discoverable passkey with user verification), on `/login/two-factor`
//! as the second factor, and on `/login/two-factor/enrol` as the
//! enrolment the broker's policy asks for. The new session's cookies come
//! with the JSON answer; the script then follows `redirect`.

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kp_app::auth::{LoggedIn, Stage};
use kp_app::passkeys::login::{self, PasskeyLogin};
use kp_app::passkeys::{self, Assertion, Registration, manage};
use kp_app::two_factor::sign_in::{Browser, Completed};
use serde::Deserialize;

use super::account::FinishForm;
use super::options::{self, NewFor};
use super::{app_failure, bytes, failure, redirect, relying_party};
use crate::context::PageCtx;
use crate::cookies;
use crate::error::WebResult;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::login::{device_cookie, with_cookies};
use crate::pages::safe_next;
use crate::pages::two_factor::login_step::pending;
use crate::routes::Routes;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new()
        .post("/login/passkey/options", passwordless_options)
        .post("/login/passkey", passwordless)
        .post("/login/two-factor/passkey/options", second_factor_options)
        .post("/login/two-factor/passkey", second_factor)
        .post("/login/two-factor/enrol/passkey/options", enrol_options)
        .post("/login/two-factor/enrol/passkey", enrol)
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    name: String,
}

/// The browser's answer to `navigator.credentials.get`, in base64url.
#[derive(Deserialize)]
struct AssertionForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    credential_id: String,
    #[serde(default)]
    client_data_json: String,
    #[serde(default)]
    authenticator_data: String,
    #[serde(default)]
    signature: String,
    #[serde(default)]
    user_handle: String,
    #[serde(default)]
    next: Option<String>,
}

struct Decoded {
    client_data_json: Vec<u8>,
    authenticator_data: Vec<u8>,
    signature: Vec<u8>,
}

impl AssertionForm {
    fn decoded(&self) -> Option<Decoded> {
        Some(Decoded {
            client_data_json: bytes(&self.client_data_json)?,
            authenticator_data: bytes(&self.authenticator_data)?,
            signature: bytes(&self.signature)?,
        })
    }
}

impl Decoded {
    fn assertion<'a>(&'a self, form: &'a AssertionForm) -> Assertion<'a> {
        Assertion {
            credential_id: form.credential_id.trim(),
            client_data_json: &self.client_data_json,
            authenticator_data: &self.authenticator_data,
            signature: &self.signature,
            user_handle: Some(form.user_handle.trim()).filter(|h| !h.is_empty()),
        }
    }
}

fn browser<'a>(
    headers: &'a HeaderMap,
    client: std::net::IpAddr,
    device: Option<&'a str>,
) -> Browser<'a> {
    Browser {
        client,
        device_cookie: device,
        user_agent: headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default(),
    }
}

async fn passwordless_options(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Form(form): Form<CsrfForm>,
) -> WebResult {
    ctx.check_csrf(&form.csrf)?;
    let started = match passkeys::start_passwordless(&ctx.state.app, client).await {
        Ok(started) => started,
        Err(err) => return app_failure(&ctx, err, "passkey-sign-in-failed"),
    };
    Ok(options::request(&relying_party(&ctx)?, &started, None))
}

async fn passwordless(
    ctx: PageCtx,
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(client): ClientAddr,
    Form(form): Form<AssertionForm>,
) -> WebResult {
    ctx.check_csrf(&form.csrf)?;
    let next = safe_next(form.next.as_deref(), "/home");
    let Some(decoded) = form.decoded() else {
        return Ok(failure(
            &ctx,
            StatusCode::UNAUTHORIZED,
            "passkey-sign-in-failed",
        ));
    };
    let secure = state.config.secure_cookies;
    let device = cookies::get(&headers, cookies::device(secure));
    let language =
        cookies::get(&headers, cookies::LANGUAGE).and_then(|c| kp_domain::Language::parse(&c));
    let req = PasskeyLogin {
        token: &form.token,
        answer: decoded.assertion(&form),
        from: browser(&headers, client, device.as_deref()),
        previous_session: ctx.session_token.as_deref(),
        language,
    };
    let rp = relying_party(&ctx)?;
    match login::without_password(&state.app, &rp, req).await {
        Ok(done) => Ok(full_session(&state, done, &next)),
        Err(err) => app_failure(&ctx, err, "passkey-sign-in-failed"),
    }
}

/// The cookies of a passwordless sign-in, as the password form sets them.
fn full_session(state: &AppState, done: LoggedIn, next: &str) -> Response {
    let secure = state.config.secure_cookies;
    let mut set = vec![
        cookies::set(cookies::session(secure), &done.token, true, secure, None),
        cookies::set(
            cookies::LANGUAGE,
            done.language.code(),
            false,
            secure,
            Some(31_536_000),
        ),
    ];
    if let Some(device) = &done.device_cookie {
        set.push(device_cookie(state, device));
    }
    with_cookies(redirect(next), set)
}

fn completed(state: &AppState, done: Completed, next: &str) -> Response {
    let secure = state.config.secure_cookies;
    let set = vec![
        cookies::set(cookies::session(secure), &done.token, true, secure, None),
        device_cookie(state, &done.device_cookie),
    ];
    with_cookies(redirect(next), set)
}

async fn second_factor_options(ctx: PageCtx, Form(form): Form<CsrfForm>) -> WebResult {
    let p = match pending(&ctx, Stage::SecondFactor) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(elsewhere.into_response()),
    };
    ctx.check_csrf(&form.csrf)?;
    let app = &ctx.state.app;
    let allow: Vec<String> = manage::list(app, p.user)
        .await?
        .into_iter()
        .map(|k| k.credential_id)
        .collect();
    let started = passkeys::start_assertion(app, Some(p.user)).await?;
    Ok(options::request(
        &relying_party(&ctx)?,
        &started,
        Some(&allow),
    ))
}

async fn second_factor(
    ctx: PageCtx,
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddr(client): ClientAddr,
    Form(form): Form<AssertionForm>,
) -> WebResult {
    let p = match pending(&ctx, Stage::SecondFactor) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(elsewhere.into_response()),
    };
    ctx.check_csrf(&form.csrf)?;
    let next = safe_next(form.next.as_deref(), "/home");
    let Some(decoded) = form.decoded() else {
        return Ok(failure(
            &ctx,
            StatusCode::UNAUTHORIZED,
            "passkey-sign-in-failed",
        ));
    };
    let device = cookies::get(&headers, cookies::device(state.config.secure_cookies));
    let from = browser(&headers, client, device.as_deref());
    let rp = relying_party(&ctx)?;
    let answer = decoded.assertion(&form);
    match login::second_factor(&state.app, &rp, p, &form.token, &answer, from).await {
        Ok(done) => Ok(completed(&state, done, &next)),
        Err(err) => app_failure(&ctx, err, "passkey-sign-in-failed"),
    }
}

async fn enrol_options(ctx: PageCtx, Form(form): Form<CsrfForm>) -> WebResult {
    let p = match pending(&ctx, Stage::Enrol) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(elsewhere.into_response()),
    };
    ctx.check_csrf(&form.csrf)?;
    if let Err(err) = manage::checked_name(&form.name) {
        return app_failure(&ctx, err, "passkey-refused");
    }
    let started = passkeys::start_registration(&ctx.state.app, p.user).await?;
    let new_for = NewFor {
        handle: passkeys::user_handle(p.user),
        email: &p.email,
        name: &p.name,
        existing: Vec::new(),
    };
    Ok(options::creation(&relying_party(&ctx)?, &started, new_for))
}

async fn enrol(
    ctx: PageCtx,
    State(state): State<AppState>,
    Form(form): Form<FinishForm>,
) -> WebResult {
    let p = match pending(&ctx, Stage::Enrol) {
        Ok(p) => p,
        Err(elsewhere) => return Ok(elsewhere.into_response()),
    };
    ctx.check_csrf(&form.csrf)?;
    let (Some(client_data), Some(attestation)) = (
        bytes(&form.client_data_json),
        bytes(&form.attestation_object),
    ) else {
        return Ok(failure(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            "passkey-refused",
        ));
    };
    let answer = Registration {
        token: &form.token,
        name: &form.name,
        client_data_json: &client_data,
        attestation_object: &attestation,
    };
    let rp = relying_party(&ctx)?;
    match login::enrol(&state.app, &rp, p, answer).await {
        Ok(done) => Ok(completed(&state, done, "/home")),
        Err(err) => app_failure(&ctx, err, "passkey-refused"),
    }
}
