//! The IDOR harness: every route of the router is walked; for each route
//! with a record id, every demo role requests it with ids inside and
//! outside its scope. Inside answers anything but 404; outside answers
//! exactly the 404 page of an id that does not exist, so an id reveals
//! nothing. A route whose path parameter the harness does not cover fails
//! the test: a new page with an id must be added to `PARAMS` below (or
//! to its area's list, see [`all_params`]).
//!
//! Later issues add their routes' ids here; `kind` says which records the
//! parameter names, and the harness reads which of them each role sees
//! through the storage layer's own scoped reads.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use kp_domain::Principal;
use kp_storage::scope_sql::{Context, Scoped};
use kp_storage::users;
use kp_storage::{Db, Sql};
use kp_web::routes::RouteInfo;

use crate::harness::{Client, TestApp, spawn_app};
use crate::idor_selftest::{broken_route, with_router};

/// The records a path parameter can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)] // kinds are used as the routes that need them arrive
pub enum Kind {
    Customer,
    Contract,
    Object,
    Claim,
    Document,
    FinanceItem,
    Conversation,
    /// Staff pages: the portal users of the staff member's tenants.
    PortalUser,
    /// Staff administrators' pages: the staff users sharing a tenant.
    StaffUser,
    /// A portal user's own claim wizard drafts.
    ClaimDraft,
    /// Sent claim reports, by the record they name.
    ClaimReport,
    /// Delegated administration: the users of the portal user's own
    /// organization.
    OrgUser,
    /// Claim report drafts as approvers see them: of the user's
    /// organization, not their own, the contract in the scope.
    ClaimApproval,
    /// Staff routes of claim reports: the staff of the report's tenant.
    StaffClaimReport,
    /// Staff actions on a claim: the staff of the claim's tenant.
    StaffClaim,
    /// Checklist items, by their claim.
    ChecklistItem,
    /// Staff actions on checklist items.
    StaffChecklistItem,
    /// Staff tasks, by their tenant.
    Task,
    /// Organization logos on the staff side: the organizations a staff
    /// member may read that have a logo.
    OrganizationLogo,
}

/// What a path parameter holds.
#[derive(Debug, Clone, Copy)]
pub enum Param {
    /// Not a record id: a closed vocabulary (legal page names, asset
    /// names) that reveals nothing about customers.
    NotAnId,
    Id(Kind),
}

/// Every path parameter of the router: (route pattern, parameter, meaning).
pub const PARAMS: &[(&str, &str, Param)] = &[
    ("/contracts/{id}", "id", Param::Id(Kind::Contract)),
    ("/claims/{id}", "id", Param::Id(Kind::Claim)),
    ("/objects/{id}", "id", Param::Id(Kind::Object)),
    ("/customers/{id}", "id", Param::Id(Kind::Customer)),
    ("/contracts/{id}/sheet.pdf", "id", Param::Id(Kind::Contract)),
    ("/documents/{id}", "id", Param::Id(Kind::Document)),
    ("/documents/{id}/file", "id", Param::Id(Kind::Document)),
    ("/documents/{id}/preview", "id", Param::Id(Kind::Document)),
    ("/legal/{page}", "page", Param::NotAnId),
    ("/static/{file}", "file", Param::NotAnId),
    ("/theme/{file}", "file", Param::NotAnId),
];

/// Every covered parameter: [`PARAMS`] and those of the later issues'
/// modules.
pub fn all_params() -> Vec<(&'static str, &'static str, Param)> {
    PARAMS
        .iter()
        .chain(crate::idor_users::PARAMS)
        .chain(crate::idor_settings::PARAMS)
        .chain(crate::idor_claims::PARAMS)
        .chain(crate::idor_profiles::PARAMS)
        .chain(crate::idor_orgs::PARAMS)
        .chain(crate::idor_uploads::PARAMS)
        .chain(crate::idor_org_admin::PARAMS)
        .chain(crate::idor_approvals::PARAMS)
        .chain(crate::idor_after_report::PARAMS)
        .chain(crate::idor_tasks::PARAMS)
        .copied()
        .collect()
}

