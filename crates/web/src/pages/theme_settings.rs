//! Theme settings (D6): a staff administrator chooses the portal's theme
//! and the corporate colours. Portal users get 404 (staff URLs are not
//! revealed to them), other staff 403.

use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::theme::{ThemeInput, ThemeName, ThemeSetting};
use kp_domain::Principal;
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::routes::Routes;
use crate::theme::PREVIEW_PARAM;

const PATH: &str = "/settings/theme";

pub fn routes() -> Routes {
    Routes::new().get(PATH, show).post(PATH, save)
}

#[derive(Serialize)]
struct ThemeOption {
    code: &'static str,
    selected: bool,
    available: bool,
    preview: String,
}

#[derive(Serialize)]
struct ThemeSettingsView {
    options: Vec<ThemeOption>,
    primary: String,
    accent: String,
    errors: FormErrors,
    saved: bool,
}

fn view(selected: &str, primary: String, accent: String, custom: bool) -> ThemeSettingsView {
    let options = ThemeName::ALL
        .into_iter()
        .map(|t| ThemeOption {
            code: t.code(),
            selected: t.code() == selected,
            available: t != ThemeName::Custom || custom,
            preview: format!("/home?{PREVIEW_PARAM}={}", t.code()),
        })
        .collect();
    ThemeSettingsView {
        options,
        primary,
        accent,
        errors: FormErrors::default(),
        saved: false,
    }
}

fn require_admin(ctx: &PageCtx) -> Result<&Principal, WebError> {
    let principal = ctx.require_user()?;
    if !principal.is_staff() {
        return Err(WebError::NotFound);
    }
    if !principal.is_admin() {
        return Err(WebError::Forbidden);
    }
    Ok(principal)
}

#[derive(Deserialize)]
struct ShowQuery {
    saved: Option<String>,
}

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    require_admin(&ctx)?;
    let theme = ctx.state.themes.reload(&ctx.state.app).await;
    let ThemeSetting {
        theme: chosen,
        primary,
        accent,
    } = &theme.setting;
    let mut page = view(
        chosen.code(),
        primary.hex(),
        accent.hex(),
        theme.custom_available(),
    );
    page.saved = q.saved.is_some();
    Ok(Html(ctx.render("pages/settings_theme.html", "theme-title", page)?).into_response())
}

#[derive(Deserialize)]
struct ThemeForm {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    primary: String,
    #[serde(default)]
    accent: String,
    #[serde(default)]
    _csrf: String,
}

async fn save(ctx: PageCtx, Form(form): Form<ThemeForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form._csrf)?;
    let app = &ctx.state.app;
    let custom = ctx.state.themes.reload(app).await.custom_available();
    let input = ThemeInput {
        theme: form.theme,
        primary: form.primary,
        accent: form.accent,
    };
    match kp_app::theme::save(app, principal, &input, custom).await {
        Ok(_) => {
            ctx.state.themes.reload(app).await;
            Ok(Redirect::to(&format!("{PATH}?saved=1")).into_response())
        }
        Err(AppError::Validation(errors)) => {
            let mut page = view(&input.theme, input.primary, input.accent, custom);
            page.errors = FormErrors::from(errors);
            let html = ctx.render("pages/settings_theme.html", "theme-title", page)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
