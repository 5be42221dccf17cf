//! Contracts (FEATURES A3): the list with search, filters, sorting and
//! paging in the URL and as CSV, and a contract's page with its objects and
//! claims. Both read through the principal's scope; the menu area follows
//! the permission profile.

use axum::extract::{Path, Query};
use axum::response::{Html, IntoResponse};
use kp_app::contracts;
use kp_app::exchange_rates::{self, ConvertedAmount, ProfileCurrency};
use kp_app::lists::{self, Choices, ContractFilters, ContractQuery, ContractRow, ContractSort};
use kp_domain::fields;
use kp_domain::{ContractId, ContractStatus, Function, LineOfBusiness, MenuArea};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::format;
use crate::listing::csv::{self, CsvColumn};
use crate::listing::{Column, ListSample, ListState, ListView, Params, without_hidden_sort};
use crate::permissions::{require_area, require_function};
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/contracts", list)
        .get("/contracts.csv", export)
        .get("/contracts/{id}", detail)
}

const BASE: &str = "/contracts";

const COLUMNS: &[Column<ContractSort>] = &[
    Column::sorted("col-policy-number", ContractSort::PolicyNumber),
    Column::sorted("col-customer", ContractSort::Customer),
    Column::sorted("col-insurer", ContractSort::Insurer).hidden_by(fields::CONTRACT_INSURER),
    Column::sorted("col-line", ContractSort::Line),
    Column::sorted("col-status", ContractSort::Status),
    Column::sorted("col-start", ContractSort::Start),
    Column::sorted("col-premium", ContractSort::Premium)
        .hidden_by(fields::CONTRACT_PREMIUM)
        .numeric(),
    Column::back_office(),
    Column::tenant(),
];

const CSV: &[CsvColumn<ContractRow>] = &[
    CsvColumn::new("col-policy-number", |r, _| r.policy_number.clone()),
    CsvColumn::new("col-customer", |r, _| r.customer_name.clone()),
    CsvColumn::hidden("col-insurer", fields::CONTRACT_INSURER, |r, _| {
        r.insurer_name.clone().unwrap_or_default()
    }),
    CsvColumn::new("col-line", |r, l| {
        crate::i18n::text(l, &format!("lob-{}", r.line_of_business))
    }),
    CsvColumn::new("col-status", |r, l| {
        crate::i18n::text(l, &format!("contract-status-{}", r.status))
    }),
    CsvColumn::new("col-start", |r, l| {
        format::date(l, &r.start_date.to_string())
    }),
    CsvColumn::new("field-end", |r, l| {
        r.end_date
            .map(|d| format::date(l, &d.to_string()))
            .unwrap_or_default()
    }),
    CsvColumn::new("field-payment-frequency", |r, l| {
        crate::i18n::text(l, &format!("payment-frequency-{}", r.payment_frequency))
    }),
    CsvColumn::hidden("col-premium", fields::CONTRACT_PREMIUM, |r, l| {
        format::plain_amount(l, r.premium_gross_minor)
    }),
    CsvColumn::hidden("col-currency", fields::CONTRACT_PREMIUM, |r, _| {
        r.currency.clone()
    }),
    CsvColumn::back_office(|r, _| r.external_id.clone()),
    CsvColumn::tenant(|r, _| r.tenant_name.clone()),
];

