//! The claims list of the user's scope as a PDF (FEATURES B10): the rows
//! the list page would show for the same query string (filters, search,
//! order), up to [`MAX_ROWS`], with the filters applied, the date and the
//! total, in the user's language, under the broker's and the
//! organization's logos. Columns the profile hides are not in the file.

use chrono::{DateTime, Utc};
use kp_documents::{PdfSpec, Section, Table, TableColumn};
use kp_domain::fields;
use kp_domain::{Function, MenuArea, Principal};
use kp_storage::lists::{self as storage_lists, Page};

use crate::contract_sheet::Words;
use crate::lists::{ClaimListRow, ClaimQuery, ListQuery};
use crate::{App, AppError, report_logos, report_settings};

/// Most rows one report carries; beyond it the report says it shows the
/// first rows only (a bigger table helps nobody on paper).
pub const MAX_ROWS: u32 = 5_000;

/// Whether the principal may download the claims list as PDF: the claims
/// area, the report function and the broker's setting.
pub async fn allowed(app: &App, principal: &Principal) -> Result<bool, AppError> {
    let permissions = &principal.permissions;
    if !permissions.shows_area(MenuArea::Claims) || !permissions.allows(Function::DownloadReports) {
        return Ok(false);
    }
    Ok(report_settings::effective(app, principal)
        .await?
        .claims_list)
}

/// A filter as the report names it: its label and the value chosen, both
/// already in the user's language.
pub type AppliedFilter = (String, String);

/// Renders the report; `Forbidden` when [`allowed`] says no. `order` names
/// the sorted column and direction.
pub async fn render(
    app: &App,
    principal: &Principal,
    query: &ClaimQuery,
    filters: &[AppliedFilter],
    order: &str,
    words: &dyn Words,
) -> Result<Vec<u8>, AppError> {
    if !allowed(app, principal).await? {
        return Err(AppError::Forbidden);
    }
    let query = ListQuery {
        page: Some(Page {
            number: 1,
            size: MAX_ROWS,
        }),
        ..query.clone()
    };
    let (rows, total) = storage_lists::claims::list(&app.db, &principal.scope, &query).await?;
    let offices = kp_storage::contacts::offices(&app.db, &principal.scope).await?;
    let logos = report_logos::of_principal(app, principal).await;
    let now = app.clock.now();
    let mut spec = Report {
        rows: &rows,
        total,
        filters,
        order,
        shows: &|field| principal.permissions.shows_field(field),
        words,
        now,
    }
    .spec();
    spec.header = header(&offices);
    spec.left_logo = logos.broker;
    spec.right_logo = logos.organization;
    // A few thousand rows take a noticeable moment to lay out; keep that
    // off the request threads.
    tokio::task::spawn_blocking(move || spec.render())
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// The office's name and address when the scope has one office, else the
/// names of its offices.
fn header(offices: &[kp_storage::contacts::BrokerOffice]) -> String {
    match offices {
        [one] => [
            one.legal_name.as_str(),
            one.street.as_str(),
            &format!("{} {}", one.postal_code, one.city),
            one.phone.as_str(),
            one.email.as_str(),
        ]
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · "),
        many => many
            .iter()
            .map(|o| o.legal_name.as_str())
            .collect::<Vec<_>>()
            .join(" · "),
    }
}

struct Report<'a> {
    rows: &'a [ClaimListRow],
    total: i64,
    filters: &'a [AppliedFilter],
    order: &'a str,
    shows: &'a dyn Fn(&str) -> bool,
    words: &'a dyn Words,
    now: DateTime<Utc>,
}

/// A column: heading key, the profile field hiding it, right-aligned,
/// and its cell.
type Column = (
    &'static str,
    Option<&'static str>,
    bool,
    fn(&ClaimListRow, &dyn Words) -> String,
);

const COLUMNS: &[Column] = &[
    ("col-claim-number", None, false, |r, w| {
        if r.broker_claim_number.is_empty() {
            w.text("claim-without-number")
        } else {
            r.broker_claim_number.clone()
        }
    }),
    ("col-date-of-loss", None, false, |r, w| {
        w.date(r.date_of_loss)
    }),
    ("col-policy-number", None, false, |r, _| {
        r.policy_number.clone()
    }),
    ("col-customer", None, false, |r, _| r.customer_name.clone()),
    ("col-object", None, false, |r, _| {
        r.object_description
            .clone()
            .unwrap_or_else(|| "–".to_owned())
    }),
    ("col-claim-type", None, false, |r, w| {
        w.label("claim-type", &r.claim_type)
    }),
    ("col-status", None, false, |r, w| {
        w.text(&format!("claim-status-{}", r.status))
    }),
    ("col-reserve", Some(fields::CLAIM_RESERVE), true, |r, w| {
        w.money(r.reserve_minor, &r.currency)
    }),
    ("col-paid", Some(fields::CLAIM_PAID), true, |r, w| {
        w.money(r.paid_minor, &r.currency)
    }),
];

impl Report<'_> {
    fn spec(&self) -> PdfSpec {
        let w = self.words;
        let total = self.total.to_string();
        let shown = self.rows.len().to_string();
        let mut subtitle = vec![w.text_with(
            "claims-report-created",
            &[("date", &w.date(self.now.date_naive()))],
        )];
        subtitle.push(w.text_with("claims-report-total", &[("count", &total)]));
        if i64::try_from(self.rows.len()).unwrap_or(i64::MAX) < self.total {
            subtitle.push(w.text_with(
                "claims-report-capped",
                &[("shown", &shown), ("total", &total)],
            ));
        }
        // Nine columns need the page on its side.
        let mut spec = PdfSpec::new(w.text("claims-report-title"))
            .landscape()
            .subtitle(subtitle.join("\n"))
            .lang(w.lang_tag())
            .creator(w.text("claims-report-creator"))
            .created(self.now)
            .page_label(w.text_with("sheet-page", &[("page", "{page}"), ("pages", "{pages}")]));
        if self.filters.is_empty() {
            spec = spec.row(
                w.text("claims-report-filters"),
                w.text("claims-report-no-filters"),
            );
        } else {
            let applied: Vec<String> = self
                .filters
                .iter()
                .map(|(label, value)| format!("{label}: {value}"))
                .collect();
            spec = spec.row(w.text("claims-report-filters"), applied.join("\n"));
        }
        spec = spec.row(w.text("claims-report-sort"), self.order);
        let shown: Vec<&Column> = COLUMNS
            .iter()
            .filter(|(_, field, _, _)| field.is_none_or(|f| (self.shows)(f)))
            .collect();
        let columns = shown
            .iter()
            .map(|(key, _, numeric, _)| {
                if *numeric {
                    TableColumn::numeric(w.text(key))
                } else {
                    TableColumn::text(w.text(key))
                }
            })
            .collect();
        let rows = self
            .rows
            .iter()
            .map(|r| shown.iter().map(|(_, _, _, cell)| cell(r, w)).collect())
            .collect();
        let section = Section::new(w.text("claims-report-rows"));
        let section = if self.rows.is_empty() {
            section.paragraph(w.text("claims-report-empty"))
        } else {
            section.table(Table { columns, rows })
        };
        spec.section(section)
    }
}
