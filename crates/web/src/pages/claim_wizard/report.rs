//! `GET /claims/reports/{id}`: a sent claim report with its reference
//! number; after sending (`?sent=1`) the confirmation. Read through the
//! scope: the customer's users and the broker's staff see it, everyone
//! else gets the 404 of a missing report.

use axum::extract::{Path, Query};
use axum::response::{Html, IntoResponse};
use kp_app::claim_wizard::{self, ReportRow};
use kp_domain::MenuArea;
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::pages::parse_id;
use crate::permissions::require_area;

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct SentQuery {
    sent: Option<String>,
}

#[derive(Serialize)]
struct View {
    report: ReportRow,
    sent: bool,
}

pub(super) async fn page(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<SentQuery>,
) -> WebResult {
    let principal = ctx.require_user()?;
    let id = parse_id(&id).ok_or(WebError::NotFound)?;
    // Looked up first: a report outside the scope is the 404 of a missing
    // one for every profile.
    let report = claim_wizard::report(&ctx.state.app, principal, id).await?;
    require_area(principal, MenuArea::Claims)?;
    let view = View {
        report,
        sent: q.sent.is_some(),
    };
    Ok(Html(ctx.render("pages/claim_report.html", "claim-report-title", view)?).into_response())
}
