//! `/consent`: where a portal user who has not accepted the current terms
//! of use and privacy notice is sent on every page until they do (the gate
//! is in `PageCtx`). They may read both, accept, or sign out; nothing else.

use axum::Form;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::consent::{self, Due};
use kp_app::legal_settings::LegalPage;
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::form::FormErrors;
use crate::routes::Routes;

pub const PATH: &str = "/consent";

pub fn routes() -> Routes {
    Routes::new().get(PATH, show).post(PATH, accept)
}

#[derive(Serialize)]
struct View {
    due: Vec<Due>,
    errors: FormErrors,
}

async fn show(ctx: PageCtx) -> WebResult {
    let principal = ctx.require_user()?;
    let due = consent::due(&ctx.state.app, principal).await?;
    if due.is_empty() {
        return Ok(Redirect::to("/home").into_response());
    }
    render(&ctx, StatusCode::OK, due, FormErrors::default())
}

fn render(ctx: &PageCtx, status: StatusCode, due: Vec<Due>, errors: FormErrors) -> WebResult {
    let html = ctx.render("pages/consent.html", "consent-title", View { due, errors })?;
    Ok((status, Html(html)).into_response())
}

/// Ticked boxes carry the version the page showed (`terms=3`).
#[derive(Deserialize)]
struct ConsentForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    terms: Option<String>,
    #[serde(default)]
    privacy: Option<String>,
}

async fn accept(ctx: PageCtx, Form(form): Form<ConsentForm>) -> WebResult {
    let principal = ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    let ticked: Vec<(LegalPage, u32)> = [
        (LegalPage::Terms, &form.terms),
        (LegalPage::Privacy, &form.privacy),
    ]
    .into_iter()
    .filter_map(|(page, v)| Some((page, v.as_deref()?.parse().ok()?)))
    .collect();
    let app = &ctx.state.app;
    match consent::accept(app, principal, &ticked).await {
        Ok(()) => Ok(Redirect::to("/home").into_response()),
        Err(AppError::Validation(errors)) => {
            let due = consent::due(app, principal).await?;
            // A box ticked for an older version than the current one reads
            // as not ticked: the user sees the new version's box again.
            render(
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                due,
                FormErrors::from(errors),
            )
        }
        Err(other) => Err(other.into()),
    }
}
