//! `/account/two-factor`: the signed-in user's own second factors. Every
//! change asks for the current password in the same form; a wrong one
//! re-renders the page with the message at the field (422) and changes
//! nothing. Not while a staff member impersonates the user (403).

use axum::Form;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::auth::UserRef;
use kp_app::two_factor::{manage, own_user};
use kp_domain::Principal;
use serde::{Deserialize, Serialize};

use super::EnrolmentView;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::routes::Routes;

const PATH: &str = "/account/two-factor";

pub fn routes() -> Routes {
    Routes::new()
        .get(PATH, show)
        .post("/account/two-factor/totp", start_totp)
        .post("/account/two-factor/totp/confirm", confirm_totp)
        .post("/account/two-factor/totp/remove", remove_totp)
        .post("/account/two-factor/recovery-codes", regenerate)
}

#[derive(Serialize, Default)]
pub(crate) struct View {
    totp: bool,
    /// Any second factor (TOTP or a passkey): recovery codes make sense.
    any_factor: bool,
    recovery_codes_left: i64,
    passkeys: Vec<PasskeyView>,
    /// Which form a message belongs to (`rename-<id>` for a passkey's).
    pub(crate) failed_form: String,
    pub(crate) errors: FormErrors,
    /// What was typed into the failed form's name field.
    pub(crate) typed_name: String,
    done_key: Option<&'static str>,
}

/// A passkey as the list shows it.
#[derive(Serialize)]
struct PasskeyView {
    id: i64,
    name: String,
    created: String,
    last_used: Option<String>,
}

#[derive(Deserialize)]
struct ShowQuery {
    done: Option<String>,
}

fn done_key(code: Option<&str>) -> Option<&'static str> {
    match code? {
        "removed" => Some("two-factor-removed"),
        "passkey-added" => Some("passkey-added"),
        "passkey-renamed" => Some("passkey-renamed"),
        "passkey-removed" => Some("passkey-removed"),
        _ => None,
    }
}

pub(crate) async fn page(ctx: &PageCtx, view: View) -> WebResult {
    let status = if view.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((
        status,
        Html(ctx.render("pages/two_factor_account.html", "two-factor-title", view)?),
    )
        .into_response())
}

pub(crate) async fn status_view(ctx: &PageCtx, principal: &Principal) -> Result<View, WebError> {
    let user = own_user(principal)?;
    let factors = manage::factors(&ctx.state.app, user).await?;
    let lang = ctx.language;
    let passkeys = kp_app::passkeys::manage::list(&ctx.state.app, user)
        .await?
        .into_iter()
        .map(|p| PasskeyView {
            id: p.id,
            name: p.name,
            created: crate::pages::account::when(lang, p.created_at),
            last_used: p
                .last_used_at
                .map(|at| crate::pages::account::when(lang, at)),
        })
        .collect();
    Ok(View {
        totp: factors.totp,
        any_factor: factors.any(),
        recovery_codes_left: factors.recovery_codes_left,
        passkeys,
        ..View::default()
    })
}

async fn show(ctx: PageCtx, axum::extract::Query(q): axum::extract::Query<ShowQuery>) -> WebResult {
    let principal = ctx.require_user()?;
    let mut view = status_view(&ctx, principal).await?;
    view.done_key = done_key(q.done.as_deref());
    page(&ctx, view).await
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    password: String,
}

/// Checks the form token and the current password; a wrong password is the
/// page again with the message at the field of `form_name`.
async fn reauthenticate(
    ctx: &PageCtx,
    form: &PasswordForm,
    form_name: &'static str,
) -> Result<Result<UserRef, axum::response::Response>, WebError> {
    let principal = ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    let user = own_user(principal)?;
    match manage::check_password(&ctx.state.app, user, &principal.email, &form.password).await {
        Ok(()) => Ok(Ok(user)),
        Err(AppError::Validation(errors)) => {
            let mut view = status_view(ctx, principal).await?;
            view.failed_form = form_name.to_owned();
            view.errors = FormErrors::from(errors);
            Ok(Err(page(ctx, view).await?))
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Serialize, Default)]
struct EnrolView {
    action: &'static str,
    enrolment: EnrolmentView,
    errors: FormErrors,
    forced: bool,
}

async fn enrol_page(ctx: &PageCtx, user: UserRef, errors: FormErrors) -> WebResult {
    let principal = ctx.require_user()?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let issuer = ctx.state.config.broker_name.clone();
    let Some(enrolment) =
        manage::enrolment(&ctx.state.app, user, &issuer, &principal.email).await?
    else {
        return Ok(Redirect::to(PATH).into_response());
    };
    let view = EnrolView {
        action: "/account/two-factor/totp/confirm",
        enrolment: enrolment.into(),
        errors,
        forced: false,
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

async fn start_totp(ctx: PageCtx, Form(form): Form<PasswordForm>) -> WebResult {
    let user = match reauthenticate(&ctx, &form, "totp").await? {
        Ok(user) => user,
        Err(page) => return Ok(page),
    };
    enrol_page(&ctx, user, FormErrors::default()).await
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    code: String,
}

#[derive(Serialize)]
struct CodesView {
    codes: Vec<String>,
    continue_to: &'static str,
}

fn codes_page(ctx: &PageCtx, codes: Vec<String>) -> WebResult {
    let view = CodesView {
        codes,
        continue_to: PATH,
    };
    Ok(Html(ctx.render(
        "pages/two_factor_codes.html",
        "two-factor-codes-title",
        view,
    )?)
    .into_response())
}

/// Confirms an enrolment started (with the password) by `start_totp`;
/// without one there is nothing to confirm (404).
async fn confirm_totp(ctx: PageCtx, Form(form): Form<CodeForm>) -> WebResult {
    let principal = ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    let user = own_user(principal)?;
    let code: String = form.code.chars().take(64).collect();
    match manage::confirm(&ctx.state.app, user, &code).await {
        Ok(codes) => codes_page(&ctx, codes),
        Err(AppError::Validation(errors)) => enrol_page(&ctx, user, FormErrors::from(errors)).await,
        Err(other) => Err(other.into()),
    }
}

async fn remove_totp(ctx: PageCtx, Form(form): Form<PasswordForm>) -> WebResult {
    let user = match reauthenticate(&ctx, &form, "remove").await? {
        Ok(user) => user,
        Err(page) => return Ok(page),
    };
    manage::remove_totp(&ctx.state.app, user).await?;
    Ok(Redirect::to(&format!("{PATH}?done=removed")).into_response())
}

async fn regenerate(ctx: PageCtx, Form(form): Form<PasswordForm>) -> WebResult {
    let user = match reauthenticate(&ctx, &form, "codes").await? {
        Ok(user) => user,
        Err(page) => return Ok(page),
    };
    if !manage::factors(&ctx.state.app, user).await?.any() {
        return Err(WebError::Conflict);
    }
    let codes = manage::regenerate_codes(&ctx.state.app, user).await?;
    codes_page(&ctx, codes)
}
