//! `/admin/users`: delegated administration (issue 9). A portal user
//! whose profile allows "manage users" administers the users of their own
//! organization (`kp_app::org_admin`): the list, invitations, a user's
//! page with deactivate/reactivate and the profile, and what the user
//! sees, with the object and claim pickers. Another organization's user is the 404 of an unknown one; a user
//! without the function gets 403; staff acting as themselves get the 404
//! of an unknown page (they have `/staff/users`); staff viewing the portal
//! as an organization admin may look, and every change answers 403.

mod detail;
mod invite;
mod list;
mod pick;
mod scope;
mod scope_form;

use kp_domain::Principal;

use crate::context::PageCtx;
use crate::error::WebError;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/admin/users", list::page)
        .get("/admin/users/new", invite::page)
        .post("/admin/users/new", invite::send)
        .get("/admin/users/{id}", detail::page)
        .post("/admin/users/{id}/deactivate", detail::deactivate)
        .post("/admin/users/{id}/reactivate", detail::reactivate)
        .post("/admin/users/{id}/profile", detail::assign_profile)
        .get("/admin/users/{id}/scope", scope::page)
        .post("/admin/users/{id}/scope", scope::save)
        .get("/admin/users/{id}/scope/objects", pick::objects)
        .post("/admin/users/{id}/scope/objects", pick::change_objects)
        .get("/admin/users/{id}/scope/claims", pick::claims)
        .post("/admin/users/{id}/scope/claims", pick::change_claims)
}

/// A portal user (or staff viewing the portal as one); the application
/// layer decides 403 for those without "manage users".
pub(crate) fn require_portal(ctx: &PageCtx) -> Result<&Principal, WebError> {
    let principal = ctx.require_user()?;
    if principal.is_staff() {
        return Err(WebError::NotFound);
    }
    Ok(principal)
}
