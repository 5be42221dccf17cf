//! The inbox: filters (categories 1 and 2, priority, assignee, status,
//! area, customer, due date), order by due date, priority, creation or
//! title, paging, and the counts of the staff member's open, the
//! unassigned and the overdue tasks. Everything lives in the URL.

use axum::extract::Query;
use axum::response::{Html, IntoResponse};
use kp_app::task_inbox::{self, AssigneeFilter, StatusFilter, TaskFilters, TaskRow, TaskSort};
use kp_domain::{Language, StaffUserId, TaskArea, TaskPriority, TaskStatus};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::listing::{Column, ListState, ListView, Params};
use crate::pages::staff_users::require_staff;
use crate::{format, i18n};

const BASE: &str = "/staff/tasks";

const COLUMNS: &[Column<TaskSort>] = &[
    Column::sorted("tasks-col-title", TaskSort::Title),
    plain("tasks-col-customer"),
    plain("tasks-col-category"),
    Column::sorted("tasks-col-priority", TaskSort::Priority),
    plain("tasks-col-status"),
    plain("tasks-col-assignee"),
    Column::sorted("tasks-col-due", TaskSort::Due),
    Column::sorted("tasks-col-created", TaskSort::Created),
];

const fn plain(label: &'static str) -> Column<TaskSort> {
    Column {
        label,
        sort: None,
        field: None,
        staff: None,
        numeric: false,
    }
}

/// The assignee filter as in the URL: `me`, `none` or a staff id.
enum Assignee {
    Me,
    Nobody,
    Person(i64),
}

fn assignee(value: &str) -> Result<Assignee, ()> {
    match value {
        "me" => Ok(Assignee::Me),
        "none" => Ok(Assignee::Nobody),
        id => id
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(Assignee::Person)
            .ok_or(()),
    }
}

fn status(value: &str) -> Result<StatusFilter, ()> {
    match value {
        "not_done" => Ok(StatusFilter::NotDone),
        "all" => Ok(StatusFilter::All),
        other => TaskStatus::parse(other)
            .map(StatusFilter::Only)
            .map_err(|_| ()),
    }
}

fn text(value: &str) -> Result<String, ()> {
    Ok(value.chars().take(100).collect())
}

fn read(
    ctx: &PageCtx,
    params: Vec<(String, String)>,
    me: StaffUserId,
) -> (ListState<TaskSort>, kp_app::task_inbox::TaskQuery) {
    let mut state = ListState::read(Params::new(params), ctx.language);
    let today = ctx.state.app.clock.now().date_naive();
    let filters = TaskFilters {
        category1: state.code("category1", text),
        category2: state.code("category2", text),
        priority: state.code("priority", TaskPriority::parse),
        assignee: match state.code("assignee", assignee) {
            None => AssigneeFilter::Anyone,
            Some(Assignee::Me) => AssigneeFilter::Person(me),
            Some(Assignee::Nobody) => AssigneeFilter::Unassigned,
            Some(Assignee::Person(id)) => AssigneeFilter::Person(StaffUserId(id)),
        },
        status: state.code("status", status).unwrap_or_default(),
        area: state.code("area", TaskArea::parse),
        customer: state.code("customer", text),
        overdue_on: state
            .code("due", |v| if v == "overdue" { Ok(()) } else { Err(()) })
            .map(|()| today),
        due_until: state.date("due_until"),
    };
    let query = state.query(filters);
    (state, query)
}

#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    row: TaskRow,
    overdue: bool,
    created: String,
}

/// An option of a filter select.
#[derive(Serialize)]
struct Opt {
    value: String,
    label: String,
}

fn opt(value: impl Into<String>, label: impl Into<String>) -> Opt {
    Opt {
        value: value.into(),
        label: label.into(),
    }
}

#[derive(Serialize)]
struct Inbox {
    counts: CountsView,
    assignees: Vec<Opt>,
    statuses: Vec<Opt>,
    category1: Vec<Opt>,
    category2: Vec<Opt>,
    due: Vec<Opt>,
    priorities: Vec<&'static str>,
    areas: Vec<&'static str>,
}

/// "All" first, then the categories in use (shown as written).
fn categories(l: Language, list: Vec<String>) -> Vec<Opt> {
    std::iter::once(opt("", i18n::text(l, "filter-all")))
        .chain(list.into_iter().map(|c| opt(c.clone(), c)))
        .collect()
}

#[derive(Serialize)]
struct CountsView {
    mine: i64,
    unassigned: i64,
    overdue: i64,
}

#[derive(Serialize)]
struct Page {
    list: ListView,
    rows: Vec<Row>,
    inbox: Inbox,
}

pub(super) async fn page(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = require_staff(&ctx)?;
    let app = &ctx.state.app;
    let me = task_inbox::me(principal)?;
    let (state, query) = read(&ctx, params, me);
    let listed = task_inbox::list(app, principal, &query, state.page).await?;
    let choices = task_inbox::choices(app, principal).await?;
    let counts = task_inbox::counts(app, principal).await?;
    let today = app.clock.now().date_naive();
    let l = ctx.language;
    let tr = |key: &str| i18n::text(l, key);
    let mut assignees = vec![
        opt("", tr("tasks-assignee-anyone")),
        opt("me", tr("tasks-assignee-me")),
        opt("none", tr("tasks-assignee-none")),
    ];
    assignees.extend(
        choices
            .staff
            .into_iter()
            .map(|s| opt(s.id.to_string(), s.name)),
    );
    let mut statuses = vec![opt("", tr("tasks-status-not-done"))];
    statuses.extend(
        TaskStatus::ALL
            .iter()
            .map(|s| opt(s.as_str(), tr(&format!("task-status-{}", s.as_str())))),
    );
    statuses.push(opt("all", tr("tasks-status-all")));
    let view = Page {
        list: state.view(BASE, COLUMNS, principal, &listed),
        rows: listed
            .rows
            .into_iter()
            .map(|row| Row {
                overdue: row.status != TaskStatus::Done.as_str()
                    && row.due_on.is_some_and(|d| d < today),
                created: format::date(l, &row.created_at.date_naive().to_string()),
                row,
            })
            .collect(),
        inbox: Inbox {
            counts: CountsView {
                mine: counts.mine,
                unassigned: counts.unassigned,
                overdue: counts.overdue,
            },
            assignees,
            statuses,
            category1: categories(l, choices.category1),
            category2: categories(l, choices.category2),
            due: vec![
                opt("", tr("filter-all")),
                opt("overdue", tr("tasks-due-overdue")),
            ],
            priorities: TaskPriority::ALL.iter().map(|p| p.as_str()).collect(),
            areas: TaskArea::ALL.iter().map(|a| a.as_str()).collect(),
        },
    };
    Ok(Html(ctx.render("pages/staff_tasks.html", "tasks-title", view)?).into_response())
}
