//! Path parameters of the organization pages for the IDOR harness (see
//! `idor::PARAMS`). An organization is not a customer record: staff only
//! (portal users get 404 before it is read), narrowed to the organizations
//! with a customer in the staff member's tenants (or made by their tenant
//! and still empty); `organizations.rs` checks that another tenant's
//! organization and customer are the 404 of missing ones for reading and
//! every change, and that other staff get 403 for changes.

use crate::idor::Param;

pub const PARAMS: &[(&str, &str, Param)] = &[
    ("/staff/organizations/{id}", "id", Param::NotAnId),
    ("/staff/organizations/{id}/customers", "id", Param::NotAnId),
    (
        "/staff/organizations/{id}/customers/remove",
        "id",
        Param::NotAnId,
    ),
    ("/staff/organizations/{id}/logins", "id", Param::NotAnId),
    ("/staff/organizations/{id}/contacts", "id", Param::NotAnId),
    ("/staff/organizations/{id}/logo", "id", Param::NotAnId),
    (
        "/staff/organizations/{id}/logo/remove",
        "id",
        Param::NotAnId,
    ),
];
