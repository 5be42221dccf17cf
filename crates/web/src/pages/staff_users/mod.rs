//! `/staff/users`: staff administer portal users (D1) — the list with
//! search, filters and paging, its CSV, and a user's page with the
//! actions (`kp_app::user_admin`), and what a user sees: the scope page
//! and its object and claim pickers (`kp_app::user_scope`). Staff see the
//! users of their tenants (administrators without tenants all); another
//! tenant's user is the 404 of an unknown one, and portal users get the
//! 404 of an unknown page.

mod detail;
mod list;
mod profile;
mod scope;
mod scope_pick;

use kp_domain::Principal;

use crate::context::PageCtx;
use crate::error::WebError;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/staff/users", list::page)
        .get("/staff/users.csv", list::export)
        .get("/staff/users/{id}", detail::page)
        .post("/staff/users/{id}/deactivate", detail::deactivate)
        .post("/staff/users/{id}/reactivate", detail::reactivate)
        .post("/staff/users/{id}/resend", detail::resend)
        .post("/staff/users/{id}/end-sessions", detail::end_sessions)
        .post("/staff/users/{id}/profile", profile::assign)
        .get("/staff/users/{id}/scope", scope::page)
        .post("/staff/users/{id}/scope", scope::save)
        .get("/staff/users/{id}/scope/objects", scope_pick::objects)
        .post(
            "/staff/users/{id}/scope/objects",
            scope_pick::change_objects,
        )
        .get("/staff/users/{id}/scope/claims", scope_pick::claims)
        .post("/staff/users/{id}/scope/claims", scope_pick::change_claims)
}

/// A staff member acting as themselves; anyone else is answered as if the
/// page did not exist, so staff URLs are not revealed.
pub(crate) fn require_staff(ctx: &PageCtx) -> Result<&Principal, WebError> {
    let principal = ctx.require_user()?;
    if !principal.is_staff() || principal.impersonated_by.is_some() {
        return Err(WebError::NotFound);
    }
    Ok(principal)
}

/// A staff administrator; other staff 403, anyone else 404.
pub(crate) fn require_admin(ctx: &PageCtx) -> Result<&Principal, WebError> {
    let principal = require_staff(ctx)?;
    if !principal.is_admin() {
        return Err(WebError::Forbidden);
    }
    Ok(principal)
}
