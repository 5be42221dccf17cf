//! `/admin/users/{id}/scope`: what a colleague sees, narrowed within what
//! the admin sees (see [`super::scope_form`]), with the summary of what
//! the colleague sees as saved (counted as on the staff's scope page) and
//! the links to the object and claim pickers ([`super::pick`]). The form carries the
//! user's `updated_at`; a stale form (409), an unknown code (422) or a
//! request for more than the admin has (403, audited) is shown again as
//! entered and changes nothing.

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::org_admin::{self, Outcome, ScopeRequest};
use kp_app::staff_view::stamp;
use kp_domain::PortalUserId;
use serde::Serialize;

use super::require_portal;
use super::scope_form::{Fields, field, fields, read, saved};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::format::number as grouped;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::parse_id;

#[derive(Serialize)]
struct Counts {
    contracts: String,
    objects: String,
    claims: String,
}

#[derive(Serialize)]
struct View {
    id: i64,
    name: String,
    stamp: String,
    /// What the colleague sees with the restrictions as saved.
    counts: Counts,
    /// Entries of the object and claim lists; `None`: not restricted.
    objects: Option<String>,
    claims: Option<String>,
    scope: Fields,
    problem: Option<&'static str>,
}

async fn render(
    ctx: &PageCtx,
    id: &str,
    posted: Option<&ScopeRequest>,
    problem: Option<&'static str>,
    status: StatusCode,
) -> WebResult {
    let principal = require_portal(ctx)?;
    let number = parse_id(id).ok_or(WebError::NotFound)?;
    let app = &ctx.state.app;
    let (user, scope) = org_admin::get(app, principal, number).await?;
    let choices =
        org_admin::scope_choices(app, principal, Some((PortalUserId(number), &scope))).await?;
    let counts = org_admin::summary(app, principal, number).await?;
    let lang = ctx.language;
    let shown = match posted {
        Some(p) => p.clone(),
        None => saved(&scope, &choices),
    };
    let view = View {
        id: number,
        name: user.name,
        stamp: stamp(user.updated_at),
        counts: Counts {
            contracts: grouped(lang, counts.contracts),
            objects: grouped(lang, counts.objects),
            claims: grouped(lang, counts.claims),
        },
        objects: choices.objects.map(|n| grouped(lang, n)),
        claims: choices.claims.map(|n| grouped(lang, n)),
        scope: fields(lang, principal, &choices, &shown),
        problem,
    };
    let html = ctx.render("pages/org_admin_scope.html", "scope-title", view)?;
    Ok((status, Html(html)).into_response())
}

pub(super) async fn page(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    render(&ctx, &id, None, None, StatusCode::OK).await
}

pub(super) async fn save(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult {
    let principal = require_portal(&ctx)?;
    ctx.check_csrf(field(&pairs, "_csrf"))?;
    let number = parse_id(&id).ok_or(WebError::NotFound)?;
    let request = read(&pairs).map_err(|()| WebError::BadRequest)?;
    let seen = field(&pairs, "updated_at");
    let app = &ctx.state.app;
    let outcome = org_admin::change_scope(app, principal, number, &request, seen, client).await?;
    let (problem, status) = match outcome {
        Outcome::Done => {
            return Ok(Redirect::to(&format!("/admin/users/{number}?done=scope")).into_response());
        }
        Outcome::Stale => ("users-stale", StatusCode::CONFLICT),
        Outcome::Refused(key) => (key, StatusCode::UNPROCESSABLE_ENTITY),
        Outcome::Denied(d) => (d.message(), StatusCode::FORBIDDEN),
    };
    render(&ctx, &id, Some(&request), Some(problem), status).await
}
