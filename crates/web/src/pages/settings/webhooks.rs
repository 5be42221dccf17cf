//! `/settings/webhooks`: the webhook endpoints of the administrator's
//! tenants, and the form for a new one. A new endpoint's secret is shown
//! once, on the page that answers the form (never in a URL). The
//! endpoint's own page is [`super::webhook_endpoint`].

use axum::Form;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use chrono::{DateTime, Utc};
use kp_app::AppError;
use kp_app::webhooks::admin::{self, Endpoint, EndpointInput};
use kp_app::webhooks::endpoint_input::KNOWN_EVENT_TYPES;
use serde::Serialize;

use super::require_admin;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::routes::Routes;

pub const PATH: &str = "/settings/webhooks";

pub fn routes() -> Routes {
    Routes::new().get(PATH, show).post(PATH, create)
}

/// An endpoint as the pages show it.
#[derive(Serialize)]
pub struct EndpointView {
    pub id: i64,
    pub tenant: String,
    pub url: String,
    pub description: String,
    pub all_events: bool,
    pub event_types: String,
    /// `active`, `disabled-admin` or `disabled-failing`.
    pub state: &'static str,
    pub last_success: String,
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

pub fn endpoint_view(e: &Endpoint) -> EndpointView {
    EndpointView {
        id: e.row.id,
        tenant: e.row.tenant_key.clone(),
        url: e.row.url.clone(),
        description: e.row.description.clone(),
        all_events: e.row.all_events,
        event_types: e.event_types.join(", "),
        state: match (e.row.active, e.row.disabled_reason.as_str()) {
            (true, _) => "active",
            (false, "failing") => "disabled-failing",
            (false, _) => "disabled-admin",
        },
        last_success: e.row.last_success_at.map(stamp).unwrap_or_default(),
    }
}

/// A checkbox of the event type choice.
#[derive(Serialize)]
pub struct TypeChoice {
    pub value: String,
    pub checked: bool,
}

/// The known types and any other already chosen, ticked as in `input`.
pub fn type_choices(input: &EndpointInput) -> Vec<TypeChoice> {
    let mut values: Vec<String> = KNOWN_EVENT_TYPES.iter().map(|t| (*t).to_owned()).collect();
    for extra in &input.event_types {
        if !values.contains(extra) {
            values.push(extra.clone());
        }
    }
    values
        .into_iter()
        .map(|value| TypeChoice {
            checked: input.event_types.contains(&value),
            value,
        })
        .collect()
}

/// The endpoint form read from its fields (each ticked type is its own
/// `event` field; `events=all` takes every type).
pub fn input_of(fields: &[(String, String)]) -> EndpointInput {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    EndpointInput {
        tenant_key: field("tenant"),
        url: field("url"),
        description: field("description"),
        all_events: field("events") != "chosen",
        event_types: fields
            .iter()
            .filter(|(k, _)| k == "event")
            .map(|(_, v)| v.clone())
            .collect(),
    }
}

pub fn csrf_of(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .find(|(k, _)| k == "_csrf")
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

#[derive(Serialize)]
struct Created {
    id: i64,
    secret: String,
}

#[derive(Serialize)]
struct View {
    endpoints: Vec<EndpointView>,
    tenants: Vec<String>,
    tenant: String,
    url: String,
    description: String,
    all_events: bool,
    types: Vec<TypeChoice>,
    errors: FormErrors,
    /// The endpoint just made and its secret: shown this once.
    created: Option<Created>,
}

async fn view(ctx: &PageCtx, input: &EndpointInput) -> Result<View, WebError> {
    let principal = require_admin(ctx)?;
    let overview = admin::overview(&ctx.state.app, principal).await?;
    Ok(View {
        endpoints: overview.endpoints.iter().map(endpoint_view).collect(),
        tenants: overview.tenants.into_iter().map(|t| t.key).collect(),
        tenant: input.tenant_key.clone(),
        url: input.url.clone(),
        description: input.description.clone(),
        all_events: input.all_events,
        types: type_choices(input),
        errors: FormErrors::default(),
        created: None,
    })
}

fn render(ctx: &PageCtx, status: StatusCode, view: View) -> WebResult {
    let html = ctx.render("pages/settings_webhooks.html", "webhooks-title", view)?;
    Ok((status, Html(html)).into_response())
}

async fn show(ctx: PageCtx) -> WebResult {
    let blank = EndpointInput {
        all_events: true,
        ..EndpointInput::default()
    };
    let view = view(&ctx, &blank).await?;
    render(&ctx, StatusCode::OK, view)
}

async fn create(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Form(fields): Form<Vec<(String, String)>>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&csrf_of(&fields))?;
    let input = input_of(&fields);
    match admin::create(&ctx.state.app, principal, &input, client).await {
        Ok(made) => {
            let blank = EndpointInput {
                all_events: true,
                ..EndpointInput::default()
            };
            let mut view = view(&ctx, &blank).await?;
            view.created = Some(Created {
                id: made.id,
                secret: made.secret,
            });
            render(&ctx, StatusCode::OK, view)
        }
        Err(AppError::Validation(errors)) => {
            let mut view = view(&ctx, &input).await?;
            view.errors = FormErrors::from(errors);
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(other) => Err(other.into()),
    }
}
