//! `/staff/profiles`: the broker-wide profiles and the organizations'
//! ones, optionally of one organization (`?organization=`).

use axum::extract::Query;
use axum::response::{Html, IntoResponse};
use kp_app::profiles;
use kp_domain::OrganizationId;
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::pages::parse_id;
use crate::pages::staff_users::require_admin;

#[derive(Serialize)]
pub(super) struct OrganizationChoice {
    pub id: i64,
    pub name: String,
    pub selected: bool,
}

#[derive(Serialize)]
struct Row {
    id: i64,
    name: String,
    organization: Option<String>,
    areas: usize,
    functions: usize,
    hidden_fields: usize,
    users: i64,
}

#[derive(Serialize)]
struct View {
    rows: Vec<Row>,
    organizations: Vec<OrganizationChoice>,
    organization: Option<i64>,
    done: Option<&'static str>,
}

#[derive(Deserialize)]
pub(super) struct ListQuery {
    organization: Option<String>,
    done: Option<String>,
}

/// The organizations to choose from, `selected` ticked.
pub(super) async fn organization_choices(
    ctx: &PageCtx,
    selected: Option<i64>,
) -> Result<Vec<OrganizationChoice>, crate::error::WebError> {
    let principal = require_admin(ctx)?;
    Ok(profiles::organizations(&ctx.state.app, principal)
        .await?
        .into_iter()
        .map(|(id, name)| OrganizationChoice {
            id: id.0,
            name,
            selected: Some(id.0) == selected,
        })
        .collect())
}

pub(super) async fn page(ctx: PageCtx, Query(q): Query<ListQuery>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let organization = q.organization.as_deref().and_then(parse_id);
    let list = profiles::list(&ctx.state.app, principal, organization.map(OrganizationId)).await?;
    let rows = list
        .into_iter()
        .map(|p| Row {
            id: p.id.0,
            organization: p.organization.map(|(_, name)| name),
            areas: p.areas.len(),
            functions: p.functions.len(),
            hidden_fields: p.hidden_fields.len(),
            users: p.users,
            name: p.name,
        })
        .collect();
    let done = match q.done.as_deref() {
        Some("deleted") => Some("profiles-done-deleted"),
        _ => None,
    };
    let view = View {
        rows,
        organizations: organization_choices(&ctx, organization).await?,
        organization,
        done,
    };
    Ok(Html(ctx.render("pages/staff_profiles.html", "profiles-title", view)?).into_response())
}
