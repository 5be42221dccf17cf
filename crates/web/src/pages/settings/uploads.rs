//! `/settings/uploads`: the document types portal users choose from when
//! uploading (a selection of the document type codes), whether choosing
//! one is mandatory, and the size limit per file in MiB (A7, B7, B8).

use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::uploads::settings::{self, MAX_LIMIT_MIB, MIN_LIMIT_MIB, UploadSettings};
use kp_domain::DocumentType;
use serde::{Deserialize, Serialize};

use super::require_admin;
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::form::FormErrors;
use crate::routes::Routes;

const PATH: &str = "/settings/uploads";

pub fn routes() -> Routes {
    Routes::new().get(PATH, show).post(PATH, save)
}

#[derive(Serialize)]
struct TypeChoice {
    code: &'static str,
    offered: bool,
}

#[derive(Serialize)]
struct View {
    types: Vec<TypeChoice>,
    type_mandatory: bool,
    /// As typed, so a refused value is shown again.
    limit_mib: String,
    min_mib: u32,
    max_mib: u32,
    scope_key: &'static str,
    saved: bool,
    errors: FormErrors,
}

fn view(
    principal: &kp_domain::Principal,
    value: &UploadSettings,
    limit: String,
) -> Result<View, AppError> {
    Ok(View {
        types: DocumentType::ALL
            .iter()
            .map(|t| TypeChoice {
                code: t.as_str(),
                offered: value.document_types.iter().any(|c| c == t.as_str()),
            })
            .collect(),
        type_mandatory: value.type_mandatory,
        limit_mib: limit,
        min_mib: MIN_LIMIT_MIB,
        max_mib: MAX_LIMIT_MIB,
        scope_key: super::scope_key(principal)?,
        saved: false,
        errors: FormErrors::default(),
    })
}

fn render(ctx: &PageCtx, status: StatusCode, view: View) -> WebResult {
    let html = ctx.render("pages/settings_uploads.html", "upload-settings-title", view)?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize)]
struct ShowQuery {
    saved: Option<String>,
}

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let value = settings::for_editing(&ctx.state.app, principal).await?;
    let mut view = view(principal, &value, value.limit_mib.to_string())?;
    view.saved = q.saved.is_some();
    render(&ctx, StatusCode::OK, view)
}

/// The form as pairs: one `type` pair per ticked document type.
async fn save(ctx: PageCtx, Form(pairs): Form<Vec<(String, String)>>) -> WebResult {
    let principal = require_admin(&ctx)?;
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
    };
    ctx.check_csrf(&field("_csrf").unwrap_or_default())?;
    let limit_text = field("limit_mib").unwrap_or_default();
    let value = UploadSettings {
        document_types: DocumentType::ALL
            .iter()
            .map(|t| t.as_str())
            .filter(|code| pairs.iter().any(|(k, v)| k == "type" && v == code))
            .map(str::to_owned)
            .collect(),
        type_mandatory: field("type_mandatory").is_some(),
        // Out of range (or not a number) is refused by the check.
        limit_mib: limit_text.parse().unwrap_or(0),
    };
    match settings::save(&ctx.state.app, principal, &value).await {
        Ok(()) => Ok(Redirect::to(&format!("{PATH}?saved=1")).into_response()),
        Err(AppError::Validation(errors)) => {
            let mut view = view(principal, &value, limit_text)?;
            view.errors = FormErrors::from(errors);
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(err) => Err(err.into()),
    }
}