/// The list's state from the URL; filters on hidden fields are ignored.
fn read(ctx: &PageCtx, params: Vec<(String, String)>) -> (ListState<ContractSort>, ContractQuery) {
    let principal = ctx.principal();
    let shows = |field| principal.is_some_and(|p| p.permissions.shows_field(field));
    let mut state = ListState::read(Params::new(params), ctx.language);
    let filters = ContractFilters {
        status: state.code("status", ContractStatus::parse),
        line: state.code("line", LineOfBusiness::parse),
        insurer: if shows(fields::CONTRACT_INSURER) {
            state.id("insurer")
        } else {
            None
        },
        customer: state.id("customer").map(kp_domain::CustomerId),
        start: state.date_range("start_from", "start_to"),
        premium: if shows(fields::CONTRACT_PREMIUM) {
            state.amount_range("premium_from", "premium_to")
        } else {
            Default::default()
        },
        insurer_hidden: !shows(fields::CONTRACT_INSURER),
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
    listed: &kp_app::lists::Listed<ContractRow>,
) -> ListSample {
    ListSample::new(language, BASE, COLUMNS, principal, listed, &listed.rows)
}

#[derive(Serialize)]
struct ListPage {
    list: ListView,
    rows: Vec<ContractRow>,
    statuses: Vec<&'static str>,
    lines: Vec<&'static str>,
    choices: Choices,
}

async fn list(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    require_area(principal, MenuArea::Contracts)?;
    let (state, query) = read(&ctx, params);
    let app = &ctx.state.app;
    let listed = lists::contracts(app, principal, &query, state.page).await?;
    let choices = lists::choices(app, principal).await?;
    let view = ListPage {
        list: state.view(BASE, COLUMNS, principal, &listed),
        rows: listed.rows,
        statuses: ContractStatus::ALL.iter().map(|s| s.as_str()).collect(),
        lines: LineOfBusiness::ALL.iter().map(|l| l.as_str()).collect(),
        choices,
    };
    Ok(Html(ctx.render("pages/contracts.html", "contracts-title", view)?).into_response())
}

async fn export(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    require_area(principal, MenuArea::Contracts)?;
    require_function(principal, Function::ExportData)?;
    let (_, query) = read(&ctx, params);
    let rows = lists::all_contracts(&ctx.state.app, principal, &query).await?;
    Ok(csv::download(&ctx, principal, "contracts", &rows, CSV))
}

#[derive(Serialize)]
struct DetailView {
    contract: contracts::ContractDetail,
    objects: Vec<contracts::ObjectRow>,
    claims: Vec<contracts::ClaimRow>,
    co_insured: Vec<contracts::CoInsured>,
    finance_items: Vec<contracts::FinanceItemRow>,
    documents: Vec<kp_app::attached::AttachedDocument>,
    contacts: Vec<kp_app::attached::BrokerContact>,
    premium_history: Vec<contracts::PremiumChange>,
    /// The master sheet link: the profile allows reports and the
    /// contract's broker offers the sheet.
    sheet_offered: bool,
    converted: ContractConverted,
}

/// The contract's amounts in the profile currency (B9), where shown.
#[derive(Serialize, Default)]
pub(crate) struct ContractConverted {
    premium_net: Option<ConvertedAmount>,
    premium_gross: Option<ConvertedAmount>,
    sum_insured: Option<ConvertedAmount>,
    deductible: Option<ConvertedAmount>,
    /// Per finance item, in the order of `finance_items`.
    finance_items: Vec<Option<ConvertedAmount>>,
}

pub(crate) fn converted(
    profile: Option<&ProfileCurrency>,
    principal: &kp_domain::Principal,
    page: &contracts::ContractPage,
) -> ContractConverted {
    let Some(p) = profile else {
        return ContractConverted::default();
    };
    let k = &page.contract;
    let cur = k.currency.as_str();
    ContractConverted {
        premium_net: p.convert_field(
            principal,
            fields::CONTRACT_PREMIUM,
            Some(k.premium_net_minor),
            cur,
        ),
        premium_gross: p.convert_field(
            principal,
            fields::CONTRACT_PREMIUM,
            Some(k.premium_gross_minor),
            cur,
        ),
        sum_insured: p.convert_field(
            principal,
            fields::CONTRACT_SUM_INSURED,
            k.sum_insured_minor,
            cur,
        ),
        deductible: p.convert_field(
            principal,
            fields::CONTRACT_DEDUCTIBLE,
            k.deductible_minor,
            cur,
        ),
        finance_items: page
            .finance_items
            .iter()
            .map(|f| {
                p.convert_field(
                    principal,
                    fields::FINANCE_AMOUNT,
                    Some(f.amount_minor),
                    &f.currency,
                )
            })
            .collect(),
    }
}

async fn detail(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = ctx.require_user()?;
    // Not a number is the same as a number that names nothing.
    let id = id.parse().map(ContractId).map_err(|_| WebError::NotFound)?;
    // Looked up before the area check: a contract outside the scope is a
    // 404 for everyone, exactly like one that does not exist.
    let page = contracts::detail(&ctx.state.app, principal, id).await?;
    require_area(principal, MenuArea::Contracts)?;
    let profile = exchange_rates::profile(&ctx.state.app, principal).await?;
    let converted = converted(profile.as_ref(), principal, &page);
    let sheet_offered = principal.permissions.allows(Function::DownloadReports)
        && kp_app::report_settings::for_contract(&ctx.state.app, principal, id)
            .await?
            .contract_sheet;
    let view = DetailView {
        contract: page.contract,
        objects: page.objects,
        claims: page.claims,
        co_insured: page.co_insured,
        finance_items: page.finance_items,
        documents: page.documents,
        contacts: page.contacts,
        premium_history: page.premium_history,
        sheet_offered,
        converted,
    };
    Ok(Html(ctx.render("pages/contract.html", "contract-title", view)?).into_response())
}
