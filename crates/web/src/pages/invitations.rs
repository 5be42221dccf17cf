//! `/invitations`: staff invite portal users (for a customer by customer
//! number, or for an organization) and see the invited users with the
//! state of their link; "send again" voids the earlier link. Portal users
//! get the 404 of an unknown page.

use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::invitations::{self, InviteInput};
use kp_domain::{Language, PortalUserId, Principal};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::format;
use crate::middleware::client_addr::ClientAddr;
use crate::routes::Routes;

const PATH: &str = "/invitations";

pub fn routes() -> Routes {
    Routes::new()
        .get(PATH, show)
        .post(PATH, invite)
        .post("/invitations/resend", resend)
}

fn require_staff(ctx: &PageCtx) -> Result<&Principal, WebError> {
    let principal = ctx.require_user()?;
    if !principal.is_staff() || principal.impersonated_by.is_some() {
        return Err(WebError::NotFound);
    }
    Ok(principal)
}

#[derive(Serialize)]
struct UserView {
    id: i64,
    name: String,
    email: String,
    owner: String,
    /// `invited`, `expired` (link no longer works), `active`, `inactive`.
    state: &'static str,
    invited_at: String,
    can_resend: bool,
}

#[derive(Serialize)]
struct Choice {
    id: i64,
    name: String,
}

#[derive(Serialize, Default)]
struct FormView {
    target: String,
    customer_number: String,
    organization: String,
    email: String,
    name: String,
    language: String,
}

#[derive(Serialize)]
struct View {
    users: Vec<UserView>,
    organizations: Vec<Choice>,
    languages: Vec<&'static str>,
    form: FormView,
    errors: FormErrors,
    notice: Option<&'static str>,
}

#[derive(Deserialize)]
struct ShowQuery {
    done: Option<String>,
}

async fn page(
    ctx: &PageCtx,
    principal: &Principal,
    form: FormView,
    errors: FormErrors,
    notice: Option<&'static str>,
) -> Result<String, WebError> {
    let app = &ctx.state.app;
    let overview = invitations::overview(app, principal).await?;
    let now = app.clock.now();
    let users = overview
        .users
        .into_iter()
        .map(|u| {
            let open = u.link_used_at.is_none() && u.link_expires_at.is_some_and(|e| e > now);
            let state = match u.status.as_str() {
                "invited" if open => "invited",
                "invited" => "expired",
                "active" => "active",
                _ => "inactive",
            };
            UserView {
                id: u.id,
                name: u.name,
                email: u.email,
                owner: u.owner,
                can_resend: u.status == "invited",
                state,
                invited_at: u
                    .invited_at
                    .map(|at| format::date(ctx.language, &at.date_naive().to_string()))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let view = View {
        users,
        organizations: overview
            .organizations
            .into_iter()
            .map(|(id, name)| Choice { id: id.0, name })
            .collect(),
        languages: Language::ALL.iter().map(|l| l.code()).collect(),
        form,
        errors,
        notice,
    };
    ctx.render("pages/invitations.html", "invitations-title", view)
}

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    let principal = require_staff(&ctx)?;
    let notice = match q.done.as_deref() {
        Some("invited") => Some("invitations-sent"),
        Some("resent") => Some("invitations-resent"),
        _ => None,
    };
    let form = FormView {
        target: "customer".to_owned(),
        language: ctx.language.code().to_owned(),
        ..FormView::default()
    };
    let html = page(&ctx, principal, form, FormErrors::default(), notice).await?;
    Ok(Html(html).into_response())
}

#[derive(Deserialize)]
struct InviteForm {
    #[serde(default)]
    target: String,
    #[serde(default)]
    customer_number: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    language: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn invite(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Form(form): Form<InviteForm>,
) -> WebResult {
    let principal = require_staff(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let input = InviteInput {
        target: form.target,
        customer_number: form.customer_number,
        organization: form.organization,
        email: form.email,
        name: form.name,
        language: form.language,
    };
    match invitations::invite(&ctx.state.app, principal, &input, client).await {
        Ok(_) => Ok(Redirect::to("/invitations?done=invited").into_response()),
        Err(AppError::Validation(errors)) => {
            let form = FormView {
                target: input.target,
                customer_number: input.customer_number,
                organization: input.organization,
                email: input.email,
                name: input.name,
                language: input.language,
            };
            let html = page(&ctx, principal, form, FormErrors::from(errors), None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct ResendForm {
    #[serde(default)]
    user: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn resend(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Form(form): Form<ResendForm>,
) -> WebResult {
    let principal = require_staff(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let id = crate::pages::parse_id(&form.user).ok_or(WebError::NotFound)?;
    invitations::resend(&ctx.state.app, principal, PortalUserId(id), client).await?;
    Ok(Redirect::to("/invitations?done=resent").into_response())
}
