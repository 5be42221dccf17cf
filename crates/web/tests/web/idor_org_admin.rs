//! The IDOR harness's view of delegated administration (issue 9): a
//! portal user of an organization reaches the pages of its users (a 403
//! where their profile lacks "manage users", never a 404); everyone else,
//! staff and private customers included, gets the 404 of an unknown id.

use std::collections::BTreeSet;

use kp_domain::{Actor, Principal};
use kp_storage::{Db, Sql};

use crate::idor::{Kind, Param};

pub const PARAMS: &[(&str, &str, Param)] = &[
    ("/admin/users/{id}", "id", Param::Id(Kind::OrgUser)),
    (
        "/admin/users/{id}/deactivate",
        "id",
        Param::Id(Kind::OrgUser),
    ),
    (
        "/admin/users/{id}/reactivate",
        "id",
        Param::Id(Kind::OrgUser),
    ),
    ("/admin/users/{id}/profile", "id", Param::Id(Kind::OrgUser)),
    ("/admin/users/{id}/scope", "id", Param::Id(Kind::OrgUser)),
    (
        "/admin/users/{id}/scope/objects",
        "id",
        Param::Id(Kind::OrgUser),
    ),
    (
        "/admin/users/{id}/scope/claims",
        "id",
        Param::Id(Kind::OrgUser),
    ),
];

/// The users of the principal's organization, read independently of the
/// app (`kp_app::org_admin`).
pub async fn members(db: &Db, p: &Principal) -> BTreeSet<i64> {
    let Actor::Portal {
        organization: Some(org),
        ..
    } = &p.actor
    else {
        return BTreeSet::new();
    };
    let rows: Vec<(i64,)> = db
        .fetch_all(Sql::new("SELECT id FROM portal_users WHERE organization_id = $1").arg(org.0))
        .await
        .unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}
