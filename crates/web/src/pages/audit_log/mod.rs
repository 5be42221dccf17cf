//! `/staff/audit`: the audit log for staff administrators — filters
//! (person, record kind and id, action, period), paging newest first, the
//! same entries as a streamed CSV (`/staff/audit.csv`) and the retention
//! setting (`POST /staff/audit/retention`). Administrators with tenants
//! see the entries about their tenants' users and records
//! (`kp_storage::audit`); other staff 403, portal users 404.

mod export;
mod retention;

use axum::extract::Query;
use axum::response::{Html, IntoResponse};
use chrono::{DateTime, NaiveTime, Utc};
use kp_app::audit_log;
use kp_app::audit_log::{AuditFilters, AuditRow, Cursor};
use kp_app::lists::{Listed, SortColumn};
use kp_domain::Language;
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::form::FormErrors;
use crate::listing::{Column, ListState, ListView, Params};
use crate::pages::staff_users::require_admin;
use crate::pages::urlencode;
use crate::routes::Routes;

const BASE: &str = "/staff/audit";

pub fn routes() -> Routes {
    Routes::new()
        .get(BASE, page)
        .get("/staff/audit.csv", export::csv)
        .post("/staff/audit/retention", retention::save)
}

/// The log has one order, newest first; the type only satisfies the list
/// state, which every list shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct AuditOrder;

impl SortColumn for AuditOrder {
    const ALL: &'static [AuditOrder] = &[AuditOrder];
    fn key(self) -> &'static str {
        "time"
    }
    fn expression(self) -> &'static str {
        "ae.created_at"
    }
}

const fn column(label: &'static str) -> Column<AuditOrder> {
    Column {
        label,
        sort: None,
        field: None,
        staff: None,
        numeric: false,
    }
}

const COLUMNS: &[Column<AuditOrder>] = &[
    column("audit-col-time"),
    column("audit-col-action"),
    column("audit-col-person"),
    column("audit-col-record"),
    column("audit-col-address"),
];

/// An action or record kind as the log writes them (`user.deactivated`).
fn code(value: &str) -> Result<String, ()> {
    let ok = !value.is_empty()
        && value.len() <= 60
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
    if ok { Ok(value.to_owned()) } else { Err(()) }
}

pub(crate) fn read(
    ctx: &PageCtx,
    params: Vec<(String, String)>,
) -> (ListState<AuditOrder>, AuditFilters) {
    let params = Params::new(params);
    let person = params.get("person").map(|p| p.chars().take(100).collect());
    let mut state = ListState::read(params, ctx.language);
    let target_kind = state.code("target_kind", code);
    let target_id = state.id("target_id");
    let action = state.code("action", code);
    let period = state.date_range("period_from", "period_to");
    let end_of_day = NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999).unwrap_or(NaiveTime::MIN);
    let filters = AuditFilters {
        person,
        target_kind,
        target_id,
        action,
        from: period.from.map(|d| d.and_time(NaiveTime::MIN).and_utc()),
        until: period.to.map(|d| d.and_time(end_of_day).and_utc()),
    };
    (state, filters)
}

/// Date and time to the second, UTC: an audit entry's time must be exact.
pub(crate) fn when(lang: Language, at: DateTime<Utc>) -> String {
    let date = crate::format::date(lang, &at.date_naive().to_string());
    format!("{date} {} UTC", at.format("%H:%M:%S"))
}

/// Who acted, as one line: "staff (as portal user)" when impersonating.
pub(crate) fn person(r: &AuditRow) -> String {
    match (&r.actor_staff, &r.actor_portal, &r.impersonated) {
        (Some(s), _, Some(i)) => format!("{s} → {i}"),
        (Some(s), _, None) => s.clone(),
        (None, Some(p), _) => p.clone(),
        _ => String::new(),
    }
}

#[derive(Serialize)]
struct Row {
    time: String,
    action: String,
    person: String,
    record: String,
    record_href: Option<String>,
    ip: String,
    request_id: String,
    details: String,
}

fn record_href(r: &AuditRow) -> Option<String> {
    let id = r.target_id?;
    let base = match r.target_kind.as_str() {
        "portal_user" => "/staff/users",
        "staff_user" => "/staff/staff-users",
        "customer" => "/customers",
        "document" => "/documents",
        "permission_profile" => crate::pages::staff_profiles::PATH,
        _ => return None,
    };
    Some(format!("{base}/{id}"))
}

