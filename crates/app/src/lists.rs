//! The list pages' use cases: each list of the principal's records through
//! the scope, a page past the end answered with the last page, and the
//! choices the filter forms offer.

use std::future::Future;

use kp_domain::{Actor, Principal};
use kp_storage::lists::{self, Page};
pub use kp_storage::lists::{
    AmountRange, DateRange, ListQuery, MAX_EXPORT_ROWS, Range, SortColumn,
    claims::{ClaimFilters, ClaimListRow, ClaimQuery, ClaimSort},
    contracts::{ContractFilters, ContractQuery, ContractRow, ContractSort},
    customers::{CustomerFilters, CustomerQuery, CustomerRow, CustomerSort},
    documents::{DocumentContextKind, DocumentFilters, DocumentQuery, DocumentRow, DocumentSort},
    finance::{FinanceFilters, FinanceQuery, FinanceRow, FinanceSort},
    objects::{ObjectFilters, ObjectListRow, ObjectQuery, ObjectSort},
};
pub use kp_storage::lists::{Choice, choices::Choices};

use crate::{App, AppError};

/// Rows per page of every list.
pub const PER_PAGE: u32 = 25;

/// One page of a list as shown: the rows, how many match in all, and which
/// page this is of how many.
#[derive(Debug, Clone)]
pub struct Listed<R> {
    pub rows: Vec<R>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
}

/// Runs a paged list; a page past the end (an old bookmark, a list that
/// shrank) shows the last page instead of an empty one.
pub(crate) async fn paged<R, Fut>(
    requested: u32,
    fetch: impl Fn(Option<Page>) -> Fut,
) -> Result<Listed<R>, AppError>
where
    Fut: Future<Output = kp_storage::Result<(Vec<R>, i64)>>,
{
    let page = |number| {
        Some(Page {
            number,
            size: PER_PAGE,
        })
    };
    let requested = requested.max(1);
    let (mut rows, mut total) = fetch(page(requested)).await?;
    let mut shown = requested;
    if rows.is_empty() && requested > 1 {
        // The total is only known from a page that has rows.
        let (first, all) = fetch(page(1)).await?;
        total = all;
        shown = pages_for(total);
        rows = if shown == 1 {
            first
        } else {
            fetch(page(shown)).await?.0
        };
    }
    Ok(Listed {
        rows,
        total,
        page: shown,
        pages: pages_for(total),
    })
}

fn pages_for(total: i64) -> u32 {
    let per_page = i64::from(PER_PAGE);
    u32::try_from((total.max(1) + per_page - 1) / per_page).unwrap_or(u32::MAX)
}

/// Every matching row, for a download.
async fn all<R, Fut>(fetch: impl Fn(Option<Page>) -> Fut) -> Result<Vec<R>, AppError>
where
    Fut: Future<Output = kp_storage::Result<(Vec<R>, i64)>>,
{
    Ok(fetch(None).await?.0)
}

/// A list row carrying back-office data (the back office's id, the
/// record's tenant), which only staff see.
trait BackOffice {
    fn blank_back_office(&mut self);
}

macro_rules! back_office {
    ($($row:ty),*) => {$(
        impl BackOffice for $row {
            fn blank_back_office(&mut self) {
                self.external_id.clear();
                self.tenant_name.clear();
            }
        }
    )*};
}

back_office!(
    ContractRow,
    ClaimListRow,
    ObjectListRow,
    FinanceRow,
    DocumentRow
);

impl BackOffice for CustomerRow {
    /// The customer number (`external_id`) is the customer's own; only
    /// the tenant is back-office data.
    fn blank_back_office(&mut self) {
        self.tenant_name.clear();
    }
}

/// Blanks the back-office data for portal users (also while a staff
/// member acts as one), so that it does not even reach the templates.
fn staff_only<R: BackOffice>(principal: &Principal, rows: &mut [R]) {
    if !principal.is_staff() {
        rows.iter_mut().for_each(R::blank_back_office);
    }
}

