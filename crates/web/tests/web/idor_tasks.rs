//! The task inbox's routes in the IDOR harness: a task belongs to its
//! tenant; staff see their tenants' tasks (administrators without tenants
//! all), portal users none (staff pages answer them with the 404 of an
//! unknown page). Computed here from the tables, independently of the
//! app's own reads.

use std::collections::BTreeSet;

use kp_domain::{Actor, Principal};
use kp_storage::{Db, Sql};

use crate::idor::{Kind, Param};

/// See `idor::PARAMS`.
pub const PARAMS: &[(&str, &str, Param)] = &[
    ("/staff/tasks/{id}", "id", Param::Id(Kind::Task)),
    ("/staff/tasks/{id}/assign", "id", Param::Id(Kind::Task)),
    ("/staff/tasks/{id}/comment", "id", Param::Id(Kind::Task)),
    ("/staff/tasks/{id}/due", "id", Param::Id(Kind::Task)),
    ("/staff/tasks/{id}/status", "id", Param::Id(Kind::Task)),
];

/// The tasks the principal's inbox holds.
pub async fn visible(db: &Db, p: &Principal) -> BTreeSet<i64> {
    let Actor::Staff { tenants, .. } = &p.actor else {
        return BTreeSet::new();
    };
    if p.impersonated_by.is_some() {
        return BTreeSet::new();
    }
    let mut sql = Sql::new("SELECT id FROM tasks WHERE ");
    if p.is_admin() && tenants.is_empty() {
        sql.push("TRUE");
    } else {
        sql.push("tenant_id IN ").bind_list(tenants.iter().copied());
    }
    let rows: Vec<(i64,)> = db.fetch_all(sql).await.unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}
