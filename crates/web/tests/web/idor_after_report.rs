//! The "after the report" routes in the IDOR harness: the staff routes of
//! claim reports and claims answer only the staff of the record's tenant
//! (everyone else gets the 404 of a missing record), the customer's
//! answer routes follow the scope. The demo's report waiting to be
//! accepted and its claim with an open checklist item give the harness
//! records; [`no_after_report_route_reveals_a_record`] adds an accepted
//! one and walks these routes with them.

use std::collections::BTreeSet;

use crate::after_report_support::{accept, post_on, sent_report};
use crate::harness::spawn_app;
use crate::idor::{Kind, Param, probe};
use crate::lists::signed_in;

/// See `idor::PARAMS`.
pub const PARAMS: &[(&str, &str, Param)] = &[
    (
        "/staff/claim-reports/{id}",
        "id",
        Param::Id(Kind::StaffClaimReport),
    ),
    (
        "/staff/claim-reports/{id}/accept",
        "id",
        Param::Id(Kind::StaffClaimReport),
    ),
    (
        "/staff/claim-reports/{id}/question",
        "id",
        Param::Id(Kind::StaffClaimReport),
    ),
    (
        "/claims/reports/{id}/answer",
        "id",
        Param::Id(Kind::ClaimReport),
    ),
    ("/claims/{id}/status", "id", Param::Id(Kind::StaffClaim)),
    ("/claims/{id}/checklist", "id", Param::Id(Kind::StaffClaim)),
    (
        "/checklist-items/{id}/documents",
        "id",
        Param::Id(Kind::ChecklistItem),
    ),
    (
        "/checklist-items/{id}/done",
        "id",
        Param::Id(Kind::StaffChecklistItem),
    ),
    (
        "/checklist-items/{id}/remove",
        "id",
        Param::Id(Kind::StaffChecklistItem),
    ),
];

/// The customer-side kind a staff-only kind narrows.
pub fn staff_kind(kind: Kind) -> Option<Kind> {
    match kind {
        Kind::StaffClaimReport => Some(Kind::ClaimReport),
        Kind::StaffClaim => Some(Kind::Claim),
        Kind::StaffChecklistItem => Some(Kind::ChecklistItem),
        _ => None,
    }
}

#[tokio::test]
async fn no_after_report_route_reveals_a_record() {
    let app = spawn_app().await;
    let mut martina = signed_in(&app, "martina").await;
    let (report, _) = sent_report(&app, &mut martina).await;
    let (open, _) = sent_report(&app, &mut martina).await;
    let mut sabine = signed_in(&app, "sabine").await;
    let claim = accept(&mut sabine, report, "S-IDOR-1").await;
    let page = format!("/claims/{claim}");
    let r = post_on(
        &mut sabine,
        &page,
        &format!("{page}/checklist"),
        &[("text", "Reparaturrechnung"), ("due_on", "")],
    )
    .await;
    assert_eq!(r.status, axum::http::StatusCode::SEE_OTHER, "{}", r.body);
    let r = post_on(
        &mut sabine,
        &format!("/staff/claim-reports/{open}"),
        &format!("/staff/claim-reports/{open}/question"),
        &[("question", "Gab es Zeugen?")],
    )
    .await;
    assert_eq!(r.status, axum::http::StatusCode::SEE_OTHER, "{}", r.body);
    // Removing comes last: it deletes the item the others need.
    let mut table: Vec<_> = kp_web::route_table()
        .into_iter()
        .filter(|r| PARAMS.iter().any(|(path, _, _)| *path == r.path))
        .collect();
    table.sort_by_key(|r| r.path.ends_with("/remove"));
    let paths: BTreeSet<&str> = table.iter().map(|r| r.path).collect();
    assert_eq!(paths.len(), PARAMS.len(), "every route is walked");
    let problems = probe(&app, &table, PARAMS).await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
