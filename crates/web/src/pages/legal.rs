//! Imprint, privacy notice, terms of use and the broker's website, linked
//! from every footer (D5). Each follows the reader's tenant (visitors: the
//! first tenant) and language: a URL set by the broker is a redirect to it,
//! a text is shown here, and without either the built-in page is shown (the
//! imprint names the tenant from its master data).

use axum::extract::Path;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::legal_settings::{self, LegalPage};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().get("/legal/{page}", legal)
}

#[derive(Serialize)]
struct LegalView {
    page: &'static str,
    broker: Option<kp_app::legal::TenantContact>,
    /// The broker's own text, as paragraphs.
    paragraphs: Vec<String>,
    version: Option<u32>,
}

async fn legal(ctx: PageCtx, Path(page): Path<String>) -> WebResult {
    let page = LegalPage::parse(&page).ok_or(WebError::NotFound)?;
    let view = legal_settings::page(&ctx.state.app, ctx.principal(), page, ctx.language).await?;
    if let Some(entry) = &view.entry
        && !entry.url.is_empty()
    {
        return Ok(Redirect::to(&entry.url).into_response());
    }
    let paragraphs = view
        .entry
        .map(|e| {
            e.text
                .split("\n\n")
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let title = match page {
        LegalPage::Imprint => "legal-imprint",
        LegalPage::Privacy => "legal-privacy",
        LegalPage::Terms => "legal-terms",
        LegalPage::Website => "legal-website",
    };
    let view = LegalView {
        page: page.key(),
        broker: view.contact,
        paragraphs,
        version: view.version,
    };
    Ok(Html(ctx.render("pages/legal.html", title, view)?).into_response())
}
