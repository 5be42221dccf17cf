//! `GET /staff/audit.csv`: the entries of the page's filters as CSV,
//! streamed chunk by chunk (`kp_app::audit_log::chunk`), so a long log
//! takes no more memory than one chunk. Same cells as every download
//! (BOM, the language's separator, formula starts neutralised).

use axum::body::{Body, Bytes};
use axum::extract::Query;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use kp_app::audit_log::{AuditFilters, AuditRow};
use kp_app::{App, audit_log, staff_view};
use kp_domain::Language;

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::i18n;
use crate::listing::csv::{line, separator};
use crate::pages::staff_users::require_admin;

const HEADERS: &[&str] = &[
    "audit-col-time",
    "audit-col-action",
    "audit-col-actor-staff",
    "audit-col-actor-portal",
    "audit-col-impersonated",
    "audit-col-record-kind",
    "audit-col-record-id",
    "audit-col-record-name",
    "audit-col-address",
    "audit-col-request",
    "audit-col-details",
];

fn cells(r: &AuditRow) -> [String; 11] {
    [
        r.created_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        r.action.clone(),
        r.actor_staff.clone().unwrap_or_default(),
        r.actor_portal.clone().unwrap_or_default(),
        r.impersonated.clone().unwrap_or_default(),
        r.target_kind.clone(),
        r.target_id.map(|id| id.to_string()).unwrap_or_default(),
        r.target_name.clone().unwrap_or_default(),
        r.ip.clone(),
        r.request_id.clone(),
        r.details.clone(),
    ]
}

/// Where the export stands: the header is out, and the last entry sent.
struct Cursor {
    app: App,
    view: staff_view::StaffView,
    filters: AuditFilters,
    sep: char,
    before: Option<i64>,
    done: bool,
}

async fn next(mut c: Cursor) -> Option<(Result<Bytes, std::io::Error>, Cursor)> {
    if c.done {
        return None;
    }
    match audit_log::chunk(&c.app, &c.view, &c.filters, c.before).await {
        Ok(rows) => {
            c.done = (rows.len() as i64) < audit_log::EXPORT_CHUNK;
            c.before = rows.last().map(|r| r.id).or(c.before);
            let mut out = String::new();
            for r in &rows {
                let cells = cells(r);
                out.push_str(&line(cells.iter().map(String::as_str), c.sep));
            }
            Some((Ok(Bytes::from(out)), c))
        }
        Err(err) => {
            // The client sees a short file; the log says why.
            tracing::error!(%err, "audit export failed mid-response");
            c.done = true;
            Some((Err(std::io::Error::other(err.to_string())), c))
        }
    }
}

pub(super) async fn csv(ctx: PageCtx, Query(params): Query<Vec<(String, String)>>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let view = staff_view::admin(principal)?;
    let (_, filters) = super::read(&ctx, params);
    let lang: Language = ctx.language;
    let sep = separator(lang);
    let header: Vec<String> = HEADERS.iter().map(|k| i18n::text(lang, k)).collect();
    let first = format!("\u{feff}{}", line(header.iter().map(String::as_str), sep));
    let cursor = Cursor {
        app: ctx.state.app.clone(),
        view,
        filters,
        sep,
        before: None,
        done: false,
    };
    let head =
        futures_util::stream::once(async move { Ok::<_, std::io::Error>(Bytes::from(first)) });
    let rows = futures_util::stream::unfold(cursor, next);
    let body = Body::from_stream(futures_util::StreamExt::chain(head, rows));
    let name = ctx.download_name("audit", "csv");
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response())
}
