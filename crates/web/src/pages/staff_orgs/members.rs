//! The actions on an organization's page: add and remove customers (one of
//! another organization only after "move here" is confirmed), the
//! customers a household's login sees, the contacts at the broker, and the
//! logo (a multipart upload, checked by its bytes in kp-app). Each is a
//! staff administrator's form with the CSRF token; each redirects back to
//! the page with what was done, or shows it again with the refusal.

use axum::Form;
use axum::body::Bytes;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::organization_members::{self as members, Added};
use kp_app::user_scope::Changed;
use kp_domain::{CustomerId, StaffUserId};
use serde::Deserialize;

use super::edit::{refused, render};
use super::view::{MoveConfirm, edit_view};
use super::{PATH, id_of};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::multipart;
use crate::pages::parse_id;
use crate::pages::staff_users::require_admin;

fn done(id: i64, what: &str) -> WebResult {
    Ok(Redirect::to(&format!("{PATH}/{id}?done={what}")).into_response())
}

#[derive(Deserialize)]
pub(super) struct CustomerForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    customer: String,
    #[serde(default)]
    confirm_move: Option<String>,
    #[serde(default)]
    q: String,
}

pub(super) async fn add(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<CustomerForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let id = id_of(&id)?;
    let customer = parse_id(&form.customer)
        .map(CustomerId)
        .ok_or(WebError::NotFound)?;
    let confirm = form.confirm_move.is_some();
    let app = &ctx.state.app;
    match members::add(app, principal, id, customer, confirm, client).await? {
        Added::Done => done(id.0, "added"),
        Added::AlreadyHere => done(id.0, "already"),
        Added::InOther(other) => {
            let q: String = form.q.trim().chars().take(200).collect();
            let mut view = edit_view(&ctx, id, None, &q).await?;
            let name = view
                .results
                .iter()
                .flatten()
                .find(|f| f.row.id == customer.0)
                .map(|f| f.row.name.clone())
                .unwrap_or_default();
            view.problem = Some("org-refused-other");
            view.confirm = Some(MoveConfirm {
                customer: customer.0,
                name,
                other,
            });
            render(&ctx, StatusCode::CONFLICT, view)
        }
    }
}

pub(super) async fn remove(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<CustomerForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let id = id_of(&id)?;
    let customer = parse_id(&form.customer)
        .map(CustomerId)
        .ok_or(WebError::NotFound)?;
    members::remove(&ctx.state.app, principal, id, customer, client).await?;
    done(id.0, "removed")
}

pub(super) async fn logins(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    let one = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    ctx.check_csrf(&one("_csrf"))?;
    let id = id_of(&id)?;
    let user = parse_id(&one("user")).ok_or(WebError::NotFound)?;
    let customers = fields
        .iter()
        .filter(|(k, _)| k == "customer")
        .filter_map(|(_, v)| parse_id(v))
        .collect();
    let seen = one("updated_at");
    let app = &ctx.state.app;
    match members::set_login_customers(app, principal, id, user, customers, &seen, client).await? {
        Changed::Done(_) => done(id.0, "logins"),
        Changed::Stale => refused(&ctx, id, "org-login-stale").await,
        Changed::Refused(key) => refused(&ctx, id, key).await,
    }
}

#[derive(Deserialize)]
pub(super) struct ContactForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    staff: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    remove: Option<String>,
}

pub(super) async fn contacts(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ContactForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let id = id_of(&id)?;
    let app = &ctx.state.app;
    let Some(staff) = parse_id(&form.staff).map(StaffUserId) else {
        let mut view = edit_view(&ctx, id, None, "").await?;
        view.errors = FormErrors::from(vec![kp_app::FieldError {
            field: "staff",
            key: "org-error-contact",
        }]);
        return render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view);
    };
    if form.remove.is_some() {
        members::remove_contact(app, principal, id, staff, client).await?;
        return done(id.0, "contacts");
    }
    match members::put_contact(app, principal, id, staff, &form.role, client).await {
        Ok(()) => done(id.0, "contacts"),
        Err(AppError::Validation(errors)) => {
            let mut view = edit_view(&ctx, id, None, "").await?;
            view.errors = FormErrors::from(errors);
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(other) => Err(other.into()),
    }
}

pub(super) async fn logo(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    let id = id_of(&id)?;
    let Some(parts) = multipart::parse(&headers, &body) else {
        return Err(WebError::Csrf);
    };
    ctx.check_csrf(&multipart::text(&parts, "_csrf"))?;
    let bytes = parts
        .iter()
        .find(|p| p.name == "logo" && p.file_name.is_some())
        .map_or(&[][..], |p| p.data.as_slice());
    match members::set_logo(&ctx.state.app, principal, id, Some(bytes), client).await {
        Ok(_) => done(id.0, "logo"),
        Err(AppError::Validation(errors)) => {
            let mut view = edit_view(&ctx, id, None, "").await?;
            view.errors = FormErrors::from(errors);
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub(super) struct CsrfForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

pub(super) async fn remove_logo(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let id = id_of(&id)?;
    members::set_logo(&ctx.state.app, principal, id, None, client).await?;
    done(id.0, "logo-removed")
}