pub(crate) fn record(r: &AuditRow) -> String {
    match (r.target_id, &r.target_name) {
        (Some(id), Some(name)) => format!("{} {id} ({name})", r.target_kind),
        (Some(id), None) => format!("{} {id}", r.target_kind),
        _ => r.target_kind.clone(),
    }
}

/// The keyset pager's links (the log has no page numbers: see
/// `kp_storage::audit::page`).
#[derive(Serialize, Default)]
struct Pager {
    /// Back to the newest entries, when elsewhere.
    newest: Option<String>,
    newer: Option<String>,
    older: Option<String>,
}

/// Where the page starts: `before` / `after` an entry id, else the newest.
fn cursor(params: &[(String, String)]) -> Cursor {
    let id = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.parse::<i64>().ok())
    };
    match (id("before"), id("after")) {
        (Some(before), _) => Cursor::Before(before),
        (None, Some(after)) => Cursor::After(after),
        (None, None) => Cursor::Newest,
    }
}

/// The links around a page read from `cursor`; `more`: another page
/// follows in the direction read.
fn pager(base: &str, cursor: Cursor, rows: &[AuditRow], more: bool) -> Pager {
    let link = |key: &str, id: i64| format!("{base}&{key}={id}");
    let (first, last) = (rows.first().map(|r| r.id), rows.last().map(|r| r.id));
    let (newer, older) = match cursor {
        Cursor::Newest => (false, more),
        Cursor::Before(_) => (true, more),
        Cursor::After(_) => (more, true),
    };
    Pager {
        newest: (cursor != Cursor::Newest).then(|| base.to_owned()),
        newer: first.filter(|_| newer).map(|id| link("after", id)),
        older: last.filter(|_| older).map(|id| link("before", id)),
    }
}

#[derive(Serialize)]
struct Page {
    list: ListView,
    pager: Pager,
    per_page: u32,
    /// The CSV of every matching entry (the person search included).
    export: String,
    rows: Vec<Row>,
    actions: Vec<String>,
    kinds: Vec<String>,
    person: String,
    retention_days: String,
    retention_min: i64,
    retention_max: i64,
    saved: bool,
    errors: FormErrors,
}

pub(crate) async fn render(
    ctx: &PageCtx,
    params: Vec<(String, String)>,
    retention_typed: Option<String>,
    errors: FormErrors,
) -> Result<String, crate::error::WebError> {
    let principal = require_admin(ctx)?;
    let saved = params.iter().any(|(k, v)| k == "saved" && v == "1");
    let cursor = cursor(&params);
    let (state, filters) = read(ctx, params);
    let app = &ctx.state.app;
    let (rows, more) = audit_log::list(app, principal, &filters, cursor).await?;
    let (actions, kinds) = audit_log::vocabulary(app, principal).await?;
    // The links keep every filter, the person search included.
    let mut base = state.href(BASE, AuditOrder, false, 1);
    let mut export = state.export_href(BASE);
    if let Some(person) = filters.person.as_deref().filter(|p| !p.is_empty()) {
        let part = format!("&person={}", urlencode(person));
        base.push_str(&part);
        export.push_str(&part);
    }
    let shown = Listed::<()> {
        rows: Vec::new(),
        total: i64::try_from(rows.len()).unwrap_or(i64::MAX),
        page: 1,
        pages: 1,
    };
    let days = match retention_typed {
        Some(typed) => typed,
        None => audit_log::retention_days(app).await?.to_string(),
    };
    let lang = ctx.language;
    let view = Page {
        list: state.view(BASE, COLUMNS, principal, &shown),
        pager: pager(&base, cursor, &rows, more),
        per_page: kp_app::lists::PER_PAGE,
        export,
        rows: rows
            .iter()
            .map(|r| Row {
                time: when(lang, r.created_at),
                action: r.action.clone(),
                person: person(r),
                record: record(r),
                record_href: record_href(r),
                ip: r.ip.clone(),
                request_id: r.request_id.clone(),
                details: if r.details == "{}" {
                    String::new()
                } else {
                    r.details.clone()
                },
            })
            .collect(),
        actions,
        kinds,
        person: filters.person.unwrap_or_default(),
        retention_days: days,
        retention_min: audit_log::MIN_RETENTION_DAYS,
        retention_max: audit_log::MAX_RETENTION_DAYS,
        saved,
        errors,
    };
    ctx.render("pages/audit_log.html", "audit-title", view)
}

async fn page(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let html = render(&ctx, params, None, FormErrors::default()).await?;
    Ok(Html(html).into_response())
}