/// The routes whose parameters `params` does not cover.
pub fn uncovered(table: &[RouteInfo], params: &[(&str, &str, Param)]) -> Vec<String> {
    let mut out = Vec::new();
    for route in table {
        for p in route.params() {
            if !params
                .iter()
                .any(|(path, name, _)| *path == route.path && *name == p)
            {
                out.push(format!("{} {} (parameter {p})", route.method, route.path));
            }
        }
    }
    out
}

/// Ids of `kind` the principal sees, through the scope predicate.
async fn visible(db: &Db, p: &Principal, kind: Kind) -> BTreeSet<i64> {
    if matches!(kind, Kind::PortalUser | Kind::StaffUser) {
        return crate::idor_users::administered(db, p, kind == Kind::PortalUser).await;
    }
    if kind == Kind::ClaimDraft {
        return crate::idor_claims::own_drafts(db, p).await;
    }
    if kind == Kind::OrgUser {
        return crate::idor_org_admin::members(db, p).await;
    }
    if kind == Kind::ClaimApproval {
        return crate::idor_approvals::approvable(db, p).await;
    }
    if kind == Kind::Task {
        return crate::idor_tasks::visible(db, p).await;
    }
    if kind == Kind::OrganizationLogo {
        return crate::idor_orgs::with_logo(db, p).await;
    }
    if let Some(inner) = crate::idor_after_report::staff_kind(kind) {
        if !p.is_staff() || p.impersonated_by.is_some() {
            return BTreeSet::new();
        }
        return Box::pin(visible(db, p, inner)).await;
    }
    let mut q = Scoped::new(&p.scope);
    match kind {
        Kind::Customer => q
            .push("SELECT x.id FROM customers x WHERE ")
            .customer("x.id"),
        Kind::Contract => q.push("SELECT x.id FROM contracts x WHERE ").contract("x"),
        Kind::Object => q
            .push("SELECT x.id FROM insured_objects x WHERE ")
            .object("x"),
        Kind::Claim => q.push("SELECT x.id FROM claims x WHERE ").claim("x"),
        Kind::Document => q
            .push("SELECT x.id FROM documents x WHERE ")
            .in_context("x", Context::FULL),
        Kind::FinanceItem => q
            .push("SELECT x.id FROM finance_items x WHERE ")
            .in_context("x", Context::CONTRACT),
        Kind::Conversation => q
            .push("SELECT x.id FROM conversations x WHERE ")
            .in_context("x", Context::FULL),
        Kind::ClaimReport => q
            .push("SELECT x.id FROM claim_reports x WHERE ")
            .in_context("x", Context::FULL),
        Kind::ChecklistItem => q
            .push("SELECT x.id FROM claim_checklist_items x WHERE ")
            .claim_id("x.claim_id"),
        Kind::PortalUser
        | Kind::StaffUser
        | Kind::ClaimDraft
        | Kind::OrgUser
        | Kind::ClaimApproval
        | Kind::StaffClaimReport
        | Kind::StaffClaim
        | Kind::StaffChecklistItem
        | Kind::Task
        | Kind::OrganizationLogo => return BTreeSet::new(),
    };
    let rows: Vec<(i64,)> = db.fetch_all(q.finish().unwrap()).await.unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

fn table_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Customer => "customers",
        Kind::Contract => "contracts",
        Kind::Object => "insured_objects",
        Kind::Claim => "claims",
        Kind::Document => "documents",
        Kind::FinanceItem => "finance_items",
        Kind::Conversation => "conversations",
        Kind::PortalUser | Kind::OrgUser => "portal_users",
        Kind::StaffUser => "staff_users",
        Kind::ClaimDraft | Kind::ClaimApproval => "claim_report_drafts",
        Kind::ClaimReport | Kind::StaffClaimReport => "claim_reports",
        Kind::StaffClaim => "claims",
        Kind::ChecklistItem | Kind::StaffChecklistItem => "claim_checklist_items",
        Kind::Task => "tasks",
        Kind::OrganizationLogo => "organizations",
    }
}

