//! The profile form: `/staff/profiles/new` (create) and
//! `/staff/profiles/{id}` (edit, copy, delete). The edit form carries the
//! profile's `updated_at`; a form opened before someone else's change is
//! refused (409) and changes nothing. Bad input shows the form again with
//! what was entered (422).

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::profiles::{self, Profile, ProfileInput};
use kp_app::staff_view::stamp;
use kp_app::user_admin::Outcome;
use kp_domain::{OrganizationId, PermissionProfileId};
use serde::{Deserialize, Serialize};

use super::PATH;
use super::form::{FormView, input_of, one};
use super::list::{OrganizationChoice, organization_choices};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::parse_id;
use crate::pages::staff_users::require_admin;

#[derive(Serialize)]
struct View {
    /// `None` on the create form.
    id: Option<i64>,
    /// The profile's organization; `None`: broker-wide.
    organization: Option<String>,
    /// The create form's choice of organization.
    organizations: Vec<OrganizationChoice>,
    form: FormView,
    stamp: String,
    users: i64,
    errors: FormErrors,
    notice: Option<&'static str>,
    problem: Option<&'static str>,
}

fn id_of(text: &str) -> Result<PermissionProfileId, WebError> {
    parse_id(text)
        .map(PermissionProfileId)
        .ok_or(WebError::NotFound)
}

fn stored(p: &Profile) -> ProfileInput {
    ProfileInput {
        name: p.name.clone(),
        areas: p.areas.iter().map(|a| a.as_str().to_owned()).collect(),
        functions: p.functions.iter().map(|f| f.as_str().to_owned()).collect(),
        hidden_fields: p.hidden_fields.clone(),
    }
}

fn render(ctx: &PageCtx, status: StatusCode, view: View) -> WebResult {
    let title = if view.id.is_some() {
        "profiles-edit-title"
    } else {
        "profiles-new-title"
    };
    let html = ctx.render("pages/staff_profile.html", title, view)?;
    Ok((status, Html(html)).into_response())
}

/// The edit page of the stored profile, or of `input` as typed.
async fn edit_view(
    ctx: &PageCtx,
    id: PermissionProfileId,
    input: Option<&ProfileInput>,
) -> Result<View, WebError> {
    let principal = require_admin(ctx)?;
    let profile = profiles::get(&ctx.state.app, principal, id).await?;
    let saved = stored(&profile);
    Ok(View {
        id: Some(id.0),
        organization: profile.organization.map(|(_, name)| name),
        organizations: Vec::new(),
        form: FormView::of(input.unwrap_or(&saved)),
        stamp: stamp(profile.updated_at),
        users: profile.users,
        errors: FormErrors::default(),
        notice: None,
        problem: None,
    })
}

async fn new_view(
    ctx: &PageCtx,
    organization: Option<i64>,
    input: &ProfileInput,
) -> Result<View, WebError> {
    Ok(View {
        id: None,
        organization: None,
        organizations: organization_choices(ctx, organization).await?,
        form: FormView::of(input),
        stamp: String::new(),
        users: 0,
        errors: FormErrors::default(),
        notice: None,
        problem: None,
    })
}

#[derive(Deserialize)]
pub(super) struct NewQuery {
    organization: Option<String>,
}

pub(super) async fn new(ctx: PageCtx, Query(q): Query<NewQuery>) -> WebResult {
    require_admin(&ctx)?;
    let organization = q.organization.as_deref().and_then(parse_id);
    // A new profile starts with the whole portal; the administrator takes
    // away what the users should not have.
    let input = ProfileInput {
        name: String::new(),
        areas: kp_domain::MenuArea::ALL
            .iter()
            .map(|a| a.as_str().to_owned())
            .collect(),
        functions: kp_domain::Function::ALL
            .iter()
            .map(|f| f.as_str().to_owned())
            .collect(),
        hidden_fields: Vec::new(),
    };
    let view = new_view(&ctx, organization, &input).await?;
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
    let organization = parse_id(&one(&fields, "organization"));
    let app = &ctx.state.app;
    match profiles::create(
        app,
        principal,
        organization.map(OrganizationId),
        &input,
        client,
    )
    .await
    {
        Ok(id) => Ok(Redirect::to(&format!("{PATH}/{}?done=created", id.0)).into_response()),
        Err(AppError::Validation(errors)) => {
            let mut view = new_view(&ctx, organization, &input).await?;
            view.errors = FormErrors::from(errors);
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(other) => Err(other.into()),
    }
}

/// The messages `?done=` may name; anything else shows none.
const DONE: &[(&str, &str)] = &[
    ("created", "profiles-done-created"),
    ("saved", "profiles-done-saved"),
    ("copied", "profiles-done-copied"),
];

#[derive(Deserialize)]
pub(super) struct ShowQuery {
    done: Option<String>,
}

pub(super) async fn show(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> WebResult {
    require_admin(&ctx)?;
    let mut view = edit_view(&ctx, id_of(&id)?, None).await?;
    view.notice = q
        .done
        .as_deref()
        .and_then(|d| DONE.iter().find(|(k, _)| *k == d))
        .map(|(_, v)| *v);
    render(&ctx, StatusCode::OK, view)
}

/// The edit page again with a refusal (409), the form as stored.
async fn refused(ctx: &PageCtx, id: PermissionProfileId, key: &'static str) -> WebResult {
    let mut view = edit_view(ctx, id, None).await?;
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
    match profiles::save(&ctx.state.app, principal, id, &input, &seen, client).await {
        Ok(Outcome::Done) => {
            Ok(Redirect::to(&format!("{PATH}/{}?done=saved", id.0)).into_response())
        }
        Ok(Outcome::Stale) => refused(&ctx, id, "profiles-stale").await,
        Ok(Outcome::Refused(key)) => refused(&ctx, id, key).await,
        Err(AppError::Validation(errors)) => {
            let mut view = edit_view(&ctx, id, Some(&input)).await?;
            // Keep the stamp the form was opened with: saving the
            // corrected form must still notice someone else's change.
            view.stamp = seen;
            view.errors = FormErrors::from(errors);
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub(super) struct ActionForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    updated_at: String,
}

pub(super) async fn copy(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let id = id_of(&id)?;
    let app = &ctx.state.app;
    let original = profiles::get(app, principal, id).await?;
    let name = crate::i18n::text_with(
        ctx.language,
        "profiles-copy-name",
        &[("name", original.name.clone().into())],
    );
    let copy = profiles::copy(app, principal, id, &name, client).await?;
    Ok(Redirect::to(&format!("{PATH}/{}?done=copied", copy.0)).into_response())
}

pub(super) async fn delete(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let id = id_of(&id)?;
    match profiles::delete(&ctx.state.app, principal, id, &form.updated_at, client).await? {
        Outcome::Done => Ok(Redirect::to(&format!("{PATH}?done=deleted")).into_response()),
        Outcome::Stale => refused(&ctx, id, "profiles-stale").await,
        Outcome::Refused(key) => refused(&ctx, id, key).await,
    }
}
