//! The staff settings pages. Only staff administrators may open them;
//! portal users get the 404 of a page that does not exist (staff URLs are
//! not revealed to them), other staff 403.

mod api_tokens;
mod claims;
mod claims_rule;
pub mod home;
mod home_uploads;
mod imports;
mod legal;
mod mails;
mod outbox;
mod passwords;
mod registration;
mod reports;
mod tasks;
mod uploads;
mod webhook_endpoint;
mod webhooks;

use axum::response::{Html, IntoResponse};
use kp_domain::Principal;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/settings", index)
        .merge(home::routes())
        .merge(home_uploads::routes())
        .merge(reports::routes())
        .merge(passwords::routes())
        .merge(mails::routes())
        .merge(outbox::routes())
        .merge(legal::routes())
        .merge(api_tokens::routes())
        .merge(imports::routes())
        .merge(registration::routes())
        .merge(claims::routes())
        .merge(claims_rule::routes())
        .merge(webhooks::routes())
        .merge(webhook_endpoint::routes())
        .merge(uploads::routes())
        .merge(tasks::routes())
}

/// The welcome video upload, outside the request body limit (see
/// [`crate::pages::upload_routes`]).
pub fn upload_routes() -> Routes {
    home_uploads::large_routes()
}

/// The signed-in staff administrator.
pub fn require_admin(ctx: &PageCtx) -> Result<&Principal, WebError> {
    let principal = ctx.require_user()?;
    if !principal.is_staff() {
        return Err(WebError::NotFound);
    }
    if !principal.is_admin() {
        return Err(WebError::Forbidden);
    }
    Ok(principal)
}

/// The translation key saying whose settings a page edits: the admin's one
/// tenant's, or the installation-wide ones.
pub(crate) fn scope_key(principal: &Principal) -> Result<&'static str, kp_app::AppError> {
    Ok(if kp_app::home_settings::edits_one_tenant(principal)? {
        "home-settings-scope-tenant"
    } else {
        "home-settings-scope-global"
    })
}

async fn index(ctx: PageCtx) -> WebResult {
    require_admin(&ctx)?;
    Ok(Html(ctx.render("pages/settings.html", "settings-title", ())?).into_response())
}
