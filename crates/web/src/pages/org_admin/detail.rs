//! `/admin/users/{id}`: a colleague's data, deactivate / reactivate (ends
//! their sessions at once) and the permission profile. Each form carries
//! the user's `updated_at`; a stale form changes nothing (409), a refusal
//! says why (409), more than the admin has is 403 and audited.

use std::net::IpAddr;

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::org_admin::{self, Outcome, StatusAction};
use kp_app::staff_view::stamp;
use kp_domain::{Actor, PermissionProfileId};
use serde::{Deserialize, Serialize};

use super::invite::{ProfileOption, profile_options};
use super::require_portal;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::middleware::client_addr::ClientAddr;
use crate::pages::account::when;
use crate::pages::parse_id;

#[derive(Serialize)]
struct View {
    id: i64,
    name: String,
    email: String,
    language: String,
    status: String,
    profile_name: Option<String>,
    last_login: Option<String>,
    stamp: String,
    /// The admin's own entry: profile and scope are the broker's to set.
    own: bool,
    profiles: Vec<ProfileOption>,
    none_allowed: bool,
    notice: Option<&'static str>,
    problem: Option<&'static str>,
}

const DONE: &[(&str, &str)] = &[
    ("deactivate", "users-done-deactivate"),
    ("reactivate", "users-done-reactivate"),
    ("profile", "profiles-done-assigned"),
    ("scope", "scope-done-saved"),
];

#[derive(Deserialize)]
pub(super) struct ShowQuery {
    done: Option<String>,
}

pub(super) async fn page(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> WebResult {
    let notice = q
        .done
        .as_deref()
        .and_then(|d| DONE.iter().find(|(k, _)| *k == d))
        .map(|(_, v)| *v);
    render(&ctx, &id, notice, None, StatusCode::OK).await
}

async fn render(
    ctx: &PageCtx,
    id: &str,
    notice: Option<&'static str>,
    problem: Option<&'static str>,
    status: StatusCode,
) -> WebResult {
    let principal = require_portal(ctx)?;
    let id = parse_id(id).ok_or(WebError::NotFound)?;
    let (user, _) = org_admin::get(&ctx.state.app, principal, id).await?;
    let current = user.profile_id.map(|p| p.to_string()).unwrap_or_default();
    let (profiles, none_allowed) = profile_options(ctx, principal, &current).await?;
    let own = matches!(principal.actor, Actor::Portal { id: me, .. } if me.0 == id);
    let view = View {
        id,
        language: user.language,
        status: user.status,
        profile_name: user.profile_name,
        last_login: user.last_login_at.map(|at| when(ctx.language, at)),
        stamp: stamp(user.updated_at),
        name: user.name,
        email: user.email,
        own,
        profiles,
        none_allowed,
        notice,
        problem,
    };
    let html = ctx.render("pages/org_admin_user.html", "users-detail-title", view)?;
    Ok((status, Html(html)).into_response())
}

/// The page again after a change that did not happen.
pub(super) async fn refused(ctx: &PageCtx, id: &str, outcome: Outcome) -> WebResult {
    match outcome {
        Outcome::Done => Err(WebError::Internal("not a refusal".to_owned())),
        Outcome::Stale => render(ctx, id, None, Some("users-stale"), StatusCode::CONFLICT).await,
        Outcome::Refused(key) => render(ctx, id, None, Some(key), StatusCode::CONFLICT).await,
        Outcome::Denied(d) => render(ctx, id, None, Some(d.message()), StatusCode::FORBIDDEN).await,
    }
}

#[derive(Deserialize)]
pub(super) struct ActionForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    updated_at: String,
    #[serde(default)]
    profile: String,
}

async fn run(
    ctx: PageCtx,
    client: IpAddr,
    id: String,
    form: ActionForm,
    action: StatusAction,
    key: &str,
) -> WebResult {
    let principal = require_portal(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let number = parse_id(&id).ok_or(WebError::NotFound)?;
    let app = &ctx.state.app;
    match org_admin::change_status(app, principal, number, action, &form.updated_at, client).await?
    {
        Outcome::Done => {
            Ok(Redirect::to(&format!("/admin/users/{number}?done={key}")).into_response())
        }
        other => refused(&ctx, &id, other).await,
    }
}

pub(super) async fn deactivate(
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
        StatusAction::Deactivate,
        "deactivate",
    )
    .await
}

pub(super) async fn reactivate(
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
        StatusAction::Reactivate,
        "reactivate",
    )
    .await
}

pub(super) async fn assign_profile(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    let principal = require_portal(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let number = parse_id(&id).ok_or(WebError::NotFound)?;
    let chosen = match form.profile.trim() {
        "" => None,
        text => Some(PermissionProfileId(
            parse_id(text).ok_or(WebError::BadRequest)?,
        )),
    };
    let app = &ctx.state.app;
    match org_admin::assign_profile(app, principal, number, chosen, &form.updated_at, client)
        .await?
    {
        Outcome::Done => {
            Ok(Redirect::to(&format!("/admin/users/{number}?done=profile")).into_response())
        }
        other => refused(&ctx, &id, other).await,
    }
}
