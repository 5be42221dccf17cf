//! Four-eyes approval of claim reports (issue 10), the approvers' pages:
//! the drafts awaiting them (`/claims/approvals`), one draft's summary
//! with "submit" and "send back with a comment" (`/claims/approvals/{id}`)
//! and its steps to change (the wizard's pages in [`Mode::Approval`]: the
//! contract or object, steps 2–7, the documents and photos). Portal users without `approve_claims` get 403,
//! staff 404; a draft of another organization or outside the approver's
//! scope is the 404 of a missing one. Use cases in
//! `kp_app::claim_wizard::approval`.

mod review;

use axum::Form;
use axum::body::Body;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse};
use kp_app::claim_wizard::Step;
use kp_app::claim_wizard::approval::{self, AwaitingRow};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::pages::claim_wizard::Mode;
use crate::pages::claim_wizard::steps::{self, StepForm};
use crate::pages::claim_wizard::{choose, documents};
use crate::routes::Routes;

/// Steps 2–7 as an approver changes them, as fixed paths so every route
/// has exactly one record id (the object and documents steps have their
/// own forms, below).
const STEP_PATHS: &[(&str, Step)] = &[
    ("/claims/approvals/{id}/loss", Step::Loss),
    ("/claims/approvals/{id}/type", Step::Type),
    ("/claims/approvals/{id}/what", Step::What),
    ("/claims/approvals/{id}/amount", Step::Amount),
    ("/claims/approvals/{id}/parties", Step::Parties),
    ("/claims/approvals/{id}/contact", Step::Contact),
];

const LIST: &str = "pages/claim_approvals.html";
const LIST_TITLE: &str = "claim-approval-list-title";

pub fn routes() -> Routes {
    let mut routes = Routes::new()
        .get("/claims/approvals", list)
        .get("/claims/approvals/{id}", review::page)
        .post("/claims/approvals/{id}/submit", review::submit)
        .post("/claims/approvals/{id}/return", review::send_back)
        .get(
            "/claims/approvals/{id}/object",
            |ctx: PageCtx, id: Path<String>, q: Query<choose::SearchQuery>| {
                choose::page(ctx, id, q, Mode::Approval)
            },
        )
        .post(
            "/claims/approvals/{id}/object",
            |ctx: PageCtx, id: Path<String>, form: Form<choose::ChoiceForm>| {
                choose::save(ctx, id, form, Mode::Approval)
            },
        )
        .get(
            "/claims/approvals/{id}/documents",
            |ctx: PageCtx, id: Path<String>, q: Query<documents::StepQuery>| {
                documents::page(ctx, id, q, Mode::Approval)
            },
        )
        .post(
            "/claims/approvals/{id}/documents/remove",
            |ctx: PageCtx, id: Path<String>, form: Form<documents::RemoveForm>| {
                documents::remove(ctx, id, form, Mode::Approval)
            },
        );
    for (path, step) in STEP_PATHS {
        let step = *step;
        routes = routes
            .get(path, move |ctx: PageCtx, id: Path<String>| {
                steps::page(ctx, id, step, Mode::Approval)
            })
            .post(
                path,
                move |ctx: PageCtx, id: Path<String>, form: Form<StepForm>| {
                    steps::save(ctx, id, form, step, Mode::Approval)
                },
            );
    }
    routes
}

/// The approver's documents step's receiving route, outside the request
/// body limit (see [`crate::pages::upload_routes`]).
pub fn upload_routes() -> Routes {
    Routes::new().post(
        "/claims/approvals/{id}/documents",
        |ctx: PageCtx, id: Path<String>, headers: HeaderMap, body: Body| {
            documents::receive(ctx, id, headers, body, Mode::Approval)
        },
    )
}

#[derive(Serialize)]
struct ListView {
    rows: Vec<AwaitingRow>,
    /// An action came too late: the draft was submitted or returned
    /// meanwhile.
    stale: bool,
    /// Back from "send back".
    returned: bool,
    listed: bool,
}

/// The list, with the message of a stale action (409) when `stale`.
pub(crate) async fn render_list(ctx: &PageCtx, stale: bool) -> WebResult {
    render(ctx, stale, false).await
}

async fn render(ctx: &PageCtx, stale: bool, returned: bool) -> WebResult {
    let principal = ctx.require_user()?;
    let rows = approval::awaiting(&ctx.state.app, principal).await?;
    let view = ListView {
        rows,
        stale,
        returned,
        listed: true,
    };
    let html = ctx.render(LIST, LIST_TITLE, view)?;
    let status = if stale {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    Ok((status, Html(html)).into_response())
}

/// `GET /claims/approvals`: the drafts awaiting the approver.
async fn list(ctx: PageCtx, Query(q): Query<Vec<(String, String)>>) -> WebResult {
    render(&ctx, false, q.iter().any(|(k, _)| k == "returned")).await
}
