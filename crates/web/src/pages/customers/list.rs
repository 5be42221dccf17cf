//! The customer list: search (name, customer number, place, e-mail), the
//! kind filter, sorting and paging in the URL, and as CSV. Private
//! customers have no list: their one customer is themselves.

use axum::extract::Query;
use axum::response::{Html, IntoResponse};
use kp_app::lists::{self, CustomerFilters, CustomerQuery, CustomerRow, CustomerSort};
use kp_domain::{Actor, CustomerKind, Function, MenuArea, Principal};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::i18n::text;
use crate::listing::csv::{self, CsvColumn};
use crate::listing::{Column, ListState, ListView, Params};
use crate::permissions::{require_area, require_function};

const BASE: &str = "/customers";

const COLUMNS: &[Column<CustomerSort>] = &[
    Column::sorted("col-customer", CustomerSort::Name),
    Column::sorted("col-customer-number", CustomerSort::Number),
    Column::sorted("col-kind", CustomerSort::Kind),
    Column::sorted("col-city", CustomerSort::City),
    Column::sorted("col-contracts", CustomerSort::Contracts).numeric(),
    Column::tenant(),
];

const CSV: &[CsvColumn<CustomerRow>] = &[
    CsvColumn::new("col-customer", |r, _| r.display_name.clone()),
    CsvColumn::new("col-customer-number", |r, _| r.external_id.clone()),
    CsvColumn::new("col-kind", |r, l| {
        text(l, &format!("customer-kind-{}", r.kind))
    }),
    CsvColumn::new("col-postal-code", |r, _| r.postal_code.clone()),
    CsvColumn::new("col-city", |r, _| r.city.clone()),
    CsvColumn::new("col-contracts", |r, _| r.contracts.to_string()),
    CsvColumn::tenant(|r, _| r.tenant_name.clone()),
];

/// Organization users and staff have a customer list; a private customer's
/// only customer is their own (the page would list one row). The list goes
/// with the contract view (it counts contracts; a row leads to the master
/// data), so a profile that hides contracts has none.
fn require_list(principal: &Principal) -> Result<(), WebError> {
    match principal.actor {
        Actor::Portal {
            organization: None, ..
        } => Err(WebError::NotFound),
        _ => require_area(principal, MenuArea::Contracts),
    }
}

fn read(ctx: &PageCtx, params: Vec<(String, String)>) -> (ListState<CustomerSort>, CustomerQuery) {
    let mut state = ListState::read(Params::new(params), ctx.language);
    let filters = CustomerFilters {
        kind: state.code("kind", CustomerKind::parse),
    };
    let query = state.query(filters);
    (state, query)
}

#[derive(Serialize)]
struct Page {
    list: ListView,
    rows: Vec<CustomerRow>,
    kinds: Vec<&'static str>,
}

pub(super) async fn page(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    require_list(principal)?;
    let (state, query) = read(&ctx, params);
    let listed = lists::customers(&ctx.state.app, principal, &query, state.page).await?;
    let view = Page {
        list: state.view(BASE, COLUMNS, principal, &listed),
        rows: listed.rows,
        kinds: CustomerKind::ALL.iter().map(|k| k.as_str()).collect(),
    };
    Ok(Html(ctx.render("pages/customers.html", "customers-title", view)?).into_response())
}

pub(super) async fn export(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    require_list(principal)?;
    require_function(principal, Function::ExportData)?;
    let (_, query) = read(&ctx, params);
    let rows = lists::all_customers(&ctx.state.app, principal, &query).await?;
    Ok(csv::download(&ctx, principal, "customers", &rows, CSV))
}
