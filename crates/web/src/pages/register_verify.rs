//! `/register/verify/{token}`: the link of an automatic registration's
//! mail opens a form to set the password; sending it creates the portal
//! user. An unknown, used or expired link gets the same "link not valid"
//! page (404) whether or not anything stood behind it.

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use kp_app::{AppError, registration_verify};
use serde::{Deserialize, Serialize};

use super::register::{NOTICE_TEMPLATE, Notice};
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::form::FormErrors;
use crate::routes::Routes;

const TEMPLATE: &str = "pages/register_password.html";
const TITLE: &str = "register-verify-title";

pub fn routes() -> Routes {
    Routes::new()
        .get("/register/verify/{token}", show)
        .post("/register/verify/{token}", submit)
}

/// The answer to a link that cannot be used.
pub fn link_invalid(ctx: &PageCtx) -> WebResult {
    let notice = Notice {
        message: "register-link-invalid",
        link: Some(("/login", "register-to-login")),
    };
    let html = ctx.render(NOTICE_TEMPLATE, "register-link-invalid-title", notice)?;
    Ok((StatusCode::NOT_FOUND, Html(html)).into_response())
}

#[derive(Serialize)]
struct View {
    action: String,
    email: String,
    min_length: usize,
    errors: FormErrors,
}

async fn page(ctx: &PageCtx, token: &str, email: String, errors: FormErrors) -> WebResult {
    let min_length = kp_app::passwords::min_length(&ctx.state.app).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = View {
        action: format!("/register/verify/{token}"),
        email,
        min_length,
        errors,
    };
    Ok((status, Html(ctx.render(TEMPLATE, TITLE, view)?)).into_response())
}

async fn show(ctx: PageCtx, Path(token): Path<String>) -> WebResult {
    match registration_verify::peek(&ctx.state.app, &token).await {
        Ok(pending) => page(&ctx, &token, pending.email, FormErrors::default()).await,
        Err(AppError::NotFound) => link_invalid(&ctx),
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

async fn submit(
    ctx: PageCtx,
    Path(token): Path<String>,
    Form(form): Form<PasswordForm>,
) -> WebResult {
    ctx.check_csrf(&form.csrf)?;
    let app = &ctx.state.app;
    match registration_verify::complete(app, &token, &form.password, &form.password_confirm).await {
        Ok(_) => {
            let notice = Notice {
                message: "register-done",
                link: Some(("/login", "register-to-login")),
            };
            Ok(Html(ctx.render(NOTICE_TEMPLATE, "register-done-title", notice)?).into_response())
        }
        Err(AppError::Validation(errors)) => {
            let email = match registration_verify::peek(app, &token).await {
                Ok(pending) => pending.email,
                Err(_) => return link_invalid(&ctx),
            };
            page(&ctx, &token, email, FormErrors::from(errors)).await
        }
        Err(AppError::NotFound) => link_invalid(&ctx),
        Err(other) => Err(other.into()),
    }
}
