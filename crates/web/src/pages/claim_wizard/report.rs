//! `GET /claims/reports/{id}`: a sent claim report with its reference
//! number; after sending (`?sent=1`) the confirmation. Read through the
//! scope: the customer's users and the broker's staff see it, everyone
//! else gets the 404 of a missing report. Once accepted it links to its
//! claim; questions the broker asked are shown with the form to answer
//! the open one (text and optionally a document, received by
//! `pages::claim_after`).

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use kp_app::FieldError;
use kp_app::claim_after::{QuestionRow, questions};
use kp_app::claim_wizard::{self, ReportRow};
use kp_domain::{Function, MenuArea};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::pages::parse_id;
use crate::permissions::require_area;

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct SentQuery {
    sent: Option<String>,
    answered: Option<String>,
}

#[derive(Serialize)]
struct View {
    report: ReportRow,
    sent: bool,
    answered: bool,
    questions: Vec<QuestionRow>,
    /// The customer may answer (an open question, a portal user acting
    /// as themselves).
    may_answer: bool,
    may_attach: bool,
    answer: String,
    errors: FormErrors,
    limit_mib: u32,
}

pub(super) async fn page(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<SentQuery>,
) -> WebResult {
    let id = parse_id(&id).ok_or(WebError::NotFound)?;
    let flags = (q.sent.is_some(), q.answered.is_some());
    render(&ctx, id, StatusCode::OK, flags, String::new(), Vec::new()).await
}

/// The report's page; with `errors` the answer form shows `answer` and
/// its message.
pub(crate) async fn render(
    ctx: &PageCtx,
    id: i64,
    status: StatusCode,
    (sent, answered): (bool, bool),
    answer: String,
    errors: Vec<FieldError>,
) -> WebResult {
    let principal = ctx.require_user()?;
    let app = &ctx.state.app;
    // Looked up first: a report outside the scope is the 404 of a missing
    // one for every profile.
    let report = claim_wizard::report(app, principal, id).await?;
    require_area(principal, MenuArea::Claims)?;
    let questions = questions::list(app, principal, id).await?;
    let open = questions.iter().any(|q| q.answered_at.is_none());
    let customer = !principal.is_staff() && principal.impersonated_by.is_none();
    let limit_mib = match report.tenant_id {
        Some(t) => {
            kp_app::uploads::settings::for_tenant(app, kp_domain::TenantId(t))
                .await?
                .limit_mib
        }
        None => 0,
    };
    let view = View {
        sent,
        answered,
        may_answer: open && customer && report.claim_id.is_none(),
        may_attach: principal.permissions.allows(Function::UploadDocument),
        report,
        questions,
        answer,
        errors: FormErrors::from(errors),
        limit_mib,
    };
    let html = ctx.render("pages/claim_report.html", "claim-report-title", view)?;
    Ok((status, Html(html)).into_response())
}
