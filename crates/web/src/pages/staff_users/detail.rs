//! `/staff/users/{id}`: one portal user — name, e-mail, language, status,
//! customer or organization, profile, second factors, sessions and recent
//! sign-ins — with the actions deactivate, reactivate, send the activation
//! link again, end all sessions, and the link to the second-factor reset.
//! Each action form carries the user's `updated_at`; a stale form changes
//! nothing and says so (409).

use std::net::IpAddr;

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::device;
use kp_app::staff_view::stamp;
use kp_app::user_admin::{self, Outcome, UserAction};
use serde::{Deserialize, Serialize};

use super::require_staff;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::middleware::client_addr::ClientAddr;
use crate::pages::account::{describe, when};
use crate::pages::parse_id;

#[derive(Serialize)]
struct SessionRow {
    device: String,
    ip: String,
    created: String,
    last_seen: String,
}

#[derive(Serialize)]
struct SignInRow {
    at: String,
    ip: String,
    device: String,
    succeeded: bool,
}

#[derive(Serialize)]
struct View {
    id: i64,
    name: String,
    email: String,
    language: String,
    status: String,
    customer_id: Option<i64>,
    customer_name: Option<String>,
    customer_number: Option<String>,
    organization_name: Option<String>,
    profile_name: Option<String>,
    totp: bool,
    passkeys: i64,
    recovery_codes: i64,
    last_login: Option<String>,
    created: String,
    stamp: String,
    sessions: Vec<SessionRow>,
    sign_ins: Vec<SignInRow>,
    is_admin: bool,
    /// Something for the second-factor reset to remove.
    has_factors: bool,
    notice: Option<&'static str>,
    /// A refusal or a stale form (translation key).
    problem: Option<&'static str>,
    /// The profiles an administrator may give the user.
    profiles: Option<Vec<super::profile::Choice>>,
}

/// The messages `?done=` may name; anything else shows none.
const DONE: &[(&str, &str)] = &[
    ("deactivate", "users-done-deactivate"),
    ("reactivate", "users-done-reactivate"),
    ("resend", "users-done-resend"),
    ("end-sessions", "users-done-end-sessions"),
    ("invited", "users-done-invited"),
    ("profile", "profiles-done-assigned"),
    ("view-ended", "view-as-done-ended"),
    ("view-expired", "view-as-done-expired"),
];

#[derive(Deserialize)]
pub(super) struct ShowQuery {
    done: Option<String>,
}

pub(super) async fn page(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> WebResult {
    let notice = q
        .done
        .as_deref()
        .and_then(|d| DONE.iter().find(|(k, _)| *k == d))
        .map(|(_, v)| *v);
    let response = render(&ctx, &id, notice, None).await?;
    // Recorded once the page could be shown: a user outside the staff
    // member's tenants was not read.
    if let (Some(principal), Some(id)) = (ctx.principal(), parse_id(&id)) {
        let target = ("portal_user", Some(id));
        kp_app::audit_log::personal_data_read(&ctx.state.app, principal, target, client).await?;
    }
    Ok(response)
}

pub(super) async fn render(
    ctx: &PageCtx,
    id: &str,
    notice: Option<&'static str>,
    problem: Option<&'static str>,
) -> WebResult {
    let principal = require_staff(ctx)?;
    let id = parse_id(id).ok_or(WebError::NotFound)?;
    let page = user_admin::get(&ctx.state.app, principal, id).await?;
    let profiles = super::profile::choices(ctx, principal, id).await?;
    let lang = ctx.language;
    let u = page.user;
    let view = View {
        id: u.id,
        language: u.language,
        status: u.status,
        customer_id: u.customer_id,
        customer_name: u.customer_name,
        customer_number: u.customer_number,
        organization_name: u.organization_name,
        profile_name: u.profile_name,
        totp: u.totp,
        passkeys: u.passkeys,
        recovery_codes: u.recovery_codes,
        last_login: u.last_login_at.map(|at| when(lang, at)),
        created: when(lang, u.created_at),
        stamp: stamp(u.updated_at),
        sessions: page
            .sessions
            .into_iter()
            .map(|s| SessionRow {
                device: describe(lang, device::describe(&s.user_agent)),
                ip: s.ip,
                created: when(lang, s.created_at),
                last_seen: when(lang, s.last_seen_at),
            })
            .collect(),
        sign_ins: page
            .sign_ins
            .into_iter()
            .map(|s| SignInRow {
                at: when(lang, s.attempted_at),
                ip: s.ip,
                device: describe(lang, device::describe(&s.user_agent)),
                succeeded: s.succeeded,
            })
            .collect(),
        is_admin: principal.is_admin(),
        has_factors: u.totp || u.passkeys > 0 || u.recovery_codes > 0,
        name: u.name,
        email: u.email,
        notice,
        problem,
        profiles,
    };
    let html = ctx.render("pages/staff_user.html", "users-detail-title", view)?;
    let status = if problem.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize)]
pub(super) struct ActionForm {
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
    action: UserAction,
) -> WebResult {
    let principal = require_staff(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let number = parse_id(&id).ok_or(WebError::NotFound)?;
    let app = &ctx.state.app;
    match user_admin::act(app, principal, number, action, &form.updated_at, client).await? {
        Outcome::Done => Ok(
            Redirect::to(&format!("/staff/users/{number}?done={}", action.key())).into_response(),
        ),
        Outcome::Stale => render(&ctx, &id, None, Some("users-stale")).await,
        Outcome::Refused(key) => render(&ctx, &id, None, Some(key)).await,
    }
}

pub(super) async fn deactivate(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    run(ctx, client, id, form, UserAction::Deactivate).await
}

pub(super) async fn reactivate(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    run(ctx, client, id, form, UserAction::Reactivate).await
}

pub(super) async fn resend(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    run(ctx, client, id, form, UserAction::ResendActivation).await
}

pub(super) async fn end_sessions(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    run(ctx, client, id, form, UserAction::EndSessions).await
}
