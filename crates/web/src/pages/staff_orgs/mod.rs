//! `/staff/organizations`: organizations and households (D3, D4) — the
//! list with search and paging and one organization's page for every staff
//! member of its tenants; for staff administrators create and edit the
//! settings, bundle customers from any of their tenants, turn a
//! household's customers on and off for its logins, name the contacts at
//! the broker and upload the logo (`kp_app::organizations`,
//! `kp_app::organization_members`). Other staff get 403 for changes,
//! portal users the 404 of an unknown page, and an organization outside
//! one's tenants is the 404 of one that does not exist.

mod edit;
mod list;
mod logo;
mod members;
mod view;

use crate::error::WebError;
use crate::pages::parse_id;
use crate::routes::Routes;
use kp_domain::OrganizationId;

pub const PATH: &str = "/staff/organizations";

pub fn routes() -> Routes {
    Routes::new()
        .get("/staff/organizations", list::page)
        .post("/staff/organizations", edit::create)
        .get("/staff/organizations/new", edit::new)
        .get("/staff/organizations/{id}", edit::show)
        .post("/staff/organizations/{id}", edit::save)
        .post("/staff/organizations/{id}/customers", members::add)
        .post(
            "/staff/organizations/{id}/customers/remove",
            members::remove,
        )
        .post("/staff/organizations/{id}/logins", members::logins)
        .post("/staff/organizations/{id}/contacts", members::contacts)
        .post("/staff/organizations/{id}/logo", members::logo)
        .get(logo::IMAGE, logo::image)
        .post(
            "/staff/organizations/{id}/logo/remove",
            members::remove_logo,
        )
}

fn id_of(text: &str) -> Result<OrganizationId, WebError> {
    parse_id(text).map(OrganizationId).ok_or(WebError::NotFound)
}
