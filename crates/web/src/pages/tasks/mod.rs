//! `/staff/tasks`: the staff task inbox (B11, D14) — the tasks of the
//! staff member's tenants with filters, order and paging — and one task's
//! page with its record, documents and history and the clerk's actions
//! (`kp_app::task_inbox`, `kp_app::task_actions`). Another tenant's task is
//! the 404 of a missing one; portal users get the 404 of an unknown page.

mod detail;
mod list;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/staff/tasks", list::page)
        .get("/staff/tasks/{id}", detail::page)
        .post("/staff/tasks/{id}/assign", detail::assign)
        .post("/staff/tasks/{id}/comment", detail::comment)
        .post("/staff/tasks/{id}/due", detail::due)
        .post("/staff/tasks/{id}/status", detail::status)
}