macro_rules! list_use_case {
    ($page_fn:ident, $all_fn:ident, $module:ident, $query:ty, $row:ty) => {
        pub async fn $page_fn(
            app: &App,
            principal: &Principal,
            query: &$query,
            page: u32,
        ) -> Result<Listed<$row>, AppError> {
            let mut listed = paged(page, |page| {
                let query = ListQuery {
                    page,
                    ..query.clone()
                };
                async move { lists::$module::list(&app.db, &principal.scope, &query).await }
            })
            .await?;
            staff_only(principal, &mut listed.rows);
            Ok(listed)
        }

        pub async fn $all_fn(
            app: &App,
            principal: &Principal,
            query: &$query,
        ) -> Result<Vec<$row>, AppError> {
            let mut rows = all(|page| {
                let query = ListQuery {
                    page,
                    ..query.clone()
                };
                async move { lists::$module::list(&app.db, &principal.scope, &query).await }
            })
            .await?;
            staff_only(principal, &mut rows);
            Ok(rows)
        }
    };
}

list_use_case!(
    contracts,
    all_contracts,
    contracts,
    ContractQuery,
    ContractRow
);
list_use_case!(claims, all_claims, claims, ClaimQuery, ClaimListRow);
list_use_case!(objects, all_objects, objects, ObjectQuery, ObjectListRow);
list_use_case!(finance, all_finance, finance, FinanceQuery, FinanceRow);
list_use_case!(
    customers,
    all_customers,
    customers,
    CustomerQuery,
    CustomerRow
);

/// The portal user whose "new" markers a document list shows; staff have
/// none.
fn reader(principal: &Principal) -> Option<kp_domain::PortalUserId> {
    match principal.actor {
        Actor::Portal { id, .. } => Some(id),
        Actor::Staff { .. } => None,
    }
}

/// The query limited to the documents whose record's area the profile
/// shows; whatever the caller set there is replaced.
fn shown_documents(principal: &Principal, query: &DocumentQuery) -> DocumentQuery {
    let mut query = query.clone();
    query.filters.shown_contexts = principal.permissions.shown_document_kinds();
    query
}

pub async fn documents(
    app: &App,
    principal: &Principal,
    query: &DocumentQuery,
    page: u32,
) -> Result<Listed<DocumentRow>, AppError> {
    let reader = reader(principal);
    let query = &shown_documents(principal, query);
    let mut listed = paged(page, |page| {
        let query = ListQuery {
            page,
            ..query.clone()
        };
        async move { lists::documents::list(&app.db, &principal.scope, reader, &query).await }
    })
    .await?;
    staff_only(principal, &mut listed.rows);
    Ok(listed)
}

pub async fn all_documents(
    app: &App,
    principal: &Principal,
    query: &DocumentQuery,
) -> Result<Vec<DocumentRow>, AppError> {
    let reader = reader(principal);
    let query = &shown_documents(principal, query);
    let mut rows = all(|page| {
        let query = ListQuery {
            page,
            ..query.clone()
        };
        async move { lists::documents::list(&app.db, &principal.scope, reader, &query).await }
    })
    .await?;
    staff_only(principal, &mut rows);
    Ok(rows)
}

/// What the filter forms offer: the insurers and customers of the visible
/// contracts (customers only when few enough for a select).
/// The filters' insurers and customers of the scope, reused for a short
/// time like the home page's counts: reading them walks every contract of
/// the scope, as much work as the list page itself.
pub async fn choices(app: &App, principal: &Principal) -> Result<Choices, AppError> {
    if let Some(choices) = app.choices.get(&principal.scope) {
        return Ok(choices);
    }
    let choices = lists::choices::of(&app.db, &principal.scope).await?;
    app.choices.put(&principal.scope, &choices);
    Ok(choices)
}
