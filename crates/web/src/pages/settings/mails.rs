//! `/settings/mails`: the broker's mail texts (D7, D8) and sender. The
//! overview lists every kind and language (marking the broker's own);
//! `/settings/mails/{kind}/{language}` edits subject, HTML and text with a
//! preview rendered on the server with sample data, saves (only texts
//! that render) or resets to the default. A template that fails shows
//! minijinja's message at its field (422, nothing stored).

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use chrono::Duration;
use kp_app::AppError;
use kp_app::mail_templates::editing::{self, EditError};
use kp_app::mail_templates::{MailKind, MailVars, OwnedTexts};
use kp_domain::Language;
use serde::{Deserialize, Serialize};

use super::require_admin;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::i18n;
use crate::routes::Routes;

const PATH: &str = "/settings/mails";

pub fn routes() -> Routes {
    Routes::new()
        .get(PATH, overview)
        .post("/settings/mails/sender", save_sender)
        .get("/settings/mails/{kind}/{language}", edit)
        .post("/settings/mails/{kind}/{language}", submit)
        .get("/settings/mails/{kind}/{language}/preview", preview_stored)
        .post("/settings/mails/{kind}/{language}/preview", preview_typed)
}

/// What a mail's HTML may do inside the preview frame: show itself, its
/// inline styles and images; no script, form, plugin or navigation.
const MAIL_CSP: &str = "sandbox; default-src 'none'; style-src 'unsafe-inline'; \
                        img-src 'self' https: data:; frame-ancestors 'self'";

/// The preview frame's document: the rendered HTML under its own strict
/// policy, or (422) the render error as plain text.
async fn frame(ctx: &PageCtx, language: Language, texts: &OwnedTexts) -> WebResult {
    use axum::http::HeaderValue;
    use axum::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_FRAME_OPTIONS};
    let principal = require_admin(ctx)?;
    let sample = sample(ctx, language);
    let failed = |message: String| {
        // A small document of its own (the page's error pages are for
        // whole pages), escaped: the message quotes the template.
        let escaped = message
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let html = format!(
            "<!DOCTYPE html><html lang=\"{}\"><meta charset=\"utf-8\"><title>{escaped}</title><p>{escaped}</p></html>",
            ctx.language.code()
        );
        (StatusCode::UNPROCESSABLE_ENTITY, html)
    };
    let (status, body) =
        match editing::preview(&ctx.state.app, principal, language, texts, &sample).await {
            Ok(mail) => (StatusCode::OK, mail.html),
            Err(EditError::Render(err)) => failed(format!(
                "{} {}",
                i18n::text(ctx.language, "mail-settings-render-error"),
                err.message
            )),
            Err(EditError::Fields(_)) => {
                failed(i18n::text(ctx.language, "mail-settings-error-summary"))
            }
            Err(EditError::Other(err)) => return Err(err.into()),
        };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(MAIL_CSP));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    Ok(response)
}

async fn preview_stored(ctx: PageCtx, Path((kind, language)): Path<(String, String)>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let (kind, language) = parse(&kind, &language)?;
    let (texts, _) = editing::for_editing(&ctx.state.app, principal, kind, language).await?;
    frame(&ctx, language, &texts).await
}

async fn preview_typed(
    ctx: PageCtx,
    Path((kind, language)): Path<(String, String)>,
    Form(form): Form<EditForm>,
) -> WebResult {
    require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let (_, language) = parse(&kind, &language)?;
    frame(&ctx, language, &form.texts()).await
}

#[derive(Serialize)]
struct Cell {
    language: &'static str,
    own: bool,
}

#[derive(Serialize)]
struct Row {
    kind: &'static str,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct OverviewView {
    rows: Vec<Row>,
    sender_name: String,
    sender_address: String,
    errors: FormErrors,
    scope_key: &'static str,
    saved: bool,
}

#[derive(Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

async fn overview_view(
    ctx: &PageCtx,
    sender: Option<(String, String)>,
    errors: FormErrors,
    saved: bool,
) -> Result<OverviewView, WebError> {
    let principal = require_admin(ctx)?;
    let overview = editing::overview(&ctx.state.app, principal).await?;
    let rows = MailKind::ALL
        .into_iter()
        .map(|kind| Row {
            kind: kind.code(),
            cells: Language::ALL
                .into_iter()
                .map(|language| Cell {
                    language: language.code(),
                    own: overview.customised.contains(&(kind, language)),
                })
                .collect(),
        })
        .collect();
    let (sender_name, sender_address) =
        sender.unwrap_or((overview.sender.name, overview.sender.address));
    Ok(OverviewView {
        rows,
        sender_name,
        sender_address,
        errors,
        scope_key: super::scope_key(principal)?,
        saved,
    })
}

async fn overview(ctx: PageCtx, Query(q): Query<SavedQuery>) -> WebResult {
    let view = overview_view(&ctx, None, FormErrors::default(), q.saved.is_some()).await?;
    let html = ctx.render("pages/settings_mails.html", "mail-settings-title", view)?;
    Ok(Html(html).into_response())
}

