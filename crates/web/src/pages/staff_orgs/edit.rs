//! The settings form: `/staff/organizations/new` (create) and
//! `/staff/organizations/{id}` (the organization's page, save). The edit
//! form carries the organization's `updated_at`; a form opened before
//! someone else's change is refused (409) and changes nothing. Bad input
//! shows the form again with what was entered (422).

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::organizations::{self, OrganizationInput};
use kp_app::user_admin::Outcome;
use kp_domain::OrganizationId;
use serde::Deserialize;

use super::view::{View, edit_view, new_view};
use super::{PATH, id_of};
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::staff_users::{require_admin, require_staff};

pub(super) fn render(ctx: &PageCtx, status: StatusCode, view: View) -> WebResult {
    let title = if view.id.is_some() {
        "org-edit-title"
    } else {
        "org-new-title"
    };
    let html = ctx.render("pages/staff_org.html", title, view)?;
    Ok((status, Html(html)).into_response())
}

fn one(fields: &[(String, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn input_of(fields: &[(String, String)]) -> OrganizationInput {
    OrganizationInput {
        name: one(fields, "name"),
        kind: one(fields, "kind"),
        currency: one(fields, "currency"),
        require_two_factor: fields.iter().any(|(k, _)| k == "require_two_factor"),
        default_profile: one(fields, "default_profile"),
    }
}

#[derive(Deserialize)]
pub(super) struct NewQuery {
    kind: Option<String>,
}

pub(super) async fn new(ctx: PageCtx, Query(q): Query<NewQuery>) -> WebResult {
    require_admin(&ctx)?;
    let input = OrganizationInput {
        kind: match q.kind.as_deref() {
            Some(kp_app::organizations::HOUSEHOLD) => kp_app::organizations::HOUSEHOLD,
            _ => kp_app::organizations::GROUP,
        }
        .to_owned(),
        currency: "EUR".to_owned(),
        ..OrganizationInput::default()
    };
    let view = new_view(&ctx, &input).await?;
    render(&ctx, StatusCode::OK, view)
}

pub(super) async fn create(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Form(fields): Form<Vec<(String, String)>>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&one(&fields, "_csrf"))?;
    let input = input_of(&fields);
    match organizations::create(&ctx.state.app, principal, &input, client).await {
        Ok(id) => Ok(Redirect::to(&format!("{PATH}/{}?done=created", id.0)).into_response()),
        Err(AppError::Validation(errors)) => {
            let mut view = new_view(&ctx, &input).await?;
            view.errors = FormErrors::from(errors);
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(other) => Err(other.into()),
    }
}

/// The messages `?done=` may name; anything else shows none.
const DONE: &[(&str, &str)] = &[
    ("created", "org-done-created"),
    ("saved", "org-done-saved"),
    ("added", "org-done-added"),
    ("removed", "org-done-removed"),
    ("logins", "org-done-logins"),
    ("contacts", "org-done-contacts"),
    ("logo", "org-done-logo"),
    ("logo-removed", "org-done-logo-removed"),
    ("already", "org-done-already"),
];

#[derive(Deserialize)]
pub(super) struct ShowQuery {
    done: Option<String>,
    #[serde(default)]
    q: String,
}

pub(super) async fn show(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> WebResult {
    require_staff(&ctx)?;
    let search: String = q.q.trim().chars().take(200).collect();
    let mut view = edit_view(&ctx, id_of(&id)?, None, &search).await?;
    view.notice = q
        .done
        .as_deref()
        .and_then(|d| DONE.iter().find(|(k, _)| *k == d))
        .map(|(_, v)| *v);
    render(&ctx, StatusCode::OK, view)
}

/// The page again with a refusal (409), the form as stored.
pub(super) async fn refused(ctx: &PageCtx, id: OrganizationId, key: &'static str) -> WebResult {
    let mut view = edit_view(ctx, id, None, "").await?;
    view.problem = Some(key);
    render(ctx, StatusCode::CONFLICT, view)
}

pub(super) async fn save(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&one(&fields, "_csrf"))?;
    let id = id_of(&id)?;
    let input = input_of(&fields);
    let seen = one(&fields, "updated_at");
    match organizations::save(&ctx.state.app, principal, id, &input, &seen, client).await {
        Ok(Outcome::Done) => {
            Ok(Redirect::to(&format!("{PATH}/{}?done=saved", id.0)).into_response())
        }
        Ok(Outcome::Stale) => refused(&ctx, id, "org-stale").await,
        Ok(Outcome::Refused(key)) => refused(&ctx, id, key).await,
        Err(AppError::Validation(errors)) => {
            let mut view = edit_view(&ctx, id, Some(&input), "").await?;
            // Keep the stamp the form was opened with: saving the
            // corrected form must still notice someone else's change.
            view.stamp = seen;
            view.errors = FormErrors::from(errors);
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(other) => Err(other.into()),
    }
}
