//! `/settings/home`: the home page items an administrator sets (B2–B5):
//! view, welcome texts, logo, start messages, welcome video. Each part is
//! its own small form; an invalid one is shown again (422) with its
//! messages and changes nothing.

use std::collections::BTreeMap;

use axum::Form;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::home_settings::{self, HomeSettings, HomeView};
use kp_app::home_settings_edit::{self, GeneralInput};
use kp_app::{AppError, FieldError};
use kp_domain::Language;
use serde::{Deserialize, Serialize};

use super::require_admin;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::pages::home::version;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/settings/home", show)
        .post("/settings/home", save_general)
        .post("/settings/home/messages", add_message)
        .post("/settings/home/messages/remove", remove_message)
        .post("/settings/home/logo/remove", remove_logo)
        .post("/settings/home/video/remove", remove_video)
}

#[derive(Serialize)]
struct MessageView {
    id: u32,
    texts: BTreeMap<String, String>,
    valid_from: String,
    valid_until: String,
    current: bool,
}

/// What the page shows: the stored settings, or a sent form shown again.
#[derive(Serialize, Default)]
pub(super) struct SettingsView {
    view: &'static str,
    show_welcome: bool,
    welcome: BTreeMap<String, String>,
    show_logo: bool,
    logo: Option<String>,
    messages: Vec<MessageView>,
    video_enabled: bool,
    video_url: String,
    video_file: Option<String>,
    /// The add-message form as sent.
    message: BTreeMap<String, String>,
    languages: Vec<&'static str>,
    scope_key: &'static str,
    max_logo_kib: usize,
    max_video_mib: usize,
    errors: FormErrors,
}

pub(super) async fn view_of(ctx: &PageCtx) -> Result<SettingsView, WebError> {
    let principal = require_admin(ctx)?;
    let app = &ctx.state.app;
    let value: HomeSettings = home_settings::for_editing(app, principal).await?;
    let today = app.clock.now().date_naive();
    Ok(SettingsView {
        view: match value.view {
            HomeView::Dashboard => "dashboard",
            HomeView::Icons => "icons",
        },
        show_welcome: value.show_welcome,
        welcome: value.welcome.clone(),
        show_logo: value.show_logo,
        logo: value
            .logo
            .as_ref()
            .map(|l| format!("/home/logo?v={}", version(&l.sha256))),
        messages: value
            .messages
            .iter()
            .map(|m| MessageView {
                id: m.id,
                texts: m.texts.clone(),
                valid_from: m.valid_from.to_string(),
                valid_until: m.valid_until.to_string(),
                current: m.valid_from <= today && today <= m.valid_until,
            })
            .collect(),
        video_enabled: value.video.enabled,
        video_url: value.video.url.clone().unwrap_or_default(),
        video_file: value
            .video
            .file
            .as_ref()
            .map(|f| format!("/home/video?v={}", version(&f.sha256))),
        message: BTreeMap::new(),
        languages: Language::ALL.iter().map(|l| l.code()).collect(),
        scope_key: super::scope_key(principal)?,
        max_logo_kib: kp_app::home_files::MAX_LOGO_BYTES / 1024,
        max_video_mib: ctx.state.config.video_upload_limit_bytes / (1024 * 1024),
        errors: FormErrors::default(),
    })
}

pub(super) fn render(ctx: &PageCtx, status: StatusCode, view: SettingsView) -> WebResult {
    Ok((
        status,
        Html(ctx.render("pages/settings_home.html", "home-settings-title", view)?),
    )
        .into_response())
}

/// The page again with the messages of a refused form.
pub(super) async fn refused(
    ctx: &PageCtx,
    errors: Vec<FieldError>,
    sent: impl FnOnce(&mut SettingsView),
) -> WebResult {
    refused_with(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, sent).await
}

