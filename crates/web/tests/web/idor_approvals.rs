//! The approvers' routes (four-eyes approval, issue 10) in the IDOR
//! harness: a draft is found by the portal users of the drafter's
//! organization whose scope shows its contract (and object), never by the
//! drafter on these routes, by staff or by other organizations. The demo
//! has no drafts, so [`the_approval_routes_reveal_no_draft`] makes some.

use std::collections::BTreeSet;

use kp_domain::{Actor, Principal};
use kp_storage::Db;
use kp_storage::scope_sql::Scoped;

use crate::claim_approval::{jens_draft, send_for_approval};
use crate::claim_wizard_support::{PLATE, start};
use crate::harness::spawn_app;
use crate::idor::{Kind, Param, probe};
use crate::lists::signed_in;

const ID: Param = Param::Id(Kind::ClaimApproval);

/// See `idor::PARAMS`.
pub const PARAMS: &[(&str, &str, Param)] = &[
    ("/claims/approvals/{id}", "id", ID),
    ("/claims/approvals/{id}/loss", "id", ID),
    ("/claims/approvals/{id}/type", "id", ID),
    ("/claims/approvals/{id}/what", "id", ID),
    ("/claims/approvals/{id}/amount", "id", ID),
    ("/claims/approvals/{id}/parties", "id", ID),
    ("/claims/approvals/{id}/contact", "id", ID),
    ("/claims/approvals/{id}/object", "id", ID),
    ("/claims/approvals/{id}/documents", "id", ID),
    ("/claims/approvals/{id}/documents/remove", "id", ID),
    ("/claims/approvals/{id}/return", "id", ID),
    ("/claims/approvals/{id}/submit", "id", ID),
];

/// The drafts the principal finds on the approvers' routes (whatever the
/// profile: a profile without `approve_claims` gets 403 there, not 404).
pub async fn approvable(db: &Db, p: &Principal) -> BTreeSet<i64> {
    let Actor::Portal {
        id,
        organization: Some(org),
        ..
    } = p.actor
    else {
        return BTreeSet::new();
    };
    let mut q = Scoped::new(&p.scope);
    q.push(
        "SELECT d.id FROM claim_report_drafts d JOIN portal_users pu ON pu.id = d.portal_user_id \
         JOIN contracts k ON k.id = d.contract_id \
         LEFT JOIN insured_objects o ON o.id = d.object_id WHERE pu.organization_id = ",
    )
    .bind(org)
    .push(" AND d.portal_user_id <> ")
    .bind(id)
    .push(" AND k.status IN ('active', 'suspended') AND ")
    .contract("k")
    .push(" AND (d.object_id IS NULL OR ")
    .object("o")
    .push(")");
    let rows: Vec<(i64,)> = db.fetch_all(q.finish().unwrap()).await.unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

#[tokio::test]
async fn the_approval_routes_reveal_no_draft() {
    let app = spawn_app().await;
    let mut jens = signed_in(&app, "jens").await;
    for _ in 0..2 {
        let id = jens_draft(&app, &mut jens).await;
        send_for_approval(&mut jens, id).await;
    }
    // An unfinished draft of Jens and one of Martina K. (no organization).
    start(&mut jens, "").await;
    let mut martina = signed_in(&app, "martina").await;
    start(&mut martina, PLATE).await;
    let mut table: Vec<_> = kp_web::route_table()
        .into_iter()
        .filter(|r| PARAMS.iter().any(|(path, _, _)| *path == r.path))
        .collect();
    // Submitting takes a draft out: last.
    table.sort_by_key(|r| r.path.ends_with("/submit"));
    let paths: BTreeSet<&str> = table.iter().map(|r| r.path).collect();
    assert_eq!(paths.len(), PARAMS.len(), "every approval route is walked");
    let problems = probe(&app, &table, PARAMS).await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
