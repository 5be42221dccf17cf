//! `/admin/users`: the users of the admin's organization, searched by
//! name or e-mail and filtered by status, 25 per page.

use axum::extract::Query;
use axum::response::{Html, IntoResponse};
use kp_app::org_admin;
use kp_app::user_admin::UserQuery;
use kp_domain::PortalUserStatus;
use serde::{Deserialize, Serialize};

use super::require_portal;
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::pages::account::when;

#[derive(Deserialize)]
pub(super) struct ListParams {
    q: Option<String>,
    status: Option<String>,
    page: Option<u32>,
    done: Option<String>,
}

#[derive(Serialize)]
struct Row {
    id: i64,
    name: String,
    email: String,
    status: String,
    last_login: Option<String>,
}

#[derive(Serialize)]
struct View {
    rows: Vec<Row>,
    total: i64,
    page: u32,
    pages: u32,
    prev: Option<String>,
    next: Option<String>,
    search: String,
    status: String,
    statuses: Vec<&'static str>,
    notice: bool,
}

fn link(search: &str, status: &str, page: u32) -> String {
    format!(
        "/admin/users?q={}&status={}&page={page}",
        crate::pages::urlencode(search),
        crate::pages::urlencode(status)
    )
}

pub(super) async fn page(ctx: PageCtx, Query(p): Query<ListParams>) -> WebResult {
    let principal = require_portal(&ctx)?;
    let search = p.q.unwrap_or_default();
    let status = p.status.unwrap_or_default();
    let mut query = UserQuery {
        search: Some(search.clone()).filter(|s| !s.trim().is_empty()),
        ..UserQuery::default()
    };
    query.filters.status = PortalUserStatus::parse(&status).ok();
    let number = p.page.unwrap_or(1).max(1);
    let listed = org_admin::list(&ctx.state.app, principal, &query, number).await?;
    let lang = ctx.language;
    let view = View {
        rows: listed
            .rows
            .into_iter()
            .map(|u| Row {
                id: u.id,
                name: u.name,
                email: u.email,
                status: u.status,
                last_login: u.last_login_at.map(|at| when(lang, at)),
            })
            .collect(),
        total: listed.total,
        page: listed.page,
        pages: listed.pages,
        prev: (listed.page > 1).then(|| link(&search, &status, listed.page - 1)),
        next: (listed.page < listed.pages).then(|| link(&search, &status, listed.page + 1)),
        search,
        status,
        statuses: vec!["invited", "active", "inactive"],
        notice: p.done.as_deref() == Some("invited"),
    };
    let html = ctx.render("pages/org_admin_users.html", "org-admin-title", view)?;
    Ok(Html(html).into_response())
}
