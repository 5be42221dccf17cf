//! The user's own passkeys on `/account/two-factor`: adding one (options,
//! then the browser's answer; the current password and the name are
//! checked before the authenticator is asked), renaming and removing one
//! (plain forms with the current password). Another user's passkey id is
//! the 404 of a missing one; not while impersonated (403).

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::passkeys::{self, Registration, manage};
use kp_app::two_factor::own_user;
use serde::Deserialize;

use super::options::{self, NewFor};
use super::{app_failure, bytes, failure, redirect, relying_party};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::parse_id;
use crate::pages::two_factor::account::{page, status_view};
use crate::routes::Routes;

const PATH: &str = "/account/two-factor";

pub fn routes() -> Routes {
    Routes::new()
        .post("/account/two-factor/passkeys/options", options)
        .post("/account/two-factor/passkeys", finish)
        .post("/account/two-factor/passkeys/{id}/rename", rename)
        .post("/account/two-factor/passkeys/{id}/remove", remove)
}

#[derive(Deserialize)]
struct StartForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

async fn options(ctx: PageCtx, Form(form): Form<StartForm>) -> WebResult {
    let principal = ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    let user = own_user(principal)?;
    let app = &ctx.state.app;
    let started =
        match manage::start_adding(app, user, &principal.email, &form.password, &form.name).await {
            Ok(started) => started,
            Err(err) => return app_failure(&ctx, err, "passkey-refused"),
        };
    let existing = manage::list(app, user)
        .await?
        .into_iter()
        .map(|p| p.credential_id)
        .collect();
    let new_for = NewFor {
        handle: passkeys::user_handle(user),
        email: &principal.email,
        name: &principal.name,
        existing,
    };
    Ok(options::creation(&relying_party(&ctx)?, &started, new_for))
}

#[derive(Deserialize)]
pub(super) struct FinishForm {
    #[serde(default, rename = "_csrf")]
    pub csrf: String,
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub client_data_json: String,
    #[serde(default)]
    pub attestation_object: String,
}

async fn finish(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Form(form): Form<FinishForm>,
) -> WebResult {
    let principal = ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    let user = own_user(principal)?;
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
    let ip = client.to_string();
    match manage::add(&ctx.state.app, &rp, user, answer, &ip).await {
        Ok(_) => Ok(redirect(&format!("{PATH}?done=passkey-added"))),
        Err(err) => app_failure(&ctx, err, "passkey-refused"),
    }
}

#[derive(Deserialize)]
struct ChangeForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

/// A refused rename or removal: the page again with the messages at the
/// form of that passkey (422), the typed name kept, the password not.
async fn refused(ctx: &PageCtx, form_name: String, name: &str, err: AppError) -> WebResult {
    let AppError::Validation(errors) = err else {
        return Err(err.into());
    };
    let principal = ctx.require_user()?;
    let mut view = status_view(ctx, principal).await?;
    view.failed_form = form_name;
    view.errors = FormErrors::from(errors);
    view.typed_name = name.chars().take(200).collect();
    page(ctx, view).await
}

async fn rename(ctx: PageCtx, Path(id): Path<String>, Form(form): Form<ChangeForm>) -> WebResult {
    let principal = ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    let user = own_user(principal)?;
    let id = parse_id(&id).ok_or(WebError::NotFound)?;
    let app = &ctx.state.app;
    match manage::rename(app, user, &principal.email, &form.password, id, &form.name).await {
        Ok(()) => Ok(Redirect::to(&format!("{PATH}?done=passkey-renamed")).into_response()),
        Err(err) => refused(&ctx, format!("rename-{id}"), &form.name, err).await,
    }
}

async fn remove(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ChangeForm>,
) -> WebResult {
    let principal = ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    let user = own_user(principal)?;
    let id = parse_id(&id).ok_or(WebError::NotFound)?;
    let ip = client.to_string();
    let app = &ctx.state.app;
    match manage::remove(app, user, &principal.email, &form.password, id, &ip).await {
        Ok(()) => Ok(Redirect::to(&format!("{PATH}?done=passkey-removed")).into_response()),
        Err(err) => refused(&ctx, format!("remove-{id}"), "", err).await,
    }
}
