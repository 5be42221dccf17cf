//! The staff search box (issue 7): `/search?q=` finds customers, contracts,
//! insured objects and claims of the staff member's tenants, grouped by
//! kind, each group capped with a link to its full list.
//!
//! Portal users get the 404 of an unknown page: they have no search box and
//! the page should not tell them that staff have one. A search always shows
//! the results, even a single one, rather than jumping to the record: a
//! clerk sees at once when a plate or number is ambiguous.

use axum::extract::Query;
use axum::response::{Html, IntoResponse};
use kp_app::search::{self, Found, Results, SearchText};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::pages::urlencode;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().get("/search", page)
}

/// One group of results: its rows and where the full list is.
#[derive(Serialize)]
struct Group<T> {
    rows: Vec<T>,
    total: i64,
    /// The list page searching the same text, when there are more rows.
    more: Option<String>,
}

fn group<T>(found: Found<T>, list: &str, text: &str) -> Group<T> {
    let more = (found.total > i64::try_from(found.rows.len()).unwrap_or(i64::MAX))
        .then(|| format!("{list}?q={}", urlencode(text)));
    Group {
        rows: found.rows,
        total: found.total,
        more,
    }
}

#[derive(Serialize)]
struct Groups {
    customers: Group<search::CustomerHit>,
    contracts: Group<search::ContractHit>,
    objects: Group<search::ObjectHit>,
    claims: Group<search::ClaimHit>,
    total: i64,
}

impl Groups {
    fn of(results: Results, text: &str) -> Groups {
        let total = results.customers.total
            + results.contracts.total
            + results.objects.total
            + results.claims.total;
        Groups {
            customers: group(results.customers, "/customers", text),
            contracts: group(results.contracts, "/contracts", text),
            objects: group(results.objects, "/objects", text),
            claims: group(results.claims, "/claims", text),
            total,
        }
    }
}

#[derive(Serialize)]
struct SearchView {
    /// The text as typed, for the header's search field.
    site_search: String,
    too_short: bool,
    min_chars: usize,
    results: Option<Groups>,
}

async fn page(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    if !principal.is_staff() {
        return Err(WebError::NotFound);
    }
    let raw = params
        .iter()
        .find(|(k, _)| k == "q")
        .map_or("", |(_, v)| v.as_str());
    let (site_search, too_short, results) = match SearchText::read(raw) {
        SearchText::Empty => (String::new(), true, None),
        SearchText::TooShort(text) => (text, true, None),
        SearchText::Text(text) => {
            let found = search::search(&ctx.state.app, principal, &text).await?;
            let groups = Groups::of(found, &text);
            (text, false, Some(groups))
        }
    };
    let view = SearchView {
        site_search,
        too_short,
        min_chars: search::MIN_CHARS,
        results,
    };
    Ok(Html(ctx.render("pages/search.html", "search-title", view)?).into_response())
}
