//! Path parameters of the permission profile pages for the IDOR harness
//! (see `idor::PARAMS`). A profile is not customer data: staff
//! administrators only (other staff 403, portal users 404 before it is
//! read), narrowed to the broker-wide profiles and those of organizations
//! with a customer in their tenants; `profiles_access.rs` checks that
//! another organization's profile is the 404 of a missing one for reading
//! and every change, `profiles.rs` that a forged profile id on a user's
//! page is refused.

use crate::idor::Param;

pub const PARAMS: &[(&str, &str, Param)] = &[
    ("/staff/profiles/{id}", "id", Param::NotAnId),
    ("/staff/profiles/{id}/copy", "id", Param::NotAnId),
    ("/staff/profiles/{id}/delete", "id", Param::NotAnId),
    ("/staff/profiles/{id}/preview", "id", Param::NotAnId),
    // A portal user's id on a page for staff administrators (they see
    // their tenants' users; everyone else gets 403 or 404 before it is
    // read); `profiles.rs` covers the forged profile id.
    ("/staff/users/{id}/profile", "id", Param::NotAnId),
];
