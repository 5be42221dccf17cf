//! `/settings/two-factor`: who must sign in with a second factor (the
//! broker's setting; staff administrators always).

use axum::Form;
use axum::extract::Query;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::two_factor::policy::{self, Requirement};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::pages::settings::require_admin;
use crate::routes::Routes;

const PATH: &str = "/settings/two-factor";

pub fn routes() -> Routes {
    Routes::new().get(PATH, show).post(PATH, save)
}

#[derive(Serialize)]
struct Choice {
    value: &'static str,
    checked: bool,
}

#[derive(Serialize)]
struct View {
    choices: Vec<Choice>,
    saved: bool,
}

#[derive(Deserialize)]
struct ShowQuery {
    saved: Option<String>,
}

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    require_admin(&ctx)?;
    let current = policy::requirement(&ctx.state.app).await?;
    let view = View {
        choices: Requirement::ALL
            .into_iter()
            .map(|r| Choice {
                value: r.as_str(),
                checked: r == current,
            })
            .collect(),
        saved: q.saved.is_some(),
    };
    let html = ctx.render(
        "pages/settings_two_factor.html",
        "two-factor-policy-title",
        view,
    )?;
    Ok(Html(html).into_response())
}

#[derive(Deserialize)]
struct PolicyForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    required: String,
}

async fn save(ctx: PageCtx, Form(form): Form<PolicyForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    // The form offers only the four values; anything else is forged.
    let required = Requirement::parse(&form.required).ok_or(WebError::BadRequest)?;
    policy::set_requirement(&ctx.state.app, principal, required).await?;
    Ok(Redirect::to(&format!("{PATH}?saved=1")).into_response())
}
