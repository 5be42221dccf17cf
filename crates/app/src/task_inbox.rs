//! The staff task inbox (B11, D14): the tasks of the staff member's
//! tenants, filtered, sorted and paged, with the counts above the list and
//! the choices of the filter form. Staff acting as themselves only;
//! everyone else is refused (the web layer answers 404).

use kp_domain::{Principal, StaffUserId};
use kp_storage::lists::Choice;
use kp_storage::task_inbox;
pub use kp_storage::task_inbox::{
    AssigneeFilter, Counts, StatusFilter, TaskFilters, TaskQuery, TaskRow, TaskSort,
};

use crate::lists::{ListQuery, Listed, paged};
use crate::staff_view;
use crate::{App, AppError};

/// One page of the inbox.
pub async fn list(
    app: &App,
    principal: &Principal,
    query: &TaskQuery,
    page: u32,
) -> Result<Listed<TaskRow>, AppError> {
    let view = staff_view::of(principal)?;
    paged(page, |page| {
        let query = ListQuery {
            page,
            ..query.clone()
        };
        let tenants = view.tenants.clone();
        async move { task_inbox::list(&app.db, tenants.as_deref(), &query).await }
    })
    .await
}

/// The staff member's own id (the "me" of the assignee filter).
pub fn me(principal: &Principal) -> Result<StaffUserId, AppError> {
    Ok(staff_view::of(principal)?.staff)
}

/// What the filter form offers: categories 1 and 2 in use, and the staff
/// of the member's tenants.
pub struct Choices {
    pub category1: Vec<String>,
    pub category2: Vec<String>,
    pub staff: Vec<Choice>,
}

pub async fn choices(app: &App, principal: &Principal) -> Result<Choices, AppError> {
    let view = staff_view::of(principal)?;
    let tenants = view.tenants();
    Ok(Choices {
        category1: task_inbox::categories(&app.db, tenants, false).await?,
        category2: task_inbox::categories(&app.db, tenants, true).await?,
        staff: task_inbox::staff_choices(&app.db, tenants).await?,
    })
}

/// Mine, unassigned and overdue among the tasks not done.
pub async fn counts(app: &App, principal: &Principal) -> Result<Counts, AppError> {
    let view = staff_view::of(principal)?;
    let today = app.clock.now().date_naive();
    Ok(task_inbox::counts(&app.db, view.tenants(), view.staff, today).await?)
}

/// The menu's number: the staff member's tasks not done; `None` for
/// anyone but staff acting as themselves.
pub async fn open_count(app: &App, principal: &Principal) -> Result<Option<i64>, AppError> {
    let Ok(view) = staff_view::of(principal) else {
        return Ok(None);
    };
    Ok(Some(
        task_inbox::open_of(&app.db, view.tenants(), view.staff).await?,
    ))
}