pub(crate) async fn all_ids(db: &Db, kind: Kind) -> BTreeSet<i64> {
    let sql = format!("SELECT id FROM {}", table_of(kind));
    let rows: Vec<(i64,)> = db.fetch_all(Sql::new(sql)).await.unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

/// The body with the parts that differ per request (request id, form
/// token) removed.
fn normalized(body: &str) -> String {
    let mut out = String::new();
    for line in body.lines() {
        if line.contains("request-id") || line.contains("_csrf") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn path_with(route: &RouteInfo, values: &[(&str, String)]) -> String {
    let mut path = route.path.to_owned();
    for (name, value) in values {
        path = path.replace(&format!("{{{name}}}"), value);
    }
    path
}

/// Requests every id route as every demo role; the problems found.
pub async fn probe(
    app: &TestApp,
    table: &[RouteInfo],
    params: &[(&str, &str, Param)],
) -> Vec<String> {
    let mut problems = uncovered(table, params);
    let id_routes: Vec<(RouteInfo, &str, Kind)> = table
        .iter()
        .flat_map(|r| {
            params.iter().filter_map(move |(path, name, p)| match p {
                Param::Id(kind) if *path == r.path => Some((*r, *name, *kind)),
                _ => None,
            })
        })
        .collect();
    if id_routes.is_empty() {
        return problems;
    }
    for login in kp_demo::logins() {
        let creds = users::credentials_by_email(&app.db, login.email)
            .await
            .unwrap()
            .unwrap();
        let principal = users::principal(&app.db, creds.user)
            .await
            .unwrap()
            .unwrap();
        let mut client = Client::new(app);
        client.login(login.email, login.password).await;
        let csrf = client.get("/home").await.hidden("_csrf");
        for (route, name, kind) in &id_routes {
            let inside = visible(&app.db, &principal, *kind).await;
            let outside: Vec<i64> = all_ids(&app.db, *kind)
                .await
                .difference(&inside)
                .copied()
                .collect();
            let method = Method::from_bytes(route.method.as_bytes()).unwrap();
            let form: Vec<(&str, &str)> = vec![("_csrf", csrf.as_str())];
            let mut send = async |id: i64| {
                let path = path_with(route, &[(name, id.to_string())]);
                let body = (method == Method::POST).then_some(form.as_slice());
                (
                    path.clone(),
                    client.request(method.clone(), &path, body).await,
                )
            };
            let (missing_path, missing) = send(i64::MAX).await;
            if missing.status != StatusCode::NOT_FOUND {
                problems.push(format!(
                    "{} {}: a missing id answers {} for {}",
                    route.method, route.path, missing.status, login.email
                ));
                continue;
            }
            // The pages name the requested path (language switcher), which
            // differs by id; everything else must be the same.
            let plain = |path: &str, body: &str| {
                normalized(&body.replace("&#x2f;", "/").replace(path, "{path}"))
            };
            let missing_body = plain(&missing_path, &missing.body);
            for id in outside.iter().take(25) {
                let (path, r) = send(*id).await;
                if r.status != StatusCode::NOT_FOUND || plain(&path, &r.body) != missing_body {
                    problems.push(format!(
                        "{} {path}: {} (outside the scope of {}) answers {}, not the plain 404",
                        route.method, id, login.email, r.status
                    ));
                }
            }
            for id in inside.iter().take(5) {
                let (path, r) = send(*id).await;
                if r.status == StatusCode::NOT_FOUND {
                    problems.push(format!(
                        "{} {path}: {id} (inside the scope of {}) answers 404",
                        route.method, login.email
                    ));
                }
            }
        }
    }
    problems
}

/// The same app with another router: for the harness's self-tests.
#[tokio::test]
async fn no_route_reveals_a_record_outside_the_scope() {
    let app = spawn_app().await;
    let problems = probe(&app, &kp_web::route_table(), &all_params()).await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn no_route_reveals_a_record_outside_the_scope_on_postgres() {
    let Some((app, pg)) = crate::harness::spawn_app_on_postgres().await else {
        return;
    };
    let problems = probe(&app, &kp_web::route_table(), &all_params()).await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The harness itself runs there too: a leaking route is caught.
    let leaky = app
        .router
        .clone()
        .route("/home/{id}", axum::routing::get(|| async { "a contract" }));
    let leaky_app = with_router(&app, leaky);
    let (table, params) = broken_route();
    assert!(!probe(&leaky_app, &table, &params).await.is_empty());
    pg.drop_db().await;
}
