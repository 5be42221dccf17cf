//! The claim wizard's routes in the IDOR harness: drafts belong to their
//! portal user (every other user's id is the 404 of a missing one), sent
//! reports follow the scope of the record they name. The demo has no
//! drafts or reports, so [`the_wizard_reveals_no_draft_or_report`] makes
//! some and walks the wizard's routes with them.

use std::collections::BTreeSet;

use kp_domain::{Actor, Principal};
use kp_storage::{Db, Sql};

use crate::claim_wizard_support::{PLATE, report_car, start};
use crate::harness::spawn_app;
use crate::idor::{Kind, Param, probe};
use crate::lists::signed_in;

/// See `idor::PARAMS`.
pub const PARAMS: &[(&str, &str, Param)] = &[
    (
        "/claims/drafts/{id}/object",
        "id",
        Param::Id(Kind::ClaimDraft),
    ),
    (
        "/claims/drafts/{id}/loss",
        "id",
        Param::Id(Kind::ClaimDraft),
    ),
    (
        "/claims/drafts/{id}/type",
        "id",
        Param::Id(Kind::ClaimDraft),
    ),
    (
        "/claims/drafts/{id}/what",
        "id",
        Param::Id(Kind::ClaimDraft),
    ),
    (
        "/claims/drafts/{id}/amount",
        "id",
        Param::Id(Kind::ClaimDraft),
    ),
    (
        "/claims/drafts/{id}/parties",
        "id",
        Param::Id(Kind::ClaimDraft),
    ),
    (
        "/claims/drafts/{id}/contact",
        "id",
        Param::Id(Kind::ClaimDraft),
    ),
    (
        "/claims/drafts/{id}/documents",
        "id",
        Param::Id(Kind::ClaimDraft),
    ),
    (
        "/claims/drafts/{id}/documents/remove",
        "id",
        Param::Id(Kind::ClaimDraft),
    ),
    (
        "/claims/drafts/{id}/summary",
        "id",
        Param::Id(Kind::ClaimDraft),
    ),
    (
        "/claims/drafts/{id}/send",
        "id",
        Param::Id(Kind::ClaimDraft),
    ),
    (
        "/claims/drafts/{id}/discard",
        "id",
        Param::Id(Kind::ClaimDraft),
    ),
    ("/claims/reports/{id}", "id", Param::Id(Kind::ClaimReport)),
];

/// The drafts of the principal's own portal user.
pub async fn own_drafts(db: &Db, p: &Principal) -> BTreeSet<i64> {
    let Actor::Portal { id, .. } = p.actor else {
        return BTreeSet::new();
    };
    let rows: Vec<(i64,)> = db
        .fetch_all(Sql::new("SELECT id FROM claim_report_drafts WHERE portal_user_id = $1").arg(id))
        .await
        .unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

#[tokio::test]
async fn the_wizard_reveals_no_draft_or_report() {
    let app = spawn_app().await;
    let mut martina = signed_in(&app, "martina").await;
    report_car(&app, &mut martina, "glass", "").await;
    // An unfinished draft: sending it answers 422, and discarding it comes
    // last of the wizard's routes.
    start(&mut martina, PLATE).await;
    let mut jens = signed_in(&app, "jens").await;
    start(&mut jens, "").await;
    let mut table: Vec<_> = kp_web::route_table()
        .into_iter()
        .filter(|r| PARAMS.iter().any(|(path, _, _)| *path == r.path))
        .collect();
    table.sort_by_key(|r| r.path.ends_with("/discard"));
    let paths: BTreeSet<&str> = table.iter().map(|r| r.path).collect();
    assert_eq!(paths.len(), PARAMS.len(), "every wizard route is walked");
    let problems = probe(&app, &table, PARAMS).await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
