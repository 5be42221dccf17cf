//! Document upload by portal users (A7, B7, B8): `GET /<records>/{id}/upload`
//! shows the form for a customer, contract, object, claim or finance item;
//! `POST /<records>/{id}/documents` receives it (see [`receive`]). The
//! record is looked up through the scope before anything else (404), then
//! the profile's `upload_document` function (403).

pub(crate) mod receive;

use axum::body::Body;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse};
use kp_app::FieldError;
use kp_app::uploads::{self, Checked, TargetKind};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::parse_id;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/customers/{id}/upload",
            |c: PageCtx, p: Path<String>, q: Query<FormQuery>| form(c, TargetKind::Customer, p, q),
        )
        .get(
            "/contracts/{id}/upload",
            |c: PageCtx, p: Path<String>, q: Query<FormQuery>| form(c, TargetKind::Contract, p, q),
        )
        .get(
            "/objects/{id}/upload",
            |c: PageCtx, p: Path<String>, q: Query<FormQuery>| form(c, TargetKind::Object, p, q),
        )
        .get(
            "/claims/{id}/upload",
            |c: PageCtx, p: Path<String>, q: Query<FormQuery>| form(c, TargetKind::Claim, p, q),
        )
        .get(
            "/finances/{id}/upload",
            |c: PageCtx, p: Path<String>, q: Query<FormQuery>| {
                form(c, TargetKind::FinanceItem, p, q)
            },
        )
}

/// The receiving routes, outside the request body limit (see
/// [`crate::pages::upload_routes`]): each file is held to the broker's
/// limit while it streams in.
pub fn upload_routes() -> Routes {
    use receive::receive;
    [
        ("/customers/{id}/documents", TargetKind::Customer),
        ("/contracts/{id}/documents", TargetKind::Contract),
        ("/objects/{id}/documents", TargetKind::Object),
        ("/claims/{id}/documents", TargetKind::Claim),
        ("/finances/{id}/documents", TargetKind::FinanceItem),
    ]
    .into_iter()
    .fold(Routes::new(), |routes, (path, kind)| {
        routes.post(
            path,
            move |c: PageCtx, p: Path<String>, a: ClientAddr, h: HeaderMap, b: Body| {
                receive(c, kind, p, a, h, b)
            },
        )
    })
}

/// Where a record's page is, for the link back.
fn record_path(kind: TargetKind, id: i64) -> String {
    match kind {
        TargetKind::Customer => format!("/customers/{id}"),
        TargetKind::Contract => format!("/contracts/{id}"),
        TargetKind::Object => format!("/objects/{id}"),
        TargetKind::Claim => format!("/claims/{id}"),
        // Finance items have no page of their own.
        TargetKind::FinanceItem => "/finances".to_owned(),
    }
}

fn action_path(kind: TargetKind, id: i64) -> String {
    let base = match kind {
        TargetKind::Customer => "customers",
        TargetKind::Contract => "contracts",
        TargetKind::Object => "objects",
        TargetKind::Claim => "claims",
        TargetKind::FinanceItem => "finances",
    };
    format!("/{base}/{id}/documents")
}

#[derive(Serialize)]
struct View {
    action: String,
    back: String,
    types: Vec<&'static str>,
    type_mandatory: bool,
    limit_mib: u32,
    max_files: usize,
    chosen_type: String,
    errors: FormErrors,
    /// Files recorded by the upload just sent (the confirmation).
    received: Option<usize>,
}

fn view(kind: TargetKind, id: i64, checked: &Checked) -> View {
    View {
        action: action_path(kind, id),
        back: record_path(kind, id),
        types: checked
            .settings
            .offered()
            .iter()
            .map(|t| t.as_str())
            .collect(),
        type_mandatory: checked.settings.type_mandatory,
        limit_mib: checked.settings.limit_mib,
        max_files: uploads::MAX_FILES,
        chosen_type: String::new(),
        errors: FormErrors::default(),
        received: None,
    }
}

fn render(ctx: &PageCtx, status: StatusCode, view: View) -> WebResult {
    let html = ctx.render("pages/upload.html", "upload-title", view)?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize)]
struct FormQuery {
    received: Option<usize>,
}

async fn form(
    ctx: PageCtx,
    kind: TargetKind,
    Path(id): Path<String>,
    Query(q): Query<FormQuery>,
) -> WebResult {
    let principal = ctx.require_user()?;
    let id = parse_id(&id).ok_or(WebError::NotFound)?;
    let checked = uploads::check_target(&ctx.state.app, principal, kind, id).await?;
    let mut view = view(kind, id, &checked);
    view.received = q.received.filter(|n| *n > 0);
    render(&ctx, StatusCode::OK, view)
}

/// The form again with its messages; the chosen type is kept.
fn refused(
    ctx: &PageCtx,
    status: StatusCode,
    kind: TargetKind,
    id: i64,
    checked: &Checked,
    chosen_type: String,
    errors: Vec<FieldError>,
) -> WebResult {
    let mut view = view(kind, id, checked);
    view.chosen_type = chosen_type;
    view.errors = FormErrors::from(errors);
    render(ctx, status, view)
}
