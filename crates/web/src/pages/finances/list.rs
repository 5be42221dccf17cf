//! The finance list: search (number, policy number, customer), filters
//! (kind, open or paid, customer, due date, amount), sorting and paging in
//! the URL, and as CSV.

use axum::extract::Query;
use axum::response::{Html, IntoResponse};
use kp_app::lists::{self, Choices, FinanceFilters, FinanceQuery, FinanceRow, FinanceSort};
use kp_domain::{CustomerId, FinanceKind, Function, MenuArea};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::format;
use crate::i18n::text;
use crate::listing::csv::{self, CsvColumn};
use crate::listing::{Column, ListState, ListView, Params, without_hidden_sort};
use crate::permissions::{require_area, require_function};

const BASE: &str = "/finances";

const COLUMNS: &[Column<FinanceSort>] = &[
    Column::sorted("col-finance-number", FinanceSort::Number),
    Column::sorted("col-kind", FinanceSort::Kind),
    Column::sorted("col-customer", FinanceSort::Customer),
    Column::sorted("col-policy-number", FinanceSort::Contract),
    Column::sorted("col-issued", FinanceSort::Issued),
    Column::sorted("col-due", FinanceSort::Due),
    Column::sorted("col-amount", FinanceSort::Amount)
        .hidden_by("finance.amount")
        .numeric(),
    Column::sorted("col-payment-state", FinanceSort::Paid),
];

fn state_label(r: &FinanceRow, l: kp_domain::Language) -> String {
    text(
        l,
        if r.paid {
            "finance-paid"
        } else {
            "finance-open"
        },
    )
}

const CSV: &[CsvColumn<FinanceRow>] = &[
    CsvColumn::new("col-finance-number", |r, _| r.number.clone()),
    CsvColumn::new("col-kind", |r, l| {
        text(l, &format!("finance-kind-{}", r.kind))
    }),
    CsvColumn::new("col-customer", |r, _| r.customer_name.clone()),
    CsvColumn::new("col-policy-number", |r, _| {
        r.policy_number.clone().unwrap_or_default()
    }),
    CsvColumn::new("col-issued", |r, l| {
        format::date(l, &r.issue_date.to_string())
    }),
    CsvColumn::new("col-due", |r, l| format::date(l, &r.due_date.to_string())),
    CsvColumn::hidden("col-amount", "finance.amount", |r, l| {
        format::plain_amount(l, r.amount_minor)
    }),
    CsvColumn::hidden("col-currency", "finance.amount", |r, _| r.currency.clone()),
    CsvColumn::new("col-payment-state", state_label),
    CsvColumn::new("col-paid-on", |r, l| {
        r.paid_on
            .map(|d| format::date(l, &d.to_string()))
            .unwrap_or_default()
    }),
];

/// `open` / `paid` in the URL.
fn parse_state(value: &str) -> Result<bool, ()> {
    match value {
        "open" => Ok(false),
        "paid" => Ok(true),
        _ => Err(()),
    }
}

fn read(ctx: &PageCtx, params: Vec<(String, String)>) -> (ListState<FinanceSort>, FinanceQuery) {
    let shows = |field| {
        ctx.principal()
            .is_some_and(|p| p.permissions.shows_field(field))
    };
    let mut state = ListState::read(Params::new(params), ctx.language);
    let filters = FinanceFilters {
        kind: state.code("kind", FinanceKind::parse),
        paid: state.code("state", parse_state),
        customer: state.id("customer").map(CustomerId),
        due: state.date_range("due_from", "due_to"),
        amount: if shows("finance.amount") {
            state.amount_range("amount_from", "amount_to")
        } else {
            Default::default()
        },
    };
    without_hidden_sort(&mut state, COLUMNS, shows);
    let query = state.query(filters);
    (state, query)
}

#[derive(Serialize)]
struct Page {
    list: ListView,
    rows: Vec<FinanceRow>,
    kinds: Vec<&'static str>,
    choices: Choices,
}

pub(super) async fn page(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    require_area(principal, MenuArea::Finances)?;
    let (state, query) = read(&ctx, params);
    let app = &ctx.state.app;
    let listed = lists::finance(app, principal, &query, state.page).await?;
    let view = Page {
        list: state.view(BASE, COLUMNS, principal, &listed),
        rows: listed.rows,
        kinds: FinanceKind::ALL.iter().map(|k| k.as_str()).collect(),
        choices: lists::choices(app, principal).await?,
    };
    Ok(Html(ctx.render("pages/finances.html", "finances-title", view)?).into_response())
}

pub(super) async fn export(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    require_area(principal, MenuArea::Finances)?;
    require_function(principal, Function::ExportData)?;
    let (_, query) = read(&ctx, params);
    let rows = lists::all_finance(&ctx.state.app, principal, &query).await?;
    Ok(csv::download(&ctx, principal, "finances", &rows, CSV))
}
