//! The language switcher: a plain form, so it works without JavaScript.

use axum::Form;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect};
use kp_domain::Language;
use serde::Deserialize;

use crate::context::PageCtx;
use crate::cookies;
use crate::error::{WebError, WebResult};
use crate::pages::safe_next;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().post("/language", switch)
}

#[derive(Deserialize)]
struct LanguageForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    next: Option<String>,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn switch(ctx: PageCtx, Form(form): Form<LanguageForm>) -> WebResult {
    ctx.check_csrf_or_anon(&form.csrf)?;
    let language = Language::parse(&form.lang).ok_or(WebError::NotFound)?;
    if let Some(session) = &ctx.session {
        kp_app::auth::set_language(&ctx.state.app, session, language).await?;
    }
    let mut response = Redirect::to(&safe_next(form.next.as_deref(), "/")).into_response();
    let cookie = cookies::set(
        cookies::LANGUAGE,
        language.code(),
        false,
        ctx.state.config.secure_cookies,
        Some(31_536_000),
    );
    if let Ok(v) = cookie.parse() {
        response.headers_mut().append(SET_COOKIE, v);
    }
    Ok(response)
}
