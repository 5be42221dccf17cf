//! The staff task inbox (B11, D14): the tasks of the staff member's
//! tenants with filters, order and paging, the counts above the list and
//! the choices of the filter form. A task belongs to its own tenant
//! (`tasks.tenant_id`, copied from the record it is about), which decides
//! who sees it: staff of that tenant, administrators without tenants all.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{StaffUserId, TaskArea, TaskPriority, TaskStatus, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::Db;
use crate::lists::{Choice, Counted, ListQuery, SortColumn, escape_like, split};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaskSort {
    /// Soonest first; tasks without a due date last in either direction.
    #[default]
    Due,
    /// Most urgent first.
    Priority,
    Created,
    Title,
}

/// Most urgent first when ascending.
const PRIORITY_RANK: &str =
    "CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END";

impl SortColumn for TaskSort {
    const ALL: &'static [TaskSort] = &[
        TaskSort::Due,
        TaskSort::Priority,
        TaskSort::Created,
        TaskSort::Title,
    ];

    fn key(self) -> &'static str {
        match self {
            TaskSort::Due => "due",
            TaskSort::Priority => "priority",
            TaskSort::Created => "created",
            TaskSort::Title => "title",
        }
    }

    fn expression(self) -> &'static str {
        match self {
            // The direction applies to the last part only: no due date
            // stays last.
            TaskSort::Due => "(t.due_on IS NULL), t.due_on",
            TaskSort::Priority => PRIORITY_RANK,
            TaskSort::Created => "t.created_at",
            TaskSort::Title => "LOWER(t.title)",
        }
    }
}

/// Whose tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AssigneeFilter {
    #[default]
    Anyone,
    Unassigned,
    Person(StaffUserId),
}

/// Which statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Open and in progress.
    #[default]
    NotDone,
    All,
    Only(TaskStatus),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskFilters {
    pub category1: Option<String>,
    pub category2: Option<String>,
    pub priority: Option<TaskPriority>,
    pub assignee: AssigneeFilter,
    pub status: StatusFilter,
    pub area: Option<TaskArea>,
    /// Part of the customer's name or number.
    pub customer: Option<String>,
    /// Due before this day and not done.
    pub overdue_on: Option<NaiveDate>,
    /// Due on or before this day.
    pub due_until: Option<NaiveDate>,
}

pub type TaskQuery = ListQuery<TaskFilters, TaskSort>;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct TaskRow {
    pub id: i64,
    pub title: String,
    pub area: String,
    pub origin: String,
    pub category1: String,
    pub category2: String,
    pub priority: String,
    pub status: String,
    pub customer_name: Option<String>,
    pub customer_number: Option<String>,
    pub assignee_name: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// ` t.tenant_id IN (…)`, or `TRUE` for every tenant.
fn tenants_sql(q: &mut Sql, tenants: Option<&[TenantId]>) {
    match tenants {
        Some(list) => {
            q.push("t.tenant_id IN ").bind_list(list.iter().copied());
        }
        None => {
            q.push("TRUE");
        }
    }
}

fn filters_sql(q: &mut Sql, f: &TaskFilters) {
    if let Some(c) = &f.category1 {
        q.push(" AND t.category1 = ").bind(c);
    }
    if let Some(c) = &f.category2 {
        q.push(" AND t.category2 = ").bind(c);
    }
    if let Some(p) = f.priority {
        q.push(" AND t.priority = ").bind(p.as_str());
    }
    match f.assignee {
        AssigneeFilter::Anyone => {}
        AssigneeFilter::Unassigned => {
            q.push(" AND t.assignee_staff_id IS NULL");
        }
        AssigneeFilter::Person(id) => {
            q.push(" AND t.assignee_staff_id = ").bind(id);
        }
    }
    match f.status {
        StatusFilter::NotDone => {
            q.push(" AND t.status <> ").bind(TaskStatus::Done.as_str());
        }
        StatusFilter::All => {}
        StatusFilter::Only(s) => {
            q.push(" AND t.status = ").bind(s.as_str());
        }
    }
    if let Some(a) = f.area {
        q.push(" AND t.area = ").bind(a.as_str());
    }
    if let Some(text) = f
        .customer
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
        q.push(" AND (LOWER(COALESCE(cu.display_name, '')) LIKE ")
            .bind(pattern.clone())
            .push(" ESCAPE '\\' OR LOWER(COALESCE(cu.external_id, '')) LIKE ")
            .bind(pattern)
            .push(" ESCAPE '\\')");
    }
    if let Some(day) = f.overdue_on {
        q.push(" AND t.due_on < ")
            .bind(day)
            .push(" AND t.status <> ")
            .bind(TaskStatus::Done.as_str());
    }
    if let Some(day) = f.due_until {
        q.push(" AND t.due_on <= ").bind(day);
    }
}

