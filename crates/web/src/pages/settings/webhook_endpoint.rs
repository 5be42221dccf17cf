//! `/settings/webhooks/{id}`: one endpoint — its URL, description and
//! event types (changed with the form), its secret (rotated, the new one
//! shown once), on/off, delete, and the delivery log of the latest 100
//! deliveries with "redeliver" on each. An endpoint of a tenant the
//! administrator does not manage is the 404 of one that does not exist.

use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::webhooks::admin::{self, EndpointInput, LoggedDelivery};
use serde::{Deserialize, Serialize};

use super::require_admin;
use super::webhooks::{
    EndpointView, PATH, TypeChoice, csrf_of, endpoint_view, input_of, type_choices,
};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/settings/webhooks/{id}", show)
        .post("/settings/webhooks/{id}", update)
        .post("/settings/webhooks/{id}/secret", rotate)
        .post("/settings/webhooks/{id}/active", set_active)
        .post("/settings/webhooks/{id}/delete", delete)
        .post("/settings/webhooks/{id}/redeliver", redeliver)
}

/// Not a number is the same as a number that names nothing.
fn id_of(text: &str) -> Result<i64, WebError> {
    crate::pages::parse_id(text).ok_or(WebError::NotFound)
}

#[derive(Serialize)]
struct DeliveryView {
    id: i64,
    event_id: i64,
    event_type: String,
    status: String,
    attempts: i32,
    status_code: Option<i32>,
    error: String,
    duration_ms: Option<i64>,
    created: String,
    last_attempt: String,
    next_attempt: String,
}

fn delivery_view(d: LoggedDelivery) -> DeliveryView {
    let stamp = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d %H:%M:%S").to_string();
    DeliveryView {
        next_attempt: if d.status == "pending" {
            stamp(d.next_attempt_at)
        } else {
            String::new()
        },
        id: d.id,
        event_id: d.event_id,
        event_type: d.event_type,
        status: d.status,
        attempts: d.attempts,
        status_code: d.last_status_code,
        error: d.last_error,
        duration_ms: d.last_duration_ms,
        created: stamp(d.created_at),
        last_attempt: d.last_attempt_at.map(stamp).unwrap_or_default(),
    }
}

#[derive(Serialize)]
struct View {
    endpoint: EndpointView,
    url: String,
    description: String,
    all_events: bool,
    types: Vec<TypeChoice>,
    errors: FormErrors,
    deliveries: Vec<DeliveryView>,
    /// A secret just made: shown this once.
    secret: Option<String>,
    /// What was just done: `saved`, `enabled`, `disabled`, `redelivered`.
    done: String,
}

/// The page; `input` is the form as typed (after a failed save) or `None`
/// for the stored values.
async fn view(ctx: &PageCtx, id: i64, input: Option<&EndpointInput>) -> Result<View, WebError> {
    let principal = require_admin(ctx)?;
    let app = &ctx.state.app;
    let endpoint = admin::endpoint(app, principal, id).await?;
    let deliveries = admin::deliveries(app, principal, id).await?;
    let stored = EndpointInput {
        tenant_key: endpoint.row.tenant_key.clone(),
        url: endpoint.row.url.clone(),
        description: endpoint.row.description.clone(),
        all_events: endpoint.row.all_events,
        event_types: endpoint.event_types.clone(),
    };
    let input = input.unwrap_or(&stored);
    Ok(View {
        endpoint: endpoint_view(&endpoint),
        url: input.url.clone(),
        description: input.description.clone(),
        all_events: input.all_events,
        types: type_choices(input),
        errors: FormErrors::default(),
        deliveries: deliveries.into_iter().map(delivery_view).collect(),
        secret: None,
        done: String::new(),
    })
}

fn render(ctx: &PageCtx, status: StatusCode, view: View) -> WebResult {
    let html = ctx.render(
        "pages/settings_webhook.html",
        "webhooks-endpoint-title",
        view,
    )?;
    Ok((status, Html(html)).into_response())
}

fn back(id: i64, done: &str) -> WebResult {
    Ok(Redirect::to(&format!("{PATH}/{id}?done={done}")).into_response())
}

#[derive(Deserialize)]
struct ShowQuery {
    done: Option<String>,
}

async fn show(ctx: PageCtx, Path(id): Path<String>, Query(q): Query<ShowQuery>) -> WebResult {
    let id = id_of(&id)?;
    let mut view = view(&ctx, id, None).await?;
    // Only the known words: the query string never reaches the page as text.
    if let Some(done) = q
        .done
        .filter(|d| ["saved", "enabled", "disabled", "redelivered"].contains(&d.as_str()))
    {
        view.done = done;
    }
    render(&ctx, StatusCode::OK, view)
}

async fn update(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    let id = id_of(&id)?;
    ctx.check_csrf(&csrf_of(&fields))?;
    let input = input_of(&fields);
    match admin::update(&ctx.state.app, principal, id, &input, client).await {
        Ok(()) => back(id, "saved"),
        Err(AppError::Validation(errors)) => {
            let mut view = view(&ctx, id, Some(&input)).await?;
            view.errors = FormErrors::from(errors);
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct ActionForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    /// `on` or `off` for the switch.
    #[serde(default)]
    active: String,
    /// The delivery to send again.
    #[serde(default)]
    delivery: String,
}

async fn rotate(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    let id = id_of(&id)?;
    ctx.check_csrf(&form.csrf)?;
    let secret = admin::rotate_secret(&ctx.state.app, principal, id, client).await?;
    let mut view = view(&ctx, id, None).await?;
    view.secret = Some(secret);
    render(&ctx, StatusCode::OK, view)
}

async fn set_active(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    let id = id_of(&id)?;
    ctx.check_csrf(&form.csrf)?;
    let active = match form.active.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(WebError::BadRequest),
    };
    admin::set_active(&ctx.state.app, principal, id, active, client).await?;
    back(id, if active { "enabled" } else { "disabled" })
}

async fn delete(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    let id = id_of(&id)?;
    ctx.check_csrf(&form.csrf)?;
    admin::delete(&ctx.state.app, principal, id, client).await?;
    Ok(Redirect::to(PATH).into_response())
}

async fn redeliver(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    let id = id_of(&id)?;
    ctx.check_csrf(&form.csrf)?;
    let delivery = id_of(&form.delivery)?;
    admin::redeliver(&ctx.state.app, principal, id, delivery).await?;
    back(id, "redelivered")
}
