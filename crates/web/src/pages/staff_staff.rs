//! `/staff/staff-users`: staff administrators see the staff users of their
//! tenants (administrators without tenants all) with role, tenants and
//! state, and on one's page deactivate (ends every session), reactivate
//! or end all sessions (`kp_app::staff_admin`); inviting and the role
//! and tenants form are in `staff_staff_edit`. Other staff get 403 on the
//! list and the 404 of an unknown page on a staff user's page (as portal
//! users everywhere), so an id says nothing to them; a staff user outside
//! the administrator's tenants is 404 too.

use std::net::IpAddr;

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::device;
use kp_app::staff_admin::{self, StaffAction, StaffRow};
use kp_app::staff_view::stamp;
use kp_app::user_admin::Outcome;
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::middleware::client_addr::ClientAddr;
use crate::pages::account::{describe, when};
use crate::pages::parse_id;
use crate::pages::staff_staff_edit::{Choice, roles, tenants};
use crate::pages::staff_users::{require_admin, require_staff};
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/staff/staff-users", index)
        .get("/staff/staff-users/{id}", page)
        .post("/staff/staff-users/{id}/deactivate", deactivate)
        .post("/staff/staff-users/{id}/reactivate", reactivate)
        .post("/staff/staff-users/{id}/end-sessions", end_sessions)
}

#[derive(Serialize)]
struct IndexView {
    staff: Vec<StaffRow>,
}

async fn index(ctx: PageCtx) -> WebResult {
    let principal = require_admin(&ctx)?;
    let staff = staff_admin::list(&ctx.state.app, principal).await?;
    let html = ctx.render(
        "pages/staff_staff_users.html",
        "staff-users-title",
        IndexView { staff },
    )?;
    Ok(Html(html).into_response())
}

#[derive(Serialize)]
struct Line {
    a: String,
    b: String,
    c: String,
    d: String,
    ok: bool,
}

#[derive(Serialize)]
struct View {
    #[serde(flatten)]
    staff: StaffRow,
    stamp: String,
    own: bool,
    sessions: Vec<Line>,
    sign_ins: Vec<Line>,
    notice: Option<&'static str>,
    problem: Option<&'static str>,
    roles: Vec<Choice>,
    tenant_choices: Vec<Choice>,
}

/// A refusal shown on the page, with the status it is answered with.
pub(crate) type Problem = (StatusCode, &'static str);

const DONE: &[(&str, &str)] = &[
    ("deactivate", "users-done-deactivate"),
    ("reactivate", "users-done-reactivate"),
    ("end-sessions", "users-done-end-sessions"),
    ("invited", "staff-invite-done"),
    ("resent", "users-done-resend"),
    ("role", "staff-role-done"),
];

#[derive(Deserialize)]
struct ShowQuery {
    done: Option<String>,
}

async fn page(ctx: PageCtx, Path(id): Path<String>, Query(q): Query<ShowQuery>) -> WebResult {
    let notice = q
        .done
        .as_deref()
        .and_then(|d| DONE.iter().find(|(k, _)| *k == d))
        .map(|(_, v)| *v);
    render_page(&ctx, &id, notice, None).await
}

/// An administrator on a staff user's page; anyone else 404.
pub(crate) fn require_admin_hidden(ctx: &PageCtx) -> Result<&kp_domain::Principal, WebError> {
    let principal = require_staff(ctx)?;
    if !principal.is_admin() {
        return Err(WebError::NotFound);
    }
    Ok(principal)
}

/// A staff user's page, with a notice or a refusal.
pub(crate) async fn render_page(
    ctx: &PageCtx,
    id: &str,
    notice: Option<&'static str>,
    problem: Option<Problem>,
) -> WebResult {
    let principal = require_admin_hidden(ctx)?;
    let id = parse_id(id).ok_or(WebError::NotFound)?;
    let p = staff_admin::get(&ctx.state.app, principal, id).await?;
    let lang = ctx.language;
    let own_tenants: Vec<String> = p.tenant_ids.iter().map(|t| t.0.to_string()).collect();
    let view = View {
        roles: roles(&p.staff.role),
        tenant_choices: tenants(ctx, &own_tenants).await?,
        stamp: stamp(p.staff.updated_at),
        own: p.own,
        sessions: p
            .sessions
            .into_iter()
            .map(|s| Line {
                a: describe(lang, device::describe(&s.user_agent)),
                b: s.ip,
                c: when(lang, s.created_at),
                d: when(lang, s.last_seen_at),
                ok: true,
            })
            .collect(),
        sign_ins: p
            .sign_ins
            .into_iter()
            .map(|s| Line {
                a: when(lang, s.attempted_at),
                b: s.ip,
                c: describe(lang, device::describe(&s.user_agent)),
                d: String::new(),
                ok: s.succeeded,
            })
            .collect(),
        staff: p.staff,
        notice,
        problem: problem.map(|(_, key)| key),
    };
    let html = ctx.render(
        "pages/staff_staff_user.html",
        "staff-users-detail-title",
        view,
    )?;
    let status = problem.map_or(StatusCode::OK, |(status, _)| status);
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize)]
struct ActionForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    updated_at: String,
}

async fn run(
    ctx: PageCtx,
    client: IpAddr,
    id: String,
    form: ActionForm,
    action: StaffAction,
    key: &str,
) -> WebResult {
    let principal = require_admin_hidden(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let number = parse_id(&id).ok_or(WebError::NotFound)?;
    let app = &ctx.state.app;
    match staff_admin::act(app, principal, number, action, &form.updated_at, client).await? {
        Outcome::Done => {
            // Deactivating oneself ended this session too.
            Ok(Redirect::to(&format!("/staff/staff-users/{number}?done={key}")).into_response())
        }
        Outcome::Stale => {
            render_page(&ctx, &id, None, Some((StatusCode::CONFLICT, "users-stale"))).await
        }
        Outcome::Refused(key) => {
            render_page(&ctx, &id, None, Some((StatusCode::CONFLICT, key))).await
        }
    }
}

async fn deactivate(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    run(ctx, client, id, form, StaffAction::Deactivate, "deactivate").await
}

async fn reactivate(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    run(ctx, client, id, form, StaffAction::Reactivate, "reactivate").await
}

async fn end_sessions(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    run(
        ctx,
        client,
        id,
        form,
        StaffAction::EndSessions,
        "end-sessions",
    )
    .await
}