#[derive(Deserialize)]
struct SenderForm {
    #[serde(default)]
    sender_name: String,
    #[serde(default)]
    sender_address: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn save_sender(ctx: PageCtx, Form(form): Form<SenderForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let app = &ctx.state.app;
    match editing::save_sender(app, principal, &form.sender_name, &form.sender_address).await {
        Ok(()) => Ok(Redirect::to(&format!("{PATH}?saved=1")).into_response()),
        Err(AppError::Validation(errors)) => {
            let typed = Some((form.sender_name, form.sender_address));
            let view = overview_view(&ctx, typed, FormErrors::from(errors), false).await?;
            let html = ctx.render("pages/settings_mails.html", "mail-settings-title", view)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

fn parse(kind: &str, language: &str) -> Result<(MailKind, Language), WebError> {
    let kind = MailKind::parse(kind).ok_or(WebError::NotFound)?;
    let language = Language::ALL
        .into_iter()
        .find(|l| l.code() == language)
        .ok_or(WebError::NotFound)?;
    Ok((kind, language))
}

/// Sample variables in the language being edited.
fn sample(ctx: &PageCtx, language: Language) -> MailVars {
    let app = &ctx.state.app;
    MailVars {
        name: i18n::text(language, "mail-sample-name"),
        link: Some(app.link("/activate/sample")),
        expires_at: Some(app.clock.now() + Duration::days(app.policy.invitation_link_days)),
        reason: Some(i18n::text(language, "mail-sample-reason")),
        extra_text: Some(i18n::text(language, "mail-sample-extra")),
        // The tenant's own colour and text of registration mails (D11,
        // D12) are set on the registration settings; the preview shows the
        // theme's colour.
        colour: None,
        intro_text: Some(i18n::text(language, "mail-sample-extra")),
        reference: Some("SM-2026-000123".to_owned()),
    }
}

#[derive(Serialize)]
struct EditView {
    kind: &'static str,
    language: &'static str,
    texts: OwnedTexts,
    own: bool,
    preview_subject: String,
    preview_html: String,
    preview_text: String,
    errors: FormErrors,
    /// minijinja's message for the failing field.
    render_error: Option<String>,
    notice: Option<&'static str>,
    scope_key: &'static str,
}

#[derive(Deserialize)]
struct EditQuery {
    done: Option<String>,
}

async fn edit(
    ctx: PageCtx,
    Path((kind, language)): Path<(String, String)>,
    Query(q): Query<EditQuery>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    let (kind, language) = parse(&kind, &language)?;
    let app = &ctx.state.app;
    let (texts, own) = editing::for_editing(app, principal, kind, language).await?;
    let notice = match q.done.as_deref() {
        Some("saved") => Some("mail-settings-saved"),
        Some("reset") => Some("mail-settings-reset-done"),
        _ => None,
    };
    respond(&ctx, kind, language, texts, own, notice).await
}

async fn respond(
    ctx: &PageCtx,
    kind: MailKind,
    language: Language,
    texts: OwnedTexts,
    own: bool,
    notice: Option<&'static str>,
) -> WebResult {
    let principal = require_admin(ctx)?;
    let app = &ctx.state.app;
    let mut view = EditView {
        kind: kind.code(),
        language: language.code(),
        own,
        preview_subject: String::new(),
        preview_html: String::new(),
        preview_text: String::new(),
        errors: FormErrors::default(),
        render_error: None,
        notice,
        scope_key: super::scope_key(principal)?,
        texts: OwnedTexts::default(),
    };
    let status =
        match editing::preview(app, principal, language, &texts, &sample(ctx, language)).await {
            Ok(mail) => {
                view.preview_subject = mail.subject;
                view.preview_html = mail.html;
                view.preview_text = mail.text;
                StatusCode::OK
            }
            Err(EditError::Fields(errors)) => {
                view.errors = FormErrors::from(errors);
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Err(EditError::Render(err)) => {
                view.errors = FormErrors::from(vec![kp_app::FieldError {
                    field: err.part.field(),
                    key: "mail-settings-render-error",
                }]);
                view.render_error = Some(err.message);
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Err(EditError::Other(err)) => return Err(err.into()),
        };
    view.texts = texts;
    let html = ctx.render(
        "pages/settings_mail_edit.html",
        "mail-settings-edit-title",
        view,
    )?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize)]
struct EditForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    html: String,
    #[serde(default)]
    text: String,
    /// `preview`, `save` or `reset`.
    #[serde(default)]
    action: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

impl EditForm {
    /// Browsers send text areas with CR LF line ends.
    fn texts(&self) -> OwnedTexts {
        OwnedTexts {
            subject: self.subject.replace("\r\n", "\n"),
            html: self.html.replace("\r\n", "\n"),
            text: self.text.replace("\r\n", "\n"),
        }
    }
}

async fn submit(
    ctx: PageCtx,
    Path((kind, language)): Path<(String, String)>,
    Form(form): Form<EditForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let (kind, language) = parse(&kind, &language)?;
    let app = &ctx.state.app;
    let here = format!("{PATH}/{}/{}", kind.code(), language.code());
    let texts = form.texts();
    match form.action.as_str() {
        "reset" => {
            editing::reset(app, principal, kind, language).await?;
            Ok(Redirect::to(&format!("{here}?done=reset")).into_response())
        }
        "save" => {
            let sample = sample(&ctx, language);
            match editing::save(app, principal, kind, language, &texts, &sample).await {
                Ok(()) => Ok(Redirect::to(&format!("{here}?done=saved")).into_response()),
                Err(EditError::Other(err)) => Err(err.into()),
                // Shows the same messages as the preview does.
                Err(_) => respond(&ctx, kind, language, texts, false, None).await,
            }
        }
        _ => respond(&ctx, kind, language, texts, false, None).await,
    }
}
