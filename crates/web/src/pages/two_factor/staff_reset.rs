//! `/staff/users/{id}/reset-two-factor`: a staff administrator removes a
//! portal user's second factors after a confirmation form. Portal users
//! get the 404 of an unknown page, other staff 403.

use axum::Form;
use axum::extract::Path;
use axum::response::{Html, IntoResponse};
use kp_app::two_factor::reset::{self, Notice, Target};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::i18n;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::settings::require_admin;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/staff/users/{id}/reset-two-factor", show)
        .post("/staff/users/{id}/reset-two-factor", submit)
}

#[derive(Serialize)]
struct View {
    id: i64,
    name: String,
    email: String,
    done: bool,
}

fn id_of(raw: &str) -> Result<i64, WebError> {
    raw.parse::<i64>().map_err(|_| WebError::NotFound)
}

async fn show(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let target = reset::target(&ctx.state.app, principal, id_of(&id)?).await?;
    render(&ctx, target, false)
}

fn render(ctx: &PageCtx, target: Target, done: bool) -> WebResult {
    let view = View {
        id: target.id,
        name: target.name,
        email: target.email,
        done,
    };
    let html = ctx.render(
        "pages/two_factor_reset.html",
        "two-factor-reset-title",
        view,
    )?;
    Ok(Html(html).into_response())
}

#[derive(Deserialize)]
struct ResetForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn submit(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ResetForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let target = reset::reset(&ctx.state.app, principal, id_of(&id)?, client, reset_mail).await?;
    render(&ctx, target, true)
}

/// The mail telling the user their second factors were reset, in their
/// language. The one place to switch to `kp_app::mail_templates::queue`
/// once the e-mail templates (issue 8) are merged.
fn reset_mail(target: &Target) -> Notice {
    let lang = target.language;
    let args = [("name", target.name.clone().into())];
    let subject = i18n::text_with(lang, "two-factor-reset-mail-subject", &args);
    let body_text = i18n::text_with(lang, "two-factor-reset-mail-body", &args);
    let body_html = format!("<p>{}</p>", escape(&body_text).replace('\n', "<br>"));
    Notice {
        subject,
        body_text,
        body_html,
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
