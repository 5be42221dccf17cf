//! `/settings/imports` and `/settings/imports/{id}`: the data imports (GDV
//! files from the command line or the API) with their reports. Staff only:
//! administrators see every tenant's imports, other staff their tenants';
//! an import of another tenant is the 404 of one that does not exist.
//! Portal users get the 404 of an unknown page.

use axum::extract::Path;
use axum::response::{Html, IntoResponse};
use kp_app::gdv_import::{ImportReport, Tally};
use kp_app::imports::{self, ImportRow};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/settings/imports", list)
        .get("/settings/imports/{id}", detail)
}

/// The signed-in staff member (any role; the tenants narrow the list).
fn require_staff(ctx: &PageCtx) -> Result<&kp_domain::Principal, WebError> {
    let principal = ctx.require_user()?;
    if !principal.is_staff() {
        return Err(WebError::NotFound);
    }
    Ok(principal)
}

#[derive(Serialize)]
struct RowView {
    #[serde(flatten)]
    row: ImportRow,
    started_date: String,
    started_time: String,
}

fn row_view(row: ImportRow) -> RowView {
    RowView {
        started_date: row.started_at.format("%Y-%m-%d").to_string(),
        started_time: row.started_at.format("%H:%M").to_string(),
        row,
    }
}

#[derive(Serialize)]
struct ListView {
    imports: Vec<RowView>,
}

async fn list(ctx: PageCtx) -> WebResult {
    let principal = require_staff(&ctx)?;
    let rows = imports::list(&ctx.state.app, principal).await?;
    let view = ListView {
        imports: rows.into_iter().map(row_view).collect(),
    };
    let html = ctx.render("pages/settings_imports.html", "imports-title", view)?;
    Ok(Html(html).into_response())
}

#[derive(Serialize)]
struct TallyView {
    kind: &'static str,
    tally: Tally,
}

#[derive(Serialize)]
struct DetailView {
    import: RowView,
    finished_time: String,
    report: Option<ImportReport>,
    written: Vec<TallyView>,
}

async fn detail(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = require_staff(&ctx)?;
    // Not a number is the same as a number that names nothing.
    let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
    let found = imports::detail(&ctx.state.app, principal, id).await?;
    let written = found
        .report
        .as_ref()
        .map(|r| {
            let w = &r.written;
            vec![
                TallyView {
                    kind: "insurers",
                    tally: w.insurers,
                },
                TallyView {
                    kind: "customers",
                    tally: w.customers,
                },
                TallyView {
                    kind: "contracts",
                    tally: w.contracts,
                },
                TallyView {
                    kind: "objects",
                    tally: w.objects,
                },
                TallyView {
                    kind: "claims",
                    tally: w.claims,
                },
                TallyView {
                    kind: "finance_items",
                    tally: w.finance_items,
                },
                TallyView {
                    kind: "raw_records",
                    tally: w.raw_records,
                },
            ]
        })
        .unwrap_or_default();
    let view = DetailView {
        finished_time: found
            .row
            .finished_at
            .map(|t| t.format("%H:%M:%S").to_string())
            .unwrap_or_default(),
        import: row_view(found.row),
        report: found.report,
        written,
    };
    let html = ctx.render("pages/settings_import.html", "imports-detail-title", view)?;
    Ok(Html(html).into_response())
}
