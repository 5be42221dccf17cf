//! `/registrations`: the staff's work items of self-registration (open
//! requests with approve and reject, the notes of automatic attempts and
//! the latest decisions). Administrators see every tenant's, other staff
//! their tenants'; portal users and other tenants' requests get the 404
//! of an unknown page.

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::registrations;
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::pages::parse_id;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/registrations", index)
        .get("/registrations/{id}", detail)
        .post("/registrations/{id}/approve", approve)
        .post("/registrations/{id}/reject", reject)
}

#[derive(Serialize)]
struct Row {
    id: i64,
    mode: String,
    status: String,
    name: String,
    email: String,
    customer_number: String,
    company: String,
    customer_name: Option<String>,
    created_at: String,
}

fn row(r: &registrations::Registration) -> Row {
    Row {
        id: r.id,
        mode: r.mode.clone(),
        status: r.status.clone(),
        name: r.name.clone(),
        email: r.email.clone(),
        customer_number: r.customer_number.clone(),
        company: r.company.clone(),
        customer_name: r.customer_name.clone(),
        created_at: r.created_at.format("%Y-%m-%d %H:%M").to_string(),
    }
}

#[derive(Serialize)]
struct IndexView {
    open: Vec<Row>,
    notes: Vec<Row>,
    decided: Vec<Row>,
}

async fn index(ctx: PageCtx) -> WebResult {
    let principal = ctx.require_user()?;
    let o = registrations::overview(&ctx.state.app, principal).await?;
    let view = IndexView {
        open: o.open.iter().map(row).collect(),
        notes: o.notes.iter().map(row).collect(),
        decided: o.decided.iter().map(row).collect(),
    };
    Ok(Html(ctx.render("pages/registrations.html", "registrations-title", view)?).into_response())
}

#[derive(Deserialize)]
struct DetailQuery {
    q: Option<String>,
}

#[derive(Serialize)]
struct Choice {
    id: i64,
    number: String,
    name: String,
    place: String,
}

#[derive(Serialize)]
struct DetailView {
    r: Row,
    message: String,
    reason: String,
    open: bool,
    q: String,
    searched: bool,
    choices: Vec<Choice>,
    errors: FormErrors,
}

async fn detail_page(
    ctx: &PageCtx,
    id: &str,
    q: String,
    reason: String,
    errors: FormErrors,
) -> WebResult {
    let principal = ctx.require_user()?;
    let id = parse_id(id).ok_or(WebError::NotFound)?;
    let app = &ctx.state.app;
    let r = registrations::get(app, principal, id).await?;
    let found = registrations::search_customers(app, principal, &r, &q).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = DetailView {
        r: row(&r),
        message: r.message.clone(),
        reason: if reason.is_empty() {
            r.reason.clone().unwrap_or_default()
        } else {
            reason
        },
        open: r.status == "open",
        searched: q.trim().chars().count() >= 2,
        q,
        choices: found
            .into_iter()
            .map(|c| Choice {
                id: c.id,
                number: c.external_id,
                name: c.display_name,
                place: format!("{} {}", c.postal_code, c.city).trim().to_owned(),
            })
            .collect(),
        errors,
    };
    let html = ctx.render("pages/registration.html", "registration-title", view)?;
    Ok((status, Html(html)).into_response())
}

async fn detail(ctx: PageCtx, Path(id): Path<String>, Query(q): Query<DetailQuery>) -> WebResult {
    detail_page(
        &ctx,
        &id,
        q.q.unwrap_or_default(),
        String::new(),
        FormErrors::default(),
    )
    .await
}

#[derive(Deserialize)]
struct ApproveForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    customer: String,
    #[serde(default)]
    q: String,
}

fn decided(id: i64) -> axum::response::Response {
    Redirect::to(&format!("/registrations/{id}")).into_response()
}

async fn approve(ctx: PageCtx, Path(id): Path<String>, Form(form): Form<ApproveForm>) -> WebResult {
    let principal = ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    let n = parse_id(&id).ok_or(WebError::NotFound)?;
    match registrations::approve(&ctx.state.app, principal, n, &form.customer).await {
        Ok(()) | Err(AppError::Conflict) => Ok(decided(n)),
        Err(AppError::Validation(errors)) => {
            detail_page(&ctx, &id, form.q, String::new(), FormErrors::from(errors)).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct RejectForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    reason: String,
}

async fn reject(ctx: PageCtx, Path(id): Path<String>, Form(form): Form<RejectForm>) -> WebResult {
    let principal = ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    let n = parse_id(&id).ok_or(WebError::NotFound)?;
    match registrations::reject(&ctx.state.app, principal, n, &form.reason).await {
        Ok(()) | Err(AppError::Conflict) => Ok(decided(n)),
        Err(AppError::Validation(errors)) => {
            detail_page(
                &ctx,
                &id,
                String::new(),
                form.reason,
                FormErrors::from(errors),
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}
