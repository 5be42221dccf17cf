//! The home pages: customers see their name and what their scope holds;
//! staff see the same counts over their tenants.

use axum::response::{Html, IntoResponse};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().get("/home", home)
}

#[derive(Serialize)]
struct HomeView {
    name: String,
    counts: kp_app::home::ScopeCounts,
    role_key: Option<String>,
}

async fn home(ctx: PageCtx) -> WebResult {
    let principal = ctx.require_user()?;
    let counts = kp_app::home::counts(&ctx.state.app, principal).await?;
    let role_key = match &principal.actor {
        kp_domain::Actor::Staff { role, .. } => Some(format!("role-{}", role.as_str())),
        kp_domain::Actor::Portal { .. } => None,
    };
    let template = if principal.is_staff() {
        "pages/home_staff.html"
    } else {
        "pages/home_customer.html"
    };
    let view = HomeView {
        name: principal.name.clone(),
        counts,
        role_key,
    };
    Ok(Html(ctx.render(template, "home-title", view)?).into_response())
}
