//! Contracts (FEATURES A3): the list with search, filters, sorting and
//! paging in the URL, and a contract's page with its objects and claims.
//! Both read through the principal's scope; the menu area follows the
//! permission profile.

use axum::extract::{Path, Query};
use axum::response::{Html, IntoResponse};
use kp_app::contracts::{self, ContractQuery, ContractSort, PER_PAGE};
use kp_domain::{ContractId, ContractStatus, LineOfBusiness, MenuArea};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::pages::urlencode;
use crate::permissions::require_area;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/contracts", list)
        .get("/contracts/{id}", detail)
}

/// The list's state as it appears in the URL; unknown values are ignored
/// rather than refused, so an old bookmark still opens.
#[derive(Debug, Default, Deserialize)]
struct ListParams {
    q: Option<String>,
    status: Option<String>,
    line: Option<String>,
    sort: Option<String>,
    dir: Option<String>,
    page: Option<u32>,
}

/// Longest search text taken from the URL.
const MAX_SEARCH_CHARS: usize = 100;

impl ListParams {
    fn query(&self) -> ContractQuery {
        ContractQuery {
            search: self
                .q
                .as_deref()
                .map(|q| q.trim().chars().take(MAX_SEARCH_CHARS).collect::<String>())
                .filter(|q| !q.is_empty()),
            status: self
                .status
                .as_deref()
                .and_then(|s| ContractStatus::parse(s).ok()),
            line: self
                .line
                .as_deref()
                .and_then(|l| LineOfBusiness::parse(l).ok()),
            sort: self
                .sort
                .as_deref()
                .and_then(ContractSort::parse)
                .unwrap_or_default(),
            descending: self.dir.as_deref() == Some("desc"),
            page: self.page.unwrap_or(1).max(1),
            per_page: PER_PAGE,
        }
    }
}

/// The query string of the list with some parameters changed.
fn href(q: &ContractQuery, sort: ContractSort, descending: bool, page: u32) -> String {
    let mut parts = Vec::new();
    if let Some(search) = &q.search {
        parts.push(format!("q={}", urlencode(search)));
    }
    if let Some(status) = q.status {
        parts.push(format!("status={}", status.as_str()));
    }
    if let Some(line) = q.line {
        parts.push(format!("line={}", line.as_str()));
    }
    parts.push(format!("sort={}", sort.key()));
    if descending {
        parts.push("dir=desc".to_owned());
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    format!("/contracts?{}", parts.join("&"))
}

#[derive(Serialize)]
struct Column {
    key: &'static str,
    label: &'static str,
    href: String,
    /// `ascending` / `descending` for the sorted column (aria-sort).
    sorted: Option<&'static str>,
}

#[derive(Serialize)]
struct ListView {
    rows: Vec<contracts::ContractRow>,
    total: i64,
    search: String,
    status: Option<&'static str>,
    line: Option<&'static str>,
    statuses: Vec<&'static str>,
    lines: Vec<&'static str>,
    columns: Vec<Column>,
    page: u32,
    pages: u32,
    previous: Option<String>,
    next: Option<String>,
}

async fn list(ctx: PageCtx, Query(params): Query<ListParams>) -> WebResult {
    let principal = ctx.require_user()?;
    require_area(principal, MenuArea::Contracts)?;
    let q = params.query();
    let (rows, total) = contracts::list(&ctx.state.app, principal, &q).await?;
    let per_page = i64::from(PER_PAGE);
    let pages = u32::try_from((total.max(1) + per_page - 1) / per_page).unwrap_or(u32::MAX);
    let columns = [
        (ContractSort::PolicyNumber, "col-policy-number"),
        (ContractSort::Customer, "col-customer"),
        (ContractSort::Insurer, "col-insurer"),
        (ContractSort::Line, "col-line"),
        (ContractSort::Status, "col-status"),
        (ContractSort::Start, "col-start"),
        (ContractSort::Premium, "col-premium"),
    ]
    .into_iter()
    .map(|(sort, label)| {
        let current = q.sort == sort;
        Column {
            key: sort.key(),
            label,
            // Clicking the sorted column flips its direction.
            href: href(&q, sort, current && !q.descending, 1),
            sorted: current.then_some(if q.descending {
                "descending"
            } else {
                "ascending"
            }),
        }
    })
    .collect();
    let view = ListView {
        rows,
        total,
        search: q.search.clone().unwrap_or_default(),
        status: q.status.map(ContractStatus::as_str),
        line: q.line.map(LineOfBusiness::as_str),
        statuses: ContractStatus::ALL.iter().map(|s| s.as_str()).collect(),
        lines: LineOfBusiness::ALL.iter().map(|l| l.as_str()).collect(),
        columns,
        page: q.page,
        pages,
        previous: (q.page > 1).then(|| href(&q, q.sort, q.descending, q.page - 1)),
        next: (q.page < pages).then(|| href(&q, q.sort, q.descending, q.page + 1)),
    };
    Ok(Html(ctx.render("pages/contracts.html", "contracts-title", view)?).into_response())
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
}

async fn detail(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = ctx.require_user()?;
    // Not a number is the same as a number that names nothing.
    let id = id.parse().map(ContractId).map_err(|_| WebError::NotFound)?;
    // Looked up before the area check: a contract outside the scope is a
    // 404 for everyone, exactly like one that does not exist.
    let page = contracts::detail(&ctx.state.app, principal, id).await?;
    require_area(principal, MenuArea::Contracts)?;
    let view = DetailView {
        contract: page.contract,
        objects: page.objects,
        claims: page.claims,
        co_insured: page.co_insured,
        finance_items: page.finance_items,
        documents: page.documents,
        contacts: page.contacts,
    };
    Ok(Html(ctx.render("pages/contract.html", "contract-title", view)?).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_state_survives_in_the_url() {
        let params = ListParams {
            q: Some(" Halle 7 ".into()),
            status: Some("active".into()),
            line: Some("no-such-line".into()),
            sort: Some("premium".into()),
            dir: Some("desc".into()),
            page: Some(3),
        };
        let q = params.query();
        assert_eq!(q.search.as_deref(), Some("Halle 7"));
        assert_eq!(q.line, None, "unknown values are ignored");
        assert_eq!(
            href(&q, q.sort, q.descending, 4),
            "/contracts?q=Halle%207&status=active&sort=premium&dir=desc&page=4"
        );
    }
}
