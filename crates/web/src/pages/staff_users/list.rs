//! The portal users list: search (name, e-mail, customer number), filters
//! (status, organization, customer, second factor, last sign-in), sorting
//! and paging in the URL, and the same rows as CSV.

use axum::extract::Query;
use axum::response::{Html, IntoResponse};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use kp_app::lists::Range;
use kp_app::user_admin::{self, UserFilters, UserQuery, UserRow, UserSort};
use kp_domain::{Language, PortalUserStatus};
use serde::Serialize;

use super::require_staff;
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::i18n::text;
use crate::listing::csv::{self, CsvColumn};
use crate::listing::{Column, ListState, ListView, Params};

const BASE: &str = "/staff/users";

const COLUMNS: &[Column<UserSort>] = &[
    Column::sorted("users-col-name", UserSort::Name),
    Column::sorted("users-col-email", UserSort::Email),
    Column::sorted("users-col-owner", UserSort::Owner),
    Column::sorted("users-col-status", UserSort::Status),
    Column {
        label: "users-col-two-factor",
        sort: None,
        field: None,
        staff: None,
        numeric: false,
    },
    Column::sorted("users-col-last-login", UserSort::LastLogin),
];

fn last_login(r: &UserRow, l: Language) -> String {
    r.last_login_at
        .map(|at| crate::pages::account::when(l, at))
        .unwrap_or_default()
}

const CSV: &[CsvColumn<UserRow>] = &[
    CsvColumn::new("users-col-name", |r, _| r.name.clone()),
    CsvColumn::new("users-col-email", |r, _| r.email.clone()),
    CsvColumn::new("users-col-owner", |r, _| r.owner.clone()),
    CsvColumn::new("col-customer-number", |r, _| r.customer_number.clone()),
    CsvColumn::new("users-col-status", |r, l| {
        text(l, &format!("users-status-{}", r.status))
    }),
    CsvColumn::new("users-col-two-factor", |r, l| {
        text(
            l,
            if r.two_factor {
                "users-yes"
            } else {
                "users-no"
            },
        )
    }),
    CsvColumn::new("users-col-last-login", last_login),
];

/// A date range as instants: from the start of the first day to the end
/// of the last (UTC).
fn instants(range: Range<NaiveDate>) -> Range<DateTime<Utc>> {
    let end_of_day = NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999).unwrap_or(NaiveTime::MIN);
    Range {
        from: range.from.map(|d| d.and_time(NaiveTime::MIN).and_utc()),
        to: range.to.map(|d| d.and_time(end_of_day).and_utc()),
    }
}

fn read(ctx: &PageCtx, params: Vec<(String, String)>) -> (ListState<UserSort>, UserQuery) {
    let mut state = ListState::read(Params::new(params), ctx.language);
    let filters = UserFilters {
        status: state.code("status", PortalUserStatus::parse),
        organization: state.id("organization"),
        customer: state.id("customer"),
        two_factor: state.flag("two_factor"),
        last_login: instants(state.date_range("last_login_from", "last_login_to")),
    };
    let query = state.query(filters);
    (state, query)
}

#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    row: UserRow,
    last_login: String,
}

#[derive(Serialize)]
struct Page {
    list: ListView,
    rows: Vec<Row>,
    statuses: Vec<&'static str>,
    organizations: Vec<kp_app::lists::Choice>,
    customers: Vec<kp_app::lists::Choice>,
}

pub(super) async fn page(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = require_staff(&ctx)?;
    let (state, query) = read(&ctx, params);
    let app = &ctx.state.app;
    let listed = user_admin::list(app, principal, &query, state.page).await?;
    let (organizations, customers) = user_admin::choices(app, principal).await?;
    let view = Page {
        list: state.view(BASE, COLUMNS, principal, &listed),
        rows: listed
            .rows
            .into_iter()
            .map(|row| Row {
                last_login: last_login(&row, ctx.language),
                row,
            })
            .collect(),
        statuses: PortalUserStatus::ALL.iter().map(|s| s.as_str()).collect(),
        organizations,
        customers,
    };
    Ok(Html(ctx.render("pages/staff_users.html", "users-title", view)?).into_response())
}

pub(super) async fn export(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = require_staff(&ctx)?;
    let (_, query) = read(&ctx, params);
    let rows = user_admin::all(&ctx.state.app, principal, &query).await?;
    Ok(csv::download(&ctx, principal, "users", &rows, CSV))
}
