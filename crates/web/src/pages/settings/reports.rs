//! `/settings/reports`: which PDF reports the broker offers (B10 "allowed
//! per setting"): the contract master sheet and the claims list, each on
//! by default. Switched off, their links disappear and their routes
//! answer 403 (after the record's scope check, so foreign ids stay 404).

use axum::Form;
use axum::extract::Query;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::report_settings::{self, ReportSettings};
use serde::{Deserialize, Serialize};

use super::require_admin;
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::routes::Routes;

const PATH: &str = "/settings/reports";

pub fn routes() -> Routes {
    Routes::new().get(PATH, show).post(PATH, save)
}

#[derive(Serialize)]
struct View {
    contract_sheet: bool,
    claims_list: bool,
    scope_key: &'static str,
    saved: bool,
}

#[derive(Deserialize)]
struct ShowQuery {
    saved: Option<String>,
}

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let value = report_settings::for_editing(&ctx.state.app, principal).await?;
    let view = View {
        contract_sheet: value.contract_sheet,
        claims_list: value.claims_list,
        scope_key: super::scope_key(principal)?,
        saved: q.saved.is_some(),
    };
    let html = ctx.render("pages/settings_reports.html", "report-settings-title", view)?;
    Ok(Html(html).into_response())
}

/// Checkboxes: a box left unticked is not sent at all.
#[derive(Deserialize)]
struct ReportsForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    contract_sheet: Option<String>,
    #[serde(default)]
    claims_list: Option<String>,
}

async fn save(ctx: PageCtx, Form(form): Form<ReportsForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let value = ReportSettings {
        contract_sheet: form.contract_sheet.is_some(),
        claims_list: form.claims_list.is_some(),
    };
    report_settings::save(&ctx.state.app, principal, value).await?;
    Ok(Redirect::to(&format!("{PATH}?saved=1")).into_response())
}
