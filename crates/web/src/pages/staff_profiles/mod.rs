//! `/staff/profiles`: staff administrators manage permission profiles
//! (D2) — the list (broker-wide and per organization, filtered by
//! organization), create, copy, edit with the menu areas, functions and a
//! field checklist per record type generated from the field catalogue,
//! delete (refused while users have the profile), and the preview of what
//! a user with the profile sees (`kp_app::profiles`,
//! `kp_app::profile_preview`). Other staff get 403, portal users the 404
//! of an unknown page; another organization's profile is a 404.

mod edit;
mod form;
mod list;
mod preview;
mod preview_lists;

use crate::routes::Routes;

pub const PATH: &str = "/staff/profiles";

pub fn routes() -> Routes {
    Routes::new()
        .get("/staff/profiles", list::page)
        .post("/staff/profiles", edit::create)
        .get("/staff/profiles/new", edit::new)
        .get("/staff/profiles/{id}", edit::show)
        .post("/staff/profiles/{id}", edit::save)
        .post("/staff/profiles/{id}/copy", edit::copy)
        .post("/staff/profiles/{id}/delete", edit::delete)
        .get("/staff/profiles/{id}/preview", preview::page)
}
