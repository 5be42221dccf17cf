//! Ending sessions from "My account": one by its id (only the user's own:
//! any other id, forged or another user's, is the 404 of a missing one),
//! or every other one. Ending the current session signs out.

use axum::Form;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect};
use kp_app::account;
use serde::Deserialize;

use super::PATH;
use crate::context::PageCtx;
use crate::cookies;
use crate::error::{WebError, WebResult};
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .post("/account/sessions/end", end)
        .post("/account/sessions/end-others", end_others)
}

#[derive(Deserialize)]
struct EndForm {
    #[serde(default)]
    session: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn end(ctx: PageCtx, Form(form): Form<EndForm>) -> WebResult {
    ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    let session = ctx.session.as_ref().ok_or(WebError::NotFound)?;
    let id = crate::pages::parse_id(&form.session).ok_or(WebError::NotFound)?;
    account::end_session(&ctx.state.app, session, id).await?;
    if id != session.id {
        return Ok(Redirect::to(&format!("{PATH}?done=session#sessions")).into_response());
    }
    let mut response = Redirect::to("/login").into_response();
    let secure = ctx.state.config.secure_cookies;
    if let Ok(v) = cookies::clear(cookies::session(secure), secure).parse() {
        response.headers_mut().append(SET_COOKIE, v);
    }
    Ok(response)
}

#[derive(Deserialize)]
struct OthersForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn end_others(ctx: PageCtx, Form(form): Form<OthersForm>) -> WebResult {
    ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    let session = ctx.session.as_ref().ok_or(WebError::NotFound)?;
    account::end_other_sessions(&ctx.state.app, session).await?;
    Ok(Redirect::to(&format!("{PATH}?done=others#sessions")).into_response())
}