/// [`refused`] with another status (413 for a file over the limit).
pub(super) async fn refused_with(
    ctx: &PageCtx,
    status: StatusCode,
    errors: Vec<FieldError>,
    sent: impl FnOnce(&mut SettingsView),
) -> WebResult {
    let mut view = view_of(ctx).await?;
    sent(&mut view);
    view.errors = FormErrors::from(errors);
    render(ctx, status, view)
}

pub(super) fn saved() -> WebResult {
    Ok(Redirect::to("/settings/home?saved=1").into_response())
}

async fn show(ctx: PageCtx) -> WebResult {
    let view = view_of(&ctx).await?;
    render(&ctx, StatusCode::OK, view)
}

#[derive(Deserialize)]
struct GeneralForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    view: String,
    #[serde(default)]
    show_welcome: Option<String>,
    #[serde(default)]
    welcome_de: String,
    #[serde(default)]
    welcome_en: String,
    #[serde(default)]
    welcome_fr: String,
    #[serde(default)]
    welcome_es: String,
    #[serde(default)]
    show_logo: Option<String>,
    #[serde(default)]
    video_enabled: Option<String>,
    #[serde(default)]
    video_url: String,
}

fn by_language(de: &str, en: &str, fr: &str, es: &str) -> BTreeMap<String, String> {
    [("de", de), ("en", en), ("fr", fr), ("es", es)]
        .into_iter()
        .map(|(l, t)| (l.to_owned(), t.to_owned()))
        .collect()
}

async fn save_general(ctx: PageCtx, Form(form): Form<GeneralForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let input = GeneralInput {
        view: form.view.clone(),
        show_welcome: form.show_welcome.is_some(),
        welcome: by_language(
            &form.welcome_de,
            &form.welcome_en,
            &form.welcome_fr,
            &form.welcome_es,
        ),
        show_logo: form.show_logo.is_some(),
        video_enabled: form.video_enabled.is_some(),
        video_url: form.video_url.clone(),
    };
    match home_settings_edit::update_general(&ctx.state.app, principal, &input).await {
        Ok(()) => saved(),
        Err(AppError::Validation(errors)) => {
            refused(&ctx, errors, |v| {
                v.show_welcome = input.show_welcome;
                v.welcome = input.welcome.clone();
                v.show_logo = input.show_logo;
                v.video_enabled = input.video_enabled;
                v.video_url = input.video_url.clone();
            })
            .await
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Deserialize)]
struct MessageForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    message_de: String,
    #[serde(default)]
    message_en: String,
    #[serde(default)]
    message_fr: String,
    #[serde(default)]
    message_es: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    valid_until: String,
}

async fn add_message(ctx: PageCtx, Form(form): Form<MessageForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let texts = by_language(
        &form.message_de,
        &form.message_en,
        &form.message_fr,
        &form.message_es,
    );
    let app = &ctx.state.app;
    match home_settings_edit::add_message(
        app,
        principal,
        &texts,
        &form.valid_from,
        &form.valid_until,
    )
    .await
    {
        Ok(()) => saved(),
        Err(AppError::Validation(errors)) => {
            refused(&ctx, errors, |v| {
                v.message = texts.clone();
                v.message
                    .insert("valid_from".to_owned(), form.valid_from.clone());
                v.message
                    .insert("valid_until".to_owned(), form.valid_until.clone());
            })
            .await
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Deserialize)]
struct RemoveForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    id: String,
}

async fn remove_message(ctx: PageCtx, Form(form): Form<RemoveForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let id = form.id.parse().map_err(|_| WebError::NotFound)?;
    home_settings_edit::remove_message(&ctx.state.app, principal, id).await?;
    saved()
}

async fn remove_logo(ctx: PageCtx, Form(form): Form<RemoveForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    home_settings_edit::remove_logo(&ctx.state.app, principal).await?;
    saved()
}

async fn remove_video(ctx: PageCtx, Form(form): Form<RemoveForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    home_settings_edit::remove_video_file(&ctx.state.app, principal).await?;
    saved()
}
