//! The claim list: search, filters (status, line of business, customer,
//! date of loss, paid amount), sorting and paging in the URL, and as CSV.

use axum::extract::Query;
use axum::response::{Html, IntoResponse};
use kp_app::claim_wizard::{self, DraftListRow, ReportRow, approval};
use kp_app::lists::{self, Choices, ClaimFilters, ClaimListRow, ClaimQuery, ClaimSort};
use kp_domain::fields;
use kp_domain::{ClaimStatus, CustomerId, Function, LineOfBusiness, MenuArea};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::format;
use crate::i18n::{label, text};
use crate::listing::csv::{self, CsvColumn};
use crate::listing::{Column, ListSample, ListState, ListView, Params, without_hidden_sort};
use crate::permissions::{require_area, require_function};

const BASE: &str = "/claims";

pub(super) const COLUMNS: &[Column<ClaimSort>] = &[
    Column::sorted("col-claim-number", ClaimSort::Number),
    Column::sorted("col-date-of-loss", ClaimSort::DateOfLoss),
    Column::sorted("col-policy-number", ClaimSort::Contract),
    Column::sorted("col-object", ClaimSort::Object),
    Column::sorted("col-claim-type", ClaimSort::Type),
    Column::sorted("col-status", ClaimSort::Status),
    Column::sorted("col-reserve", ClaimSort::Reserve)
        .hidden_by(fields::CLAIM_RESERVE)
        .numeric(),
    Column::sorted("col-paid", ClaimSort::Paid)
        .hidden_by(fields::CLAIM_PAID)
        .numeric(),
    Column::back_office(),
    Column::tenant(),
];

const CSV: &[CsvColumn<ClaimListRow>] = &[
    CsvColumn::new("col-claim-number", |r, _| r.broker_claim_number.clone()),
    CsvColumn::new("col-date-of-loss", |r, l| {
        format::date(l, &r.date_of_loss.to_string())
    }),
    CsvColumn::new("col-policy-number", |r, _| r.policy_number.clone()),
    CsvColumn::new("col-customer", |r, _| r.customer_name.clone()),
    CsvColumn::new("col-object", |r, _| {
        r.object_description.clone().unwrap_or_default()
    }),
    CsvColumn::new("col-claim-type", |r, l| {
        label(l, "claim-type", &r.claim_type)
    }),
    CsvColumn::new("col-place", |r, _| r.place.clone()),
    CsvColumn::new("col-status", |r, l| {
        text(l, &format!("claim-status-{}", r.status))
    }),
    CsvColumn::hidden("col-reserve", fields::CLAIM_RESERVE, |r, l| {
        format::plain_amount(l, r.reserve_minor)
    }),
    CsvColumn::hidden("col-paid", fields::CLAIM_PAID, |r, l| {
        format::plain_amount(l, r.paid_minor)
    }),
    CsvColumn::new("col-currency", |r, _| r.currency.clone()),
    CsvColumn::back_office(|r, _| r.external_id.clone()),
    CsvColumn::tenant(|r, _| r.tenant_name.clone()),
];

pub(super) fn read(
    ctx: &PageCtx,
    params: Vec<(String, String)>,
) -> (ListState<ClaimSort>, ClaimQuery) {
    let shows = |field| {
        ctx.principal()
            .is_some_and(|p| p.permissions.shows_field(field))
    };
    let mut state = ListState::read(Params::new(params), ctx.language);
    let filters = ClaimFilters {
        status: state.code("status", ClaimStatus::parse),
        line: state.code("line", LineOfBusiness::parse),
        customer: state.id("customer").map(CustomerId),
        date_of_loss: state.date_range("date_from", "date_to"),
        paid: if shows(fields::CLAIM_PAID) {
            state.amount_range("paid_from", "paid_to")
        } else {
            Default::default()
        },
    };
    without_hidden_sort(&mut state, COLUMNS, shows);
    let query = state.query(filters);
    (state, query)
}

/// The list's head and `listed`'s rows as `principal` sees them, for the
/// permission profile preview.
pub(crate) fn sample(
    language: kp_domain::Language,
    principal: &kp_domain::Principal,
    listed: &lists::Listed<ClaimListRow>,
) -> ListSample {
    ListSample::new(language, BASE, COLUMNS, principal, listed, &listed.rows)
}

#[derive(Serialize)]
struct Page {
    /// The user's open drafts and the reports not yet accepted into a
    /// claim ("reported, in review"), above the list.
    wizard: Wizard,
    list: ListView,
    rows: Vec<ClaimListRow>,
    statuses: Vec<&'static str>,
    lines: Vec<&'static str>,
    choices: Choices,
}

#[derive(Serialize)]
struct Wizard {
    offered: bool,
    drafts: Vec<DraftListRow>,
    reports: Vec<ReportRow>,
    /// The user approves claim reports (four-eyes approval): the link to
    /// those awaiting them, and how many.
    approver: bool,
    awaiting: usize,
    /// Back from "send for approval".
    approval_sent: bool,
}

pub(super) async fn page(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    require_area(principal, MenuArea::Claims)?;
    let approval_sent = params.iter().any(|(k, _)| k == "approval");
    let (state, query) = read(&ctx, params);
    let app = &ctx.state.app;
    let approver = approval::is_approver(principal);
    let awaiting = if approver {
        approval::awaiting(app, principal).await?.len()
    } else {
        0
    };
    let listed = lists::claims(app, principal, &query, state.page).await?;
    let mut list = state.view(BASE, COLUMNS, principal, &listed);
    if kp_app::claims_report::allowed(app, principal).await? {
        list.offer_pdf(state.download_href(BASE, "pdf"));
    }
    let view = Page {
        wizard: Wizard {
            offered: claim_wizard::offered(principal),
            drafts: claim_wizard::drafts(app, principal).await?,
            reports: claim_wizard::open_reports(app, principal).await?,
            approver,
            awaiting,
            approval_sent,
        },
        list,
        rows: listed.rows,
        statuses: ClaimStatus::ALL.iter().map(|s| s.as_str()).collect(),
        lines: LineOfBusiness::ALL.iter().map(|l| l.as_str()).collect(),
        choices: lists::choices(app, principal).await?,
    };
    Ok(Html(ctx.render("pages/claims.html", "claims-title", view)?).into_response())
}

pub(super) async fn export(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    require_area(principal, MenuArea::Claims)?;
    require_function(principal, Function::ExportData)?;
    let (_, query) = read(&ctx, params);
    let rows = lists::all_claims(&ctx.state.app, principal, &query).await?;
    Ok(csv::download(&ctx, principal, "claims", &rows, CSV))
}
