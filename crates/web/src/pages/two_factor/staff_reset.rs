//! `/staff/users/{id}/reset-two-factor`: a staff administrator removes a
//! portal user's second factors after a confirmation form. Portal users
//! get the 404 of an unknown page, other staff 403.

use axum::Form;
use axum::extract::Path;
use axum::response::{Html, IntoResponse};
use kp_app::two_factor::reset::{self, Target};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
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
    let target = reset::reset(&ctx.state.app, principal, id_of(&id)?, client).await?;
    render(&ctx, target, true)
}
