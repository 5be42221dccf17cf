//! The document inbox: every document the scope shows, newest first, with
//! a "new" marker per user until they open it; search (title, file name,
//! context), filters (context, document type, date, only new), sorting and
//! paging in the URL, and as CSV.

use axum::extract::Query;
use axum::response::{Html, IntoResponse};
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use kp_app::lists::{
    self, DocumentContextKind, DocumentFilters, DocumentQuery, DocumentRow, DocumentSort, Range,
};
use kp_domain::{DocumentType, Function, MenuArea};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::format;
use crate::i18n::{label, text};
use crate::listing::csv::{self, CsvColumn};
use crate::listing::{Column, ListSample, ListState, ListView, Params};
use crate::permissions::{require_area, require_function};

const BASE: &str = "/documents";

const COLUMNS: &[Column<DocumentSort>] = &[
    Column::sorted("col-document", DocumentSort::Title),
    Column::sorted("col-document-type", DocumentSort::Type),
    Column::sorted("col-context", DocumentSort::Context),
    Column::sorted("col-received", DocumentSort::Date),
    Column::back_office(),
    Column::tenant(),
];

const CSV: &[CsvColumn<DocumentRow>] = &[
    CsvColumn::new("col-document", |r, _| r.title.clone()),
    CsvColumn::new("col-file-name", |r, _| r.file_name.clone()),
    CsvColumn::new("col-document-type", |r, l| {
        label(l, "document-type", &r.document_type)
    }),
    CsvColumn::new("col-context-kind", |r, l| {
        text(l, &format!("document-context-{}", context_kind(r).key()))
    }),
    CsvColumn::new("col-context", |r, _| r.context.clone()),
    CsvColumn::new("col-received", |r, l| {
        format::date(l, &r.created_at.to_rfc3339())
    }),
    CsvColumn::new("col-size", |r, _| r.size_bytes.to_string()),
    CsvColumn::back_office(|r, _| r.external_id.clone()),
    CsvColumn::tenant(|r, _| r.tenant_name.clone()),
];

fn context_kind(r: &DocumentRow) -> DocumentContextKind {
    DocumentContextKind::of(r.contract_id, r.object_id, r.claim_id, r.finance_item_id)
}

/// Whole days: from the first day's start to the last day's end, in UTC.
fn days(range: Range<NaiveDate>) -> Range<chrono::DateTime<Utc>> {
    Range {
        from: range
            .from
            .map(|d| Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN))),
        to: range.to.and_then(|d| d.succ_opt()).map(|d| {
            Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN)) - chrono::Duration::microseconds(1)
        }),
    }
}

fn read(ctx: &PageCtx, params: Vec<(String, String)>) -> (ListState<DocumentSort>, DocumentQuery) {
    let mut state = ListState::read(Params::new(params), ctx.language);
    let filters = DocumentFilters {
        context: state.code("context", |v| DocumentContextKind::parse(v).ok_or(())),
        document_type: state.code("type", DocumentType::parse),
        created: days(state.date_range("date_from", "date_to")),
        unread_only: state.flag("new").unwrap_or(false),
        // Set by the use case from the profile.
        shown_contexts: Vec::new(),
    };
    let query = state.query(filters);
    (state, query)
}

#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    row: DocumentRow,
    context_kind: &'static str,
    /// The context's page, where one exists.
    context_href: Option<String>,
}

impl From<DocumentRow> for Row {
    fn from(row: DocumentRow) -> Row {
        let kind = context_kind(&row);
        let context_href = match kind {
            DocumentContextKind::Claim => row.claim_id.map(|id| format!("/claims/{id}")),
            DocumentContextKind::Object => row.object_id.map(|id| format!("/objects/{id}")),
            // Finance items have no page of their own: the list, found.
            DocumentContextKind::Finance => Some(format!(
                "/finances?q={}",
                crate::pages::urlencode(&row.context)
            )),
            DocumentContextKind::Contract => row.contract_id.map(|id| format!("/contracts/{id}")),
            DocumentContextKind::Customer => Some(format!("/customers/{}", row.customer_id)),
        };
        Row {
            context_kind: kind.key(),
            context_href,
            row,
        }
    }
}

/// The list's head and `listed`'s rows as `principal` sees them, for the
/// permission profile preview.
pub(crate) fn sample(
    language: kp_domain::Language,
    principal: &kp_domain::Principal,
    listed: &lists::Listed<DocumentRow>,
) -> ListSample {
    let rows: Vec<Row> = listed.rows.iter().cloned().map(Row::from).collect();
    ListSample::new(language, BASE, COLUMNS, principal, listed, &rows)
}

#[derive(Serialize)]
struct Page {
    list: ListView,
    rows: Vec<Row>,
    contexts: Vec<&'static str>,
    types: Vec<&'static str>,
    /// Staff have no "new" marker.
    marks_new: bool,
}

pub(super) async fn page(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    require_area(principal, MenuArea::Documents)?;
    let (state, query) = read(&ctx, params);
    let listed = lists::documents(&ctx.state.app, principal, &query, state.page).await?;
    let view = Page {
        list: state.view(BASE, COLUMNS, principal, &listed),
        rows: listed.rows.into_iter().map(Row::from).collect(),
        contexts: DocumentContextKind::ALL
            .into_iter()
            .filter(|k| principal.permissions.shows_document(*k))
            .map(DocumentContextKind::key)
            .collect(),
        types: DocumentType::ALL.iter().map(|t| t.as_str()).collect(),
        marks_new: !principal.is_staff(),
    };
    Ok(Html(ctx.render("pages/documents.html", "documents-title", view)?).into_response())
}

pub(super) async fn export(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = ctx.require_user()?;
    require_area(principal, MenuArea::Documents)?;
    require_function(principal, Function::ExportData)?;
    let (_, query) = read(&ctx, params);
    let rows = lists::all_documents(&ctx.state.app, principal, &query).await?;
    Ok(csv::download(&ctx, principal, "documents", &rows, CSV))
}
