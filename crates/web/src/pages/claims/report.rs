//! `GET /claims.pdf`: the claims list as a PDF report (FEATURES B10), read
//! from the same query string as `/claims` (filters, search, order). The
//! report names the filters applied in the user's language.

use axum::extract::Query;
use axum::http::HeaderValue;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
};
use axum::response::IntoResponse;
use kp_app::claims_report::{self, AppliedFilter};
use kp_app::lists::{self, ClaimSort};
use kp_domain::{Language, MenuArea};

use super::list::{COLUMNS, read};
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::format;
use crate::i18n::text;
use crate::listing::ListState;
use crate::pages::contract_sheet::{PdfWords, attachment};
use crate::permissions::require_area;

pub(super) async fn download(
    ctx: PageCtx,
    Query(params): Query<Vec<(String, String)>>,
) -> WebResult {
    let principal = ctx.require_user()?;
    require_area(principal, MenuArea::Claims)?;
    let (state, query) = read(&ctx, params);
    let app = &ctx.state.app;
    let filters = applied(&ctx, &state).await?;
    let order = order(ctx.language, &state);
    let words = PdfWords(ctx.language);
    // Checks the report function and the broker's setting (403).
    let bytes = claims_report::render(app, principal, &query, &filters, &order, &words).await?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    headers.insert(
        CONTENT_DISPOSITION,
        attachment(&ctx.download_name("claims-report", "pdf"))?,
    );
    Ok(response)
}

/// The search and the valid filters, as label and value in the user's
/// language. Invalid filter values were left out of the query, so
/// they are left out here too.
async fn applied(
    ctx: &PageCtx,
    state: &ListState<ClaimSort>,
) -> Result<Vec<AppliedFilter>, crate::error::WebError> {
    let l = ctx.language;
    let mut out = Vec::new();
    if let Some(q) = &state.search {
        out.push((text(l, "claims-report-search"), q.clone()));
    }
    for (name, value) in state.applied() {
        let label = |key: &str| text(l, key);
        let entry = match *name {
            "status" => (
                label("col-status"),
                text(l, &format!("claim-status-{value}")),
            ),
            "line" => (label("col-line"), text(l, &format!("lob-{value}"))),
            "customer" => (label("col-customer"), customer_name(ctx, value).await?),
            "date_from" => (label("claims-report-date-from"), date(l, value)),
            "date_to" => (label("claims-report-date-to"), date(l, value)),
            "paid_from" => (label("claims-report-paid-from"), value.clone()),
            "paid_to" => (label("claims-report-paid-to"), value.clone()),
            other => (other.to_owned(), value.clone()),
        };
        out.push(entry);
    }
    Ok(out)
}

/// The sorted column and the direction, e.g. "Schadendatum (absteigend)".
fn order(l: Language, state: &ListState<ClaimSort>) -> String {
    let column = COLUMNS
        .iter()
        .find(|c| c.sort == Some(state.sort))
        .map_or("col-date-of-loss", |c| c.label);
    let direction = if state.descending {
        "claims-report-descending"
    } else {
        "claims-report-ascending"
    };
    format!("{} ({})", text(l, column), text(l, direction))
}

fn date(language: Language, value: &str) -> String {
    format::date(language, value)
}

/// The customer's name as the filter select offers it (the choices come
/// from the scope); the id when the select has none.
async fn customer_name(ctx: &PageCtx, id: &str) -> Result<String, crate::error::WebError> {
    let principal = ctx.require_user()?;
    let choices = lists::choices(&ctx.state.app, principal).await?;
    Ok(choices
        .customers
        .iter()
        .flatten()
        .find(|c| c.id.to_string() == id)
        .map_or_else(|| id.to_owned(), |c| c.name.clone()))
}