const FROM: &str = " FROM tasks t LEFT JOIN customers cu ON cu.id = t.customer_id \
     LEFT JOIN staff_users su ON su.id = t.assignee_staff_id WHERE ";

/// One page (or, with `page: None`, every row) and the number matching.
pub async fn list(
    db: &Db,
    tenants: Option<&[TenantId]>,
    query: &TaskQuery,
) -> Result<(Vec<TaskRow>, i64)> {
    let mut q = Sql::new(
        "SELECT t.id, t.title, t.area, t.origin, t.category1, t.category2, t.priority, t.status, \
         cu.display_name AS customer_name, cu.external_id AS customer_number, \
         su.name AS assignee_name, t.due_on, t.created_at, COUNT(*) OVER () AS total",
    );
    q.push(FROM);
    tenants_sql(&mut q, tenants);
    filters_sql(&mut q, &query.filters);
    if let Some(text) = query
        .search
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
        q.push(" AND (LOWER(t.title) LIKE ")
            .bind(pattern.clone())
            .push(" ESCAPE '\\' OR LOWER(t.description) LIKE ")
            .bind(pattern)
            .push(" ESCAPE '\\')");
    }
    let direction = if query.descending { " DESC" } else { " ASC" };
    q.push(" ORDER BY ")
        .push(query.sort.expression())
        .push(direction)
        .push(", t.id")
        .push(direction);
    if let Some(page) = query.page {
        let size = i64::from(page.size.max(1));
        q.push(" LIMIT ")
            .bind(size)
            .push(" OFFSET ")
            .bind(i64::from(page.number.max(1) - 1) * size);
    } else {
        q.push(" LIMIT ")
            .bind(i64::from(crate::lists::MAX_EXPORT_ROWS));
    }
    let rows: Vec<Counted<TaskRow>> = db.fetch_all(q).await?;
    Ok(split(rows))
}

/// The counts above the inbox: of the tasks not done, the staff member's
/// own, the unassigned and the overdue ones (due before `today`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Counts {
    pub mine: i64,
    pub unassigned: i64,
    pub overdue: i64,
}

pub async fn counts(
    db: &Db,
    tenants: Option<&[TenantId]>,
    me: StaffUserId,
    today: NaiveDate,
) -> Result<Counts> {
    let mut q = Sql::new("SELECT COALESCE(SUM(CASE WHEN t.assignee_staff_id = ");
    q.bind(me)
        .push(
            " THEN 1 ELSE 0 END), 0) AS mine, \
             COALESCE(SUM(CASE WHEN t.assignee_staff_id IS NULL THEN 1 ELSE 0 END), 0) AS unassigned, \
             COALESCE(SUM(CASE WHEN t.due_on < ",
        )
        .bind(today)
        .push(" THEN 1 ELSE 0 END), 0) AS overdue FROM tasks t WHERE ");
    tenants_sql(&mut q, tenants);
    q.push(" AND t.status <> ").bind(TaskStatus::Done.as_str());
    db.fetch_one(q).await
}

/// The staff member's tasks not done, in their tenants (the menu's count).
pub async fn open_of(db: &Db, tenants: Option<&[TenantId]>, me: StaffUserId) -> Result<i64> {
    let mut q = Sql::new("SELECT COUNT(*) FROM tasks t WHERE t.assignee_staff_id = ");
    q.bind(me)
        .push(" AND t.status <> ")
        .bind(TaskStatus::Done.as_str())
        .push(" AND ");
    tenants_sql(&mut q, tenants);
    let (n,): (i64,) = db.fetch_one(q).await?;
    Ok(n)
}

/// The categories 1 (or 2) the tenants' tasks carry, for the filter.
pub async fn categories(
    db: &Db,
    tenants: Option<&[TenantId]>,
    second: bool,
) -> Result<Vec<String>> {
    let col = if second { "t.category2" } else { "t.category1" };
    let mut q = Sql::new(format!(
        "SELECT DISTINCT {col} FROM tasks t WHERE {col} <> '' AND "
    ));
    tenants_sql(&mut q, tenants);
    q.push(&format!(" ORDER BY {col} LIMIT 200"));
    let rows: Vec<(String,)> = db.fetch_all(q).await?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}

/// The active staff of the tenants, for the assignee filter.
pub async fn staff_choices(db: &Db, tenants: Option<&[TenantId]>) -> Result<Vec<Choice>> {
    let mut q = Sql::new("SELECT su.id, su.name FROM staff_users su WHERE su.active AND (");
    match tenants {
        Some(list) => {
            q.push("su.id IN (SELECT sut.staff_user_id FROM staff_user_tenants sut WHERE sut.tenant_id IN ")
                .bind_list(list.iter().copied())
                .push(")");
        }
        None => {
            q.push("TRUE");
        }
    }
    q.push(") ORDER BY su.name, su.id");
    db.fetch_all(q).await
}
