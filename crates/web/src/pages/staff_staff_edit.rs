//! Inviting staff users and changing their role and tenants
//! (`kp_app::staff_invite`): the form `/staff/staff-users/new`, and on a
//! staff user's page the role-and-tenants form and "send the activation
//! link again". Staff administrators only: other staff 403 on the form,
//! portal users the 404 of an unknown page; a staff user outside the
//! administrator's tenants is 404.

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::staff_invite::{self, ChangeInput, InviteInput};
use kp_app::user_admin::Outcome;
use kp_domain::{Language, StaffRole};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::parse_id;
use crate::pages::staff_staff::{Problem, render_page, require_admin_hidden};
use crate::pages::staff_users::require_admin;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/staff/staff-users/new", new)
        .post("/staff/staff-users", create)
        .post("/staff/staff-users/{id}/role", change)
        .post("/staff/staff-users/{id}/resend", resend)
}

/// A checkbox or option of the forms.
#[derive(Serialize)]
pub(crate) struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// The role options with `selected` marked.
pub(crate) fn roles(selected: &str) -> Vec<Choice> {
    StaffRole::ALL
        .iter()
        .map(|r| Choice {
            value: r.as_str().to_owned(),
            label: format!("staff-role-{}", r.as_str()),
            checked: r.as_str() == selected,
        })
        .collect()
}

/// The tenants the administrator may hand out, those in `checked` ticked.
pub(crate) async fn tenants(ctx: &PageCtx, checked: &[String]) -> Result<Vec<Choice>, WebError> {
    let principal = require_admin(ctx)?;
    let grantable = staff_invite::grantable(&ctx.state.app, principal).await?;
    Ok(grantable
        .into_iter()
        .map(|(id, name)| {
            let value = id.0.to_string();
            Choice {
                checked: checked.contains(&value),
                value,
                label: name,
            }
        })
        .collect())
}

#[derive(Serialize)]
struct NewView {
    form: FormValues,
    roles: Vec<Choice>,
    tenants: Vec<Choice>,
    languages: Vec<&'static str>,
    errors: FormErrors,
}

#[derive(Serialize, Default)]
struct FormValues {
    name: String,
    email: String,
    language: String,
}

async fn render_new(ctx: &PageCtx, input: InviteInput, errors: FormErrors) -> WebResult {
    require_admin(ctx)?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = NewView {
        roles: roles(&input.role),
        tenants: tenants(ctx, &input.tenants).await?,
        languages: Language::ALL.iter().map(|l| l.code()).collect(),
        form: FormValues {
            name: input.name,
            email: input.email,
            language: input.language,
        },
        errors,
    };
    let html = ctx.render(
        "pages/staff_staff_user_new.html",
        "staff-invite-title",
        view,
    )?;
    Ok((status, Html(html)).into_response())
}

async fn new(ctx: PageCtx) -> WebResult {
    let input = InviteInput {
        language: ctx.language.code().to_owned(),
        role: StaffRole::Clerk.as_str().to_owned(),
        ..InviteInput::default()
    };
    render_new(&ctx, input, FormErrors::default()).await
}

fn value(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn values(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

async fn create(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&value(&pairs, "_csrf"))?;
    let input = InviteInput {
        name: value(&pairs, "name"),
        email: value(&pairs, "email"),
        language: value(&pairs, "language"),
        role: value(&pairs, "role"),
        tenants: values(&pairs, "tenants"),
    };
    match staff_invite::invite(&ctx.state.app, principal, &input, client).await {
        Ok(id) => {
            Ok(Redirect::to(&format!("/staff/staff-users/{}?done=invited", id.0)).into_response())
        }
        Err(AppError::Validation(errors)) => render_new(&ctx, input, errors.into()).await,
        Err(other) => Err(other.into()),
    }
}

fn outcome(id: i64, outcome: Outcome, done: &str) -> Result<Redirect, Problem> {
    match outcome {
        Outcome::Done => Ok(Redirect::to(&format!(
            "/staff/staff-users/{id}?done={done}"
        ))),
        Outcome::Stale => Err((StatusCode::CONFLICT, "users-stale")),
        Outcome::Refused(key) => Err((StatusCode::CONFLICT, key)),
    }
}

async fn change(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult {
    let principal = require_admin_hidden(&ctx)?;
    ctx.check_csrf(&value(&pairs, "_csrf"))?;
    let number = parse_id(&id).ok_or(WebError::NotFound)?;
    let input = ChangeInput {
        role: value(&pairs, "role"),
        tenants: values(&pairs, "tenants"),
        updated_at: value(&pairs, "updated_at"),
    };
    let done = staff_invite::change(&ctx.state.app, principal, number, &input, client).await;
    let problem = match done {
        Ok(o) => match outcome(number, o, "role") {
            Ok(redirect) => return Ok(redirect.into_response()),
            Err(problem) => problem,
        },
        Err(AppError::Validation(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            errors.first().map_or("form-required", |e| e.key),
        ),
        Err(other) => return Err(other.into()),
    };
    render_page(&ctx, &id, None, Some(problem)).await
}

async fn resend(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult {
    let principal = require_admin_hidden(&ctx)?;
    ctx.check_csrf(&value(&pairs, "_csrf"))?;
    let number = parse_id(&id).ok_or(WebError::NotFound)?;
    let seen = value(&pairs, "updated_at");
    let done = staff_invite::resend(&ctx.state.app, principal, number, &seen, client).await?;
    match outcome(number, done, "resent") {
        Ok(redirect) => Ok(redirect.into_response()),
        Err(problem) => render_page(&ctx, &id, None, Some(problem)).await,
    }
}
