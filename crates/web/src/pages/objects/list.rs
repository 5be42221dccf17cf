//! The insured-object list: search (description, address, plate, VIN,
//! policy number), filters (kind, line of business, customer), sorting and
//! paging in the URL, and as CSV.

use axum::extract::Query;
use axum::response::{Html, IntoResponse};
use kp_app::lists::{self, Choices, ObjectFilters, ObjectListRow, ObjectQuery, ObjectSort};
use kp_domain::{CustomerId, Function, LineOfBusiness, MenuArea, ObjectKind};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::i18n::text;
use crate::listing::csv::{self, CsvColumn};
use crate::listing::{Column, ListSample, ListState, ListView, Params};
use crate::permissions::{require_area, require_function};

const BASE: &str = "/objects";

const COLUMNS: &[Column<ObjectSort>] = &[
    Column::sorted("col-object", ObjectSort::Description),
    Column::sorted("col-kind", ObjectSort::Kind),
    Column::sorted("col-site", ObjectSort::Site),
    Column::sorted("col-city", ObjectSort::City),
    Column::sorted("col-plate", ObjectSort::Plate),
    Column::sorted("col-policy-number", ObjectSort::Contract),
    Column::sorted("col-customer", ObjectSort::Customer),
    Column::back_office(),
    Column::tenant(),
];

const CSV: &[CsvColumn<ObjectListRow>] = &[
    CsvColumn::new("col-object", |r, _| r.description.clone()),
    CsvColumn::new("col-kind", |r, l| {
        text(l, &format!("object-kind-{}", r.kind))
    }),
    CsvColumn::new("col-site", |r, _| r.site.clone()),
    CsvColumn::new("col-street", |r, _| r.street.clone()),
    CsvColumn::new("col-postal-code", |r, _| r.postal_code.clone()),
    CsvColumn::new("col-city", |r, _| r.city.clone()),
    CsvColumn::new("col-plate", |r, _| r.plate.clone()),
    CsvColumn::new("col-policy-number", |r, _| r.policy_number.clone()),
    CsvColumn::new("col-line", |r, l| {
        text(l, &format!("lob-{}", r.line_of_business))
    }),
    CsvColumn::new("col-customer", |r, _| r.customer_name.clone()),
    CsvColumn::back_office(|r, _| r.external_id.clone()),
    CsvColumn::tenant(|r, _| r.tenant_name.clone()),
];

fn read(ctx: &PageCtx, params: Vec<(String, String)>) -> (ListState<ObjectSort>, ObjectQuery) {
    let mut state = ListState::read(Params::new(params), ctx.language);
    let filters = ObjectFilters {
        kind: state.code("kind", ObjectKind::parse),
        line: state.code("line", LineOfBusiness::parse),
        customer: state.id("customer").map(CustomerId),
    };
    let query = state.query(filters);
    (state, query)
}

/// The list's head and `listed`'s rows as `principal` sees them, for the
/// permission profile preview.
pub(crate) fn sample(
    language: kp_domain::Language,
    principal: &kp_domain::Principal,
    listed: &lists::Listed<ObjectListRow>,
) -> ListSample {
    ListSample::new(language, BASE, COLUMNS, principal, listed, &listed.rows)
}

#[derive(Serialize)]
struct Page {
    list: ListView,
    rows: Vec<ObjectListRow>,
    kinds: Vec<&'static str>,
    lines: Vec<&'static str>,
    choices: Choices,
}

pub(super) async fn page(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    require_area(principal, MenuArea::Objects)?;
    let (state, query) = read(&ctx, params);
    let app = &ctx.state.app;
    let listed = lists::objects(app, principal, &query, state.page).await?;
    let view = Page {
        list: state.view(BASE, COLUMNS, principal, &listed),
        rows: listed.rows,
        kinds: ObjectKind::ALL.iter().map(|k| k.as_str()).collect(),
        lines: LineOfBusiness::ALL.iter().map(|l| l.as_str()).collect(),
        choices: lists::choices(app, principal).await?,
    };
    Ok(Html(ctx.render("pages/objects.html", "objects-title", view)?).into_response())
}

pub(super) async fn export(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    require_area(principal, MenuArea::Objects)?;
    require_function(principal, Function::ExportData)?;
    let (_, query) = read(&ctx, params);
    let rows = lists::all_objects(&ctx.state.app, principal, &query).await?;
    Ok(csv::download(&ctx, principal, "objects", &rows, CSV))
}
