//! `/settings/outbox` ("Outgoing mail"): every queued, sent and dead mail,
//! newest first, 25 per page, and one mail with its text and its HTML.
//! The HTML is the broker's template output, so it is shown in a
//! sandboxed frame whose own response forbids every script and plugin
//! (`/settings/outbox/{id}/html`), and as escaped source. The portal's
//! links in the text are offered as links, so that a person trying the
//! demo (no `[smtp]`) can follow an invitation from here.

use axum::extract::{Path, Query};
use axum::http::HeaderValue;
use axum::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_FRAME_OPTIONS};
use axum::response::{Html, IntoResponse};
use kp_app::outgoing_mail::{self, PAGE_SIZE};
use serde::{Deserialize, Serialize};

use super::require_admin;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::pages::parse_id;
use crate::routes::Routes;

/// What a mail's HTML may do inside the frame: show itself, its inline
/// styles and images; no script, form, plugin or navigation of the page.
const MAIL_CSP: &str = "sandbox; default-src 'none'; style-src 'unsafe-inline'; \
                        img-src 'self' https: data:; frame-ancestors 'self'";

pub fn routes() -> Routes {
    Routes::new()
        .get("/settings/outbox", list)
        .get("/settings/outbox/{id}", detail)
        .get("/settings/outbox/{id}/html", html)
}

#[derive(Serialize)]
struct MailView {
    id: i64,
    recipients: String,
    kind: String,
    subject: String,
    status: &'static str,
    created_at: String,
    attempts: i32,
    last_error: Option<String>,
    sender: Option<String>,
}

fn view(mail: &kp_app::outgoing_mail::Mail) -> MailView {
    MailView {
        id: mail.id,
        recipients: mail.recipients.join(", "),
        kind: mail.template.clone(),
        subject: mail.subject.clone(),
        status: mail.status.as_str(),
        created_at: mail.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        attempts: mail.attempts,
        last_error: mail.last_error.clone(),
        sender: mail.sender.clone(),
    }
}

#[derive(Deserialize)]
struct ListQuery {
    page: Option<String>,
}

#[derive(Serialize)]
struct ListView {
    mails: Vec<MailView>,
    total: i64,
    page: i64,
    pages: i64,
    prev: Option<i64>,
    next: Option<i64>,
}

async fn list(ctx: PageCtx, Query(q): Query<ListQuery>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let page = q
        .page
        .as_deref()
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 1_000_000);
    let (mails, total) = outgoing_mail::page(&ctx.state.app, principal, page).await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let view = ListView {
        mails: mails.iter().map(view).collect(),
        total,
        page,
        pages,
        prev: (page > 1).then(|| page - 1),
        next: (page < pages).then(|| page + 1),
    };
    let html = ctx.render("pages/outbox.html", "outbox-title", view)?;
    Ok(Html(html).into_response())
}

#[derive(Serialize)]
struct DetailView {
    mail: MailView,
    html_source: String,
    text: String,
    links: Vec<String>,
}

async fn detail(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let id = parse_id(&id).ok_or(WebError::NotFound)?;
    let app = &ctx.state.app;
    let mail = outgoing_mail::get(app, principal, id).await?;
    let view = DetailView {
        mail: view(&mail),
        links: outgoing_mail::portal_links(app, &mail.body_text),
        html_source: mail.body_html,
        text: mail.body_text,
    };
    let html = ctx.render("pages/outbox_mail.html", "outbox-mail-title", view)?;
    Ok(Html(html).into_response())
}

async fn html(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let id = parse_id(&id).ok_or(WebError::NotFound)?;
    let mail = outgoing_mail::get(&ctx.state.app, principal, id).await?;
    let mut response = mail.body_html.into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(MAIL_CSP));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    Ok(response)
}
