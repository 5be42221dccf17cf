//! `/settings/passwords`: the broker's minimum password length (C2), from
//! 8 to 1,024 characters, 12 by default. Every password set afterwards is
//! checked against it (`kp_app::passwords::check_policy`); existing
//! passwords stay valid.

use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::{AppError, passwords};
use serde::{Deserialize, Serialize};

use super::require_admin;
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::form::FormErrors;
use crate::routes::Routes;

const PATH: &str = "/settings/passwords";
const TEMPLATE: &str = "pages/settings_passwords.html";
const TITLE: &str = "password-settings-title";

pub fn routes() -> Routes {
    Routes::new().get(PATH, show).post(PATH, save)
}

#[derive(Serialize)]
struct View {
    min_length: String,
    floor: usize,
    max: usize,
    saved: bool,
    errors: FormErrors,
}

#[derive(Deserialize)]
struct ShowQuery {
    saved: Option<String>,
}

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let value = passwords::min_length_for_editing(&ctx.state.app, principal).await?;
    let view = view(value.to_string(), q.saved.is_some(), FormErrors::default());
    Ok(Html(ctx.render(TEMPLATE, TITLE, view)?).into_response())
}

fn view(min_length: String, saved: bool, errors: FormErrors) -> View {
    View {
        min_length,
        floor: passwords::MIN_LENGTH_FLOOR,
        max: kp_app::auth::MAX_PASSWORD_CHARS,
        saved,
        errors,
    }
}

#[derive(Deserialize)]
struct PasswordsForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    min_length: String,
}

async fn save(ctx: PageCtx, Form(form): Form<PasswordsForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    match passwords::save_min_length(&ctx.state.app, principal, &form.min_length).await {
        Ok(_) => Ok(Redirect::to(&format!("{PATH}?saved=1")).into_response()),
        Err(AppError::Validation(errors)) => {
            let page = view(form.min_length, false, FormErrors::from(errors));
            let html = ctx.render(TEMPLATE, TITLE, page)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
