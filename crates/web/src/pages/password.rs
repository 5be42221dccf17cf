//! Forgotten password (`/password/forgot`, `/password/reset/{token}`) and
//! the activation of an invited user (`/activate/{token}`): forms for
//! visitors without a session. A link that cannot be used (unknown, used,
//! expired) gets one page, 404, whatever the reason.

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::auth::MAX_EMAIL_CHARS;
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/password/forgot", forgot_show)
        .post("/password/forgot", forgot_submit)
        .get("/password/reset/{token}", reset_show)
        .post("/password/reset/{token}", reset_submit)
        .get("/activate/{token}", activate_show)
        .post("/activate/{token}", activate_submit)
}

#[derive(Serialize, Default)]
struct ForgotView {
    email: String,
    sent: bool,
    too_many: bool,
    errors: FormErrors,
}

async fn forgot_show(ctx: PageCtx) -> WebResult {
    let html = ctx.render(
        "pages/password_forgot.html",
        "password-forgot-title",
        ForgotView::default(),
    )?;
    Ok(Html(html).into_response())
}

#[derive(Deserialize)]
struct ForgotForm {
    #[serde(default)]
    email: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn forgot_submit(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Form(form): Form<ForgotForm>,
) -> WebResult {
    ctx.check_csrf(&form.csrf)?;
    let app = &ctx.state.app;
    let email: String = form.email.trim().chars().take(MAX_EMAIL_CHARS).collect();
    let (status, view, retry) =
        match kp_app::password_reset::request(app, &form.email, client).await {
            // The same page whether or not the e-mail is known.
            Ok(()) => (
                StatusCode::OK,
                ForgotView {
                    sent: true,
                    ..ForgotView::default()
                },
                None,
            ),
            Err(AppError::Validation(errors)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ForgotView {
                    email,
                    errors: FormErrors::from(errors),
                    ..ForgotView::default()
                },
                None,
            ),
            Err(AppError::TooManyAttempts { retry_after_secs }) => (
                StatusCode::TOO_MANY_REQUESTS,
                ForgotView {
                    email,
                    too_many: true,
                    ..ForgotView::default()
                },
                Some(retry_after_secs),
            ),
            Err(other) => return Err(other.into()),
        };
    let html = ctx.render("pages/password_forgot.html", "password-forgot-title", view)?;
    let mut response = (status, Html(html)).into_response();
    if let Some(secs) = retry {
        response.headers_mut().insert(RETRY_AFTER, secs.into());
    }
    Ok(response)
}

/// The new-password form of a reset or activation link.
#[derive(Serialize, Default)]
struct NewPasswordView {
    action: String,
    /// Title and intro keys: reset or activation.
    kind: &'static str,
    email: String,
    errors: FormErrors,
}

fn link_invalid(ctx: &PageCtx) -> WebResult {
    let html = ctx.render("pages/link_invalid.html", "link-invalid-title", ())?;
    Ok((StatusCode::NOT_FOUND, Html(html)).into_response())
}

fn new_password_page(ctx: &PageCtx, status: StatusCode, view: NewPasswordView) -> WebResult {
    let title = format!("{}-title", view.kind);
    let html = ctx.render("pages/new_password.html", &title, view)?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize)]
struct NewPasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn reset_show(ctx: PageCtx, Path(token): Path<String>) -> WebResult {
    if !kp_app::password_reset::link_valid(&ctx.state.app, &token).await? {
        return link_invalid(&ctx);
    }
    let view = NewPasswordView {
        action: format!("/password/reset/{token}"),
        kind: "password-reset",
        ..NewPasswordView::default()
    };
    new_password_page(&ctx, StatusCode::OK, view)
}

async fn reset_submit(
    ctx: PageCtx,
    Path(token): Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> WebResult {
    ctx.check_csrf(&form.csrf)?;
    let app = &ctx.state.app;
    match kp_app::password_reset::reset(app, &token, &form.password, &form.password_confirm).await {
        Ok(()) => Ok(Redirect::to("/login?notice=password-reset-done").into_response()),
        Err(AppError::NotFound) => link_invalid(&ctx),
        Err(AppError::Validation(errors)) => {
            let view = NewPasswordView {
                action: format!("/password/reset/{token}"),
                kind: "password-reset",
                errors: FormErrors::from(errors),
                ..NewPasswordView::default()
            };
            new_password_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(other) => Err(other.into()),
    }
}

async fn activate_show(ctx: PageCtx, Path(token): Path<String>) -> WebResult {
    let Some(email) = kp_app::activation::invited_email(&ctx.state.app, &token).await? else {
        return link_invalid(&ctx);
    };
    let view = NewPasswordView {
        action: format!("/activate/{token}"),
        kind: "activate",
        email,
        ..NewPasswordView::default()
    };
    new_password_page(&ctx, StatusCode::OK, view)
}

async fn activate_submit(
    ctx: PageCtx,
    Path(token): Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> WebResult {
    ctx.check_csrf(&form.csrf)?;
    let app = &ctx.state.app;
    match kp_app::activation::activate(app, &token, &form.password, &form.password_confirm).await {
        Ok(()) => Ok(Redirect::to("/login?notice=activate-done").into_response()),
        Err(AppError::NotFound) => link_invalid(&ctx),
        Err(AppError::Validation(errors)) => {
            let email = kp_app::activation::invited_email(app, &token)
                .await?
                .unwrap_or_default();
            let view = NewPasswordView {
                action: format!("/activate/{token}"),
                kind: "activate",
                email,
                errors: FormErrors::from(errors),
            };
            new_password_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(other) => Err(other.into()),
    }
}
