//! The IDOR harness's view of user administration: which portal users and
//! staff users a demo login administers, computed here independently of
//! the app's own reads (`kp_app::staff_view`).

use std::collections::BTreeSet;

use kp_domain::Principal;
use kp_storage::scope_sql::Scoped;
use kp_storage::{Db, Sql};

use crate::idor::{Kind, Param};

/// The user administration's path parameters (see `idor::PARAMS`).
pub const PARAMS: &[(&str, &str, Param)] = &[
    // User administration (D1): ids of portal users and staff users, for
    // staff of the users' tenants only.
    ("/staff/users/{id}", "id", Param::Id(Kind::PortalUser)),
    (
        "/staff/users/{id}/deactivate",
        "id",
        Param::Id(Kind::PortalUser),
    ),
    (
        "/staff/users/{id}/reactivate",
        "id",
        Param::Id(Kind::PortalUser),
    ),
    (
        "/staff/users/{id}/resend",
        "id",
        Param::Id(Kind::PortalUser),
    ),
    (
        "/staff/users/{id}/end-sessions",
        "id",
        Param::Id(Kind::PortalUser),
    ),
    // What a portal user sees (D3): the scope page and its pickers.
    ("/staff/users/{id}/scope", "id", Param::Id(Kind::PortalUser)),
    (
        "/staff/users/{id}/scope/objects",
        "id",
        Param::Id(Kind::PortalUser),
    ),
    (
        "/staff/users/{id}/scope/claims",
        "id",
        Param::Id(Kind::PortalUser),
    ),
    ("/staff/staff-users/{id}", "id", Param::Id(Kind::StaffUser)),
    (
        "/staff/staff-users/{id}/deactivate",
        "id",
        Param::Id(Kind::StaffUser),
    ),
    (
        "/staff/staff-users/{id}/reactivate",
        "id",
        Param::Id(Kind::StaffUser),
    ),
    (
        "/staff/staff-users/{id}/end-sessions",
        "id",
        Param::Id(Kind::StaffUser),
    ),
    (
        "/staff/staff-users/{id}/role",
        "id",
        Param::Id(Kind::StaffUser),
    ),
    (
        "/staff/staff-users/{id}/resend",
        "id",
        Param::Id(Kind::StaffUser),
    ),
    // "View as user" of a staff user: refused (409) for the staff users an
    // administrator may open, the 404 of an unknown id for everyone else.
    (
        "/staff/staff-users/{id}/view-as",
        "id",
        Param::Id(Kind::StaffUser),
    ),
    // A customer's id, but a staff action: portal users get the 404 of an
    // unknown page even for their own customer, which the harness would
    // read as hiding a record; staff_users.rs checks that another tenant's
    // customer is the plain 404 and a portal user's every id too.
    ("/customers/{id}/portal", "id", Param::NotAnId),
];

/// The users a staff member administers (`kp_app::staff_view`): portal
/// users of their tenants (administrators without tenants: all), staff
/// users sharing a tenant (administrators only). Portal users: none.
pub async fn administered(db: &Db, p: &Principal, portal_users: bool) -> BTreeSet<i64> {
    let kp_domain::Actor::Staff { tenants, .. } = &p.actor else {
        return BTreeSet::new();
    };
    let all = p.is_admin() && tenants.is_empty();
    let sql = match portal_users {
        true => {
            let scope = if all {
                kp_domain::Scope::everything()
            } else {
                kp_domain::Scope::customers(kp_domain::CustomerSet::Tenants(tenants.clone()))
            };
            let mut q = Scoped::new(&scope);
            q.push("SELECT pu.id FROM portal_users pu WHERE ((pu.customer_id IS NOT NULL AND ")
                .customer("pu.customer_id")
                .push(
                    ") OR (pu.organization_id IS NOT NULL AND EXISTS (SELECT 1 FROM customers vc \
                     WHERE vc.organization_id = pu.organization_id AND ",
                )
                .customer("vc.id")
                .push(")))");
            q.finish().unwrap()
        }
        _ if !p.is_admin() => return BTreeSet::new(),
        _ if all => Sql::new("SELECT id FROM staff_users"),
        _ => {
            let list: Vec<String> = tenants.iter().map(|t| t.0.to_string()).collect();
            Sql::new(format!(
                "SELECT DISTINCT staff_user_id FROM staff_user_tenants WHERE tenant_id IN ({})",
                list.join(", ")
            ))
        }
    };
    let rows: Vec<(i64,)> = db.fetch_all(sql).await.unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}
