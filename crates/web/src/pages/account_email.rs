//! `/account/email`: a signed-in user changes their login e-mail (new
//! address and current password; see `kp_app::email_change`). The link
//! of the confirmation mail opens `/account/email/confirm/{token}`, which
//! asks for one click (mail scanners follow links, and a GET must not
//! change anything) and needs no session.

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::{AppError, email_change};
use serde::{Deserialize, Serialize};

use super::register::{NOTICE_TEMPLATE, Notice};
use super::register_verify::link_invalid;
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::routes::Routes;

const PATH: &str = "/account/email";
const TEMPLATE: &str = "pages/account_email.html";
const TITLE: &str = "email-change-title";

pub fn routes() -> Routes {
    Routes::new()
        .get(PATH, show)
        .post(PATH, submit)
        .get("/account/email/confirm/{token}", confirm_show)
        .post("/account/email/confirm/{token}", confirm)
}

#[derive(Serialize)]
struct View {
    current: String,
    new_email: String,
    sent: bool,
    errors: FormErrors,
}

#[derive(Deserialize)]
struct ShowQuery {
    sent: Option<String>,
}

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    let principal = ctx.require_user()?;
    let view = View {
        current: principal.email.clone(),
        new_email: String::new(),
        sent: q.sent.is_some(),
        errors: FormErrors::default(),
    };
    Ok(Html(ctx.render(TEMPLATE, TITLE, view)?).into_response())
}

#[derive(Deserialize)]
struct ChangeForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    new_email: String,
    #[serde(default)]
    password: String,
}

async fn submit(ctx: PageCtx, Form(form): Form<ChangeForm>) -> WebResult {
    let principal = ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    match email_change::request(&ctx.state.app, principal, &form.new_email, &form.password).await {
        Ok(()) => Ok(Redirect::to(&format!("{PATH}?sent=1")).into_response()),
        Err(AppError::Validation(errors)) => {
            let view = View {
                current: principal.email.clone(),
                new_email: form.new_email.trim().chars().take(254).collect(),
                sent: false,
                errors: FormErrors::from(errors),
            };
            let html = ctx.render(TEMPLATE, TITLE, view)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Serialize)]
struct ConfirmView {
    action: String,
    new_email: String,
}

async fn confirm_show(ctx: PageCtx, Path(token): Path<String>) -> WebResult {
    match email_change::peek(&ctx.state.app, &token).await {
        Ok(new_email) => {
            let view = ConfirmView {
                action: format!("/account/email/confirm/{token}"),
                new_email,
            };
            let html = ctx.render("pages/account_email_confirm.html", TITLE, view)?;
            Ok(Html(html).into_response())
        }
        Err(AppError::NotFound) => link_invalid(&ctx),
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct ConfirmForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn confirm(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(token): Path<String>,
    Form(form): Form<ConfirmForm>,
) -> WebResult {
    ctx.check_csrf(&form.csrf)?;
    let ip = client.to_string();
    let from = email_change::Confirming {
        session: ctx.session.as_ref(),
        ip: &ip,
    };
    match email_change::confirm(&ctx.state.app, &token, from).await {
        Ok(()) => {
            let notice = Notice {
                message: "email-change-done",
                link: Some(("/home", "email-change-to-portal")),
            };
            Ok(
                Html(ctx.render(NOTICE_TEMPLATE, "email-change-done-title", notice)?)
                    .into_response(),
            )
        }
        Err(AppError::Conflict) => {
            let notice = Notice {
                message: "email-change-taken",
                link: Some(("/account/email", "email-change-title")),
            };
            let html = ctx.render(NOTICE_TEMPLATE, "email-change-failed-title", notice)?;
            Ok((StatusCode::CONFLICT, Html(html)).into_response())
        }
        Err(AppError::NotFound) => link_invalid(&ctx),
        Err(other) => Err(other.into()),
    }
}
