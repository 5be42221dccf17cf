//! Path parameters of the organization pages for the IDOR harness (see
//! `idor::PARAMS`). An organization is not a customer record: staff only
//! (portal users get 404 before it is read), narrowed to the organizations
//! with a customer in the staff member's tenants (or made by their tenant
//! and still empty); `organizations.rs` checks that another tenant's
//! organization and customer are the 404 of missing ones for reading and
//! every change, and that other staff get 403 for changes.

use std::collections::BTreeSet;

use kp_domain::{OrganizationId, Principal};
use kp_storage::{Db, Sql};

use crate::idor::{Kind, Param};

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
    // The logo image answers for the organizations the staff member may
    // read, and only while one is uploaded.
    (
        "/staff/organizations/{id}/logo/image",
        "id",
        Param::Id(Kind::OrganizationLogo),
    ),
    (
        "/staff/organizations/{id}/logo/remove",
        "id",
        Param::NotAnId,
    ),
];

/// The organizations with a logo that `p` may read: staff (not while
/// viewing the portal as a user), through the storage layer's own read of
/// an organization's page.
pub async fn with_logo(db: &Db, p: &Principal) -> BTreeSet<i64> {
    if !p.is_staff() || p.impersonated_by.is_some() {
        return BTreeSet::new();
    }
    let rows: Vec<(i64,)> = db
        .fetch_all(Sql::new(
            "SELECT id FROM organizations WHERE logo_storage_key IS NOT NULL",
        ))
        .await
        .unwrap();
    let mut out = BTreeSet::new();
    for (id,) in rows {
        let readable = kp_storage::organizations::get(db, &p.scope, OrganizationId(id))
            .await
            .unwrap()
            .is_some();
        if readable {
            out.insert(id);
        }
    }
    out
}
