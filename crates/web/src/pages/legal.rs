//! Imprint, privacy notice and terms of use, linked from every footer.
//! The imprint names the broker from the first tenant's master data.

use axum::extract::Path;
use axum::response::{Html, IntoResponse};
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
}

async fn legal(ctx: PageCtx, Path(page): Path<String>) -> WebResult {
    let page = match page.as_str() {
        "imprint" => "imprint",
        "privacy" => "privacy",
        "terms" => "terms",
        _ => return Err(WebError::NotFound),
    };
    let broker = kp_app::legal::broker_contact(&ctx.state.app).await?;
    let title = match page {
        "imprint" => "legal-imprint",
        "privacy" => "legal-privacy",
        _ => "legal-terms",
    };
    Ok(Html(ctx.render("pages/legal.html", title, LegalView { page, broker })?).into_response())
}
