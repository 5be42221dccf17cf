//! `/staff/organizations`: the organizations of the staff member's
//! tenants whose name contains `?q=`, 25 per page (`?page=`).

use axum::extract::Query;
use axum::response::{Html, IntoResponse};
use kp_app::organizations::{self, PAGE_SIZE};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::pages::staff_users::require_staff;
use crate::pages::urlencode;

#[derive(Serialize)]
struct Row {
    id: i64,
    name: String,
    household: bool,
    customers: i64,
    users: i64,
}

#[derive(Serialize)]
struct View {
    rows: Vec<Row>,
    q: String,
    total: i64,
    page: i64,
    pages: i64,
    previous: Option<String>,
    next: Option<String>,
    admin: bool,
}

#[derive(Deserialize)]
pub(super) struct ListQuery {
    #[serde(default)]
    q: String,
    page: Option<String>,
}

pub(super) async fn page(ctx: PageCtx, Query(query): Query<ListQuery>) -> WebResult {
    let principal = require_staff(&ctx)?;
    let page = query
        .page
        .as_deref()
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, i64::from(u32::MAX));
    let q = query.q.trim().chars().take(200).collect::<String>();
    let (rows, total) = organizations::list(&ctx.state.app, principal, &q, page).await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let link = |p: i64| format!("{}?q={}&page={p}", super::PATH, urlencode(&q));
    let view = View {
        rows: rows
            .iter()
            .map(|r| Row {
                id: r.id,
                name: r.name.clone(),
                household: organizations::is_household(r),
                customers: r.customers,
                users: r.users,
            })
            .collect(),
        total,
        page,
        pages,
        previous: (page > 1).then(|| link(page - 1)),
        next: (page < pages).then(|| link(page + 1)),
        admin: principal.is_admin(),
        q,
    };
    Ok(Html(ctx.render("pages/staff_orgs.html", "org-title", view)?).into_response())
}
