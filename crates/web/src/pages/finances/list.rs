//! The finance list: search (number, policy number, customer), filters
//! (kind, open or paid, customer, due date, amount), sorting and paging in
//! the URL, and as CSV.

use axum::extract::Query;
use axum::response::{Html, IntoResponse};
use kp_app::exchange_rates::{self, ConvertedAmount, ProfileCurrency};
use kp_app::lists::{self, Choices, FinanceFilters, FinanceQuery, FinanceRow, FinanceSort};
use kp_domain::fields;
use kp_domain::{CustomerId, FinanceKind, Function, MenuArea};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::format;
use crate::i18n::text;
use crate::listing::csv::{self, CsvColumn};
use crate::listing::{Column, ListSample, ListState, ListView, Params, without_hidden_sort};
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
        .hidden_by(fields::FINANCE_AMOUNT)
        .numeric(),
    Column::sorted("col-payment-state", FinanceSort::Paid),
    Column::back_office(),
    Column::tenant(),
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

const CSV: &[CsvColumn<FinanceLine>] = &[
    CsvColumn::new("col-finance-number", |r, _| r.row.number.clone()),
    CsvColumn::new("col-kind", |r, l| {
        text(l, &format!("finance-kind-{}", r.row.kind))
    }),
    CsvColumn::new("col-customer", |r, _| r.row.customer_name.clone()),
    CsvColumn::new("col-policy-number", |r, _| {
        r.row.policy_number.clone().unwrap_or_default()
    }),
    CsvColumn::new("col-issued", |r, l| {
        format::date(l, &r.row.issue_date.to_string())
    }),
    CsvColumn::new("col-due", |r, l| {
        format::date(l, &r.row.due_date.to_string())
    }),
    CsvColumn::hidden("col-amount", fields::FINANCE_AMOUNT, |r, l| {
        format::plain_amount(l, r.row.amount_minor)
    }),
    CsvColumn::hidden("col-currency", fields::FINANCE_AMOUNT, |r, _| {
        r.row.currency.clone()
    }),
    CsvColumn::new("col-payment-state", |r, l| state_label(&r.row, l)),
    CsvColumn::new("col-paid-on", |r, l| {
        r.row
            .paid_on
            .map(|d| format::date(l, &d.to_string()))
            .unwrap_or_default()
    }),
    CsvColumn::back_office(|r, _| r.row.external_id.clone()),
    CsvColumn::tenant(|r, _| r.row.tenant_name.clone()),
];

/// The plain columns over a [`FinanceLine`], then the converted ones.
fn with_converted() -> Vec<CsvColumn<FinanceLine>> {
    let mut columns: Vec<CsvColumn<FinanceLine>> = CSV
        .iter()
        .map(|c| CsvColumn {
            label: c.label,
            field: c.field,
            staff: c.staff,
            value: c.value,
        })
        .collect();
    columns.extend(CONVERTED_CSV.iter().map(|c| CsvColumn {
        label: c.label,
        field: c.field,
        staff: c.staff,
        value: c.value,
    }));
    columns
}

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
        amount: if shows(fields::FINANCE_AMOUNT) {
            state.amount_range("amount_from", "amount_to")
        } else {
            Default::default()
        },
    };
    without_hidden_sort(&mut state, COLUMNS, shows);
    let query = state.query(filters);
    (state, query)
}

/// A finance item with its amount in the profile currency (B9), where the
/// user has one and the amount is shown.
#[derive(Serialize)]
struct FinanceLine {
    #[serde(flatten)]
    row: FinanceRow,
    converted: Option<ConvertedAmount>,
}

fn lines(
    rows: Vec<FinanceRow>,
    profile: Option<&ProfileCurrency>,
    principal: &kp_domain::Principal,
) -> Vec<FinanceLine> {
    rows.into_iter()
        .map(|row| FinanceLine {
            converted: profile.and_then(|p| {
                p.convert_field(
                    principal,
                    fields::FINANCE_AMOUNT,
                    Some(row.amount_minor),
                    &row.currency,
                )
            }),
            row,
        })
        .collect()
}

/// The two columns a user with a profile currency gets in addition.
const CONVERTED_CSV: &[CsvColumn<FinanceLine>] = &[
    CsvColumn::hidden("col-converted-amount", fields::FINANCE_AMOUNT, |r, l| {
        // A missing rate is said in words, never left as a number.
        r.converted
            .as_ref()
            .map(|c| match c.minor {
                Some(m) => format::plain_amount(l, m),
                None => crate::i18n::text_with(
                    l,
                    "currency-rate-missing",
                    &[
                        ("from", c.from.clone().into()),
                        ("to", c.currency.clone().into()),
                    ],
                ),
            })
            .unwrap_or_default()
    }),
    CsvColumn::hidden("col-rate-date", fields::FINANCE_AMOUNT, |r, l| {
        r.converted
            .as_ref()
            .and_then(|c| c.rate_date)
            .map(|d| format::date(l, &d.to_string()))
            .unwrap_or_default()
    }),
];

/// The list's head and `listed`'s rows as `principal` sees them, for the
/// permission profile preview.
pub(crate) fn sample(
    language: kp_domain::Language,
    principal: &kp_domain::Principal,
    listed: &lists::Listed<FinanceRow>,
    profile: Option<&ProfileCurrency>,
) -> ListSample {
    let rows = lines(listed.rows.clone(), profile, principal);
    ListSample::new(language, BASE, COLUMNS, principal, listed, &rows)
}

#[derive(Serialize)]
struct Page {
    list: ListView,
    rows: Vec<FinanceLine>,
    kinds: Vec<&'static str>,
    choices: Choices,
}

pub(super) async fn page(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    require_area(principal, MenuArea::Finances)?;
    let (state, query) = read(&ctx, params);
    let app = &ctx.state.app;
    let listed = lists::finance(app, principal, &query, state.page).await?;
    let profile = exchange_rates::profile(app, principal).await?;
    let list = state.view(BASE, COLUMNS, principal, &listed);
    let view = Page {
        list,
        rows: lines(listed.rows, profile.as_ref(), principal),
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
    let app = &ctx.state.app;
    let rows = lists::all_finance(app, principal, &query).await?;
    Ok(match exchange_rates::profile(app, principal).await? {
        None => csv::download(
            &ctx,
            principal,
            "finances",
            &lines(rows, None, principal),
            CSV,
        ),
        Some(profile) => {
            let lines = lines(rows, Some(&profile), principal);
            csv::download(&ctx, principal, "finances", &lines, &with_converted())
        }
    })
}
