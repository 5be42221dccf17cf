//! `/staff/claim-reports`: the claim reports of the staff member's
//! tenants with a status filter, and a report's page with everything the
//! customer sent, the questions asked and answered, and the two ways on:
//! accept it into a claim, or ask the customer a question. Portal users
//! and staff of another tenant get the 404 of a missing page.

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::claim_after::accept::{self, AcceptInput, Accepted};
use kp_app::claim_after::questions;
use kp_app::claim_after::{self, ListRow, QuestionRow, STATUSES};
use kp_app::claim_wizard::ReportRow;
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::pages::parse_id;
use crate::pages::staff_users::require_staff;

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ListQuery {
    status: Option<String>,
}

#[derive(Serialize)]
struct ListView {
    rows: Vec<ListRow>,
    statuses: &'static [&'static str],
    status: String,
}

pub(super) async fn list(ctx: PageCtx, Query(q): Query<ListQuery>) -> WebResult {
    let principal = require_staff(&ctx)?;
    let status = q.status.filter(|s| !s.is_empty());
    let rows = claim_after::reports(&ctx.state.app, principal, status.as_deref()).await?;
    let view = ListView {
        rows,
        statuses: STATUSES,
        status: status
            .filter(|s| STATUSES.contains(&s.as_str()))
            .unwrap_or_default(),
    };
    Ok(Html(ctx.render(
        "pages/staff_claim_reports.html",
        "after-report-list-title",
        view,
    )?)
    .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct PageQuery {
    asked: Option<String>,
}

/// What the forms hold when shown again with their messages.
#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
pub(super) struct Values {
    broker_claim_number: String,
    insurer_claim_number: String,
    question: String,
    #[serde(rename = "_csrf")]
    csrf: String,
}

#[derive(Serialize)]
struct PageView {
    report: ReportRow,
    questions: Vec<QuestionRow>,
    values: Values,
    errors: FormErrors,
    asked: bool,
}

async fn render(
    ctx: &PageCtx,
    id: i64,
    status: StatusCode,
    values: Values,
    errors: Vec<kp_app::FieldError>,
    asked: bool,
) -> WebResult {
    let principal = require_staff(ctx)?;
    let app = &ctx.state.app;
    let report = claim_after::report(app, principal, id).await?;
    let questions = questions::list(app, principal, id).await?;
    let view = PageView {
        report,
        questions,
        values,
        errors: FormErrors::from(errors),
        asked,
    };
    let html = ctx.render("pages/staff_claim_report.html", "after-report-title", view)?;
    Ok((status, Html(html)).into_response())
}

pub(super) async fn page(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> WebResult {
    let id = parse_id(&id).ok_or(WebError::NotFound)?;
    render(
        &ctx,
        id,
        StatusCode::OK,
        Values::default(),
        Vec::new(),
        q.asked.is_some(),
    )
    .await
}

pub(super) async fn accept(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<Values>,
) -> WebResult {
    let principal = require_staff(&ctx)?;
    let id = parse_id(&id).ok_or(WebError::NotFound)?;
    ctx.check_csrf(&form.csrf)?;
    let input = AcceptInput {
        broker_claim_number: &form.broker_claim_number,
        insurer_claim_number: &form.insurer_claim_number,
    };
    match accept::accept(&ctx.state.app, principal, id, &input).await {
        Ok(Accepted::Created(claim) | Accepted::Already(Some(claim))) => {
            Ok(Redirect::to(&format!("/claims/{}", claim.0)).into_response())
        }
        Ok(Accepted::Already(None)) => {
            Ok(Redirect::to(&format!("/staff/claim-reports/{id}")).into_response())
        }
        Err(AppError::Validation(errors)) => {
            render(
                &ctx,
                id,
                StatusCode::UNPROCESSABLE_ENTITY,
                form,
                errors,
                false,
            )
            .await
        }
        Err(err) => Err(err.into()),
    }
}

pub(super) async fn ask(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<Values>,
) -> WebResult {
    let principal = require_staff(&ctx)?;
    let id = parse_id(&id).ok_or(WebError::NotFound)?;
    ctx.check_csrf(&form.csrf)?;
    match questions::ask(&ctx.state.app, principal, id, &form.question).await {
        Ok(()) => Ok(Redirect::to(&format!("/staff/claim-reports/{id}?asked=1")).into_response()),
        Err(AppError::Validation(errors)) => {
            render(
                &ctx,
                id,
                StatusCode::UNPROCESSABLE_ENTITY,
                form,
                errors,
                false,
            )
            .await
        }
        Err(err) => Err(err.into()),
    }
}
