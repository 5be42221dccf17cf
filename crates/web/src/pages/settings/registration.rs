//! `/settings/registration`: a tenant's self-registration (C3, D10–D13):
//! mode, registration recipient, colour of the registration mails, the
//! broker's text and an extra text (plain text with line breaks, see
//! `kp_app::registration_settings`). `?tenant=<key>` picks the tenant.

use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::registration_settings::{self, Mode, SettingsInput};
use serde::{Deserialize, Serialize};
use tenant_view::TenantView;

use super::require_admin;
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::form::FormErrors;
use crate::pages::urlencode;
use crate::routes::Routes;

const PATH: &str = "/settings/registration";
const TEMPLATE: &str = "pages/settings_registration.html";
const TITLE: &str = "registration-settings-title";

pub fn routes() -> Routes {
    Routes::new().get(PATH, show).post(PATH, save)
}

mod tenant_view {
    use serde::Serialize;

    /// A tenant as the chooser lists it.
    #[derive(Serialize)]
    pub struct TenantView {
        pub key: String,
        pub name: String,
        pub selected: bool,
    }
}

#[derive(Serialize)]
struct View {
    tenants: Vec<TenantView>,
    tenant_key: String,
    tenant_name: String,
    modes: Vec<&'static str>,
    mode: String,
    recipient: String,
    colour: String,
    intro_text: String,
    extra_text: String,
    max_text: usize,
    saved: bool,
    errors: FormErrors,
}

#[derive(Deserialize)]
struct ShowQuery {
    tenant: Option<String>,
    saved: Option<String>,
}

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let editing =
        registration_settings::for_editing(&ctx.state.app, principal, q.tenant.as_deref()).await?;
    let s = &editing.settings;
    let input = SettingsInput {
        mode: s.mode.code().to_owned(),
        recipient: s.recipient.clone(),
        colour: s.colour.clone(),
        intro_text: s.intro_text.clone(),
        extra_text: s.extra_text.clone(),
    };
    let view = view(&editing, input, q.saved.is_some(), FormErrors::default());
    Ok(Html(ctx.render(TEMPLATE, TITLE, view)?).into_response())
}

fn view(
    editing: &registration_settings::Editing,
    input: SettingsInput,
    saved: bool,
    errors: FormErrors,
) -> View {
    View {
        tenants: editing
            .tenants
            .iter()
            .map(|t| TenantView {
                key: t.key.clone(),
                name: t.name.clone(),
                selected: t.id == editing.tenant.id,
            })
            .collect(),
        tenant_key: editing.tenant.key.clone(),
        tenant_name: editing.tenant.name.clone(),
        modes: Mode::ALL.iter().map(|m| m.code()).collect(),
        mode: input.mode,
        recipient: input.recipient,
        colour: input.colour,
        intro_text: input.intro_text,
        extra_text: input.extra_text,
        max_text: registration_settings::MAX_TEXT_CHARS,
        saved,
        errors,
    }
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    tenant: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    recipient: String,
    #[serde(default)]
    colour: String,
    #[serde(default)]
    intro_text: String,
    #[serde(default)]
    extra_text: String,
}

async fn save(ctx: PageCtx, Form(form): Form<SettingsForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let input = SettingsInput {
        mode: form.mode,
        recipient: form.recipient,
        colour: form.colour,
        intro_text: form.intro_text,
        extra_text: form.extra_text,
    };
    let app = &ctx.state.app;
    match registration_settings::save(app, principal, &form.tenant, &input).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "{PATH}?tenant={}&saved=1",
            urlencode(&form.tenant)
        ))
        .into_response()),
        Err(AppError::Validation(errors)) => {
            let editing =
                registration_settings::for_editing(app, principal, Some(&form.tenant)).await?;
            let page = view(&editing, input, false, FormErrors::from(errors));
            let html = ctx.render(TEMPLATE, TITLE, page)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
