//! `/settings/webhooks`: staff administrators list, create, change,
//! disable, enable and delete the webhook endpoints of their tenants (an
//! administrator without tenants: of every tenant), rotate an endpoint's
//! secret (shown once), read its delivery log and redeliver an event.
//! An endpoint of another tenant is `NotFound`; every change is audited.

use std::net::IpAddr;

use kp_domain::{Actor, Principal, StaffUserId, TenantId};
use kp_storage::tenants::TenantRow;
use kp_storage::webhook_deliveries;
pub use kp_storage::webhook_deliveries::LoggedDelivery;
pub use kp_storage::webhooks::EndpointRow;
use kp_storage::webhooks::{self as store, EndpointData};
use serde_json::json;

use super::endpoint_input::{check_types, check_url};
use super::signing::new_secret;
use super::targets;
use crate::{App, AppError, FieldError};

/// Deliveries the endpoint's page lists.
pub const LOG_LENGTH: i64 = 100;

/// The administrator and the tenants they manage (`None`: all);
/// `Forbidden` for anyone else.
fn managed(principal: &Principal) -> Result<(StaffUserId, Option<Vec<TenantId>>), AppError> {
    match &principal.actor {
        Actor::Staff { id, tenants, .. } if principal.is_admin() => {
            Ok((*id, (!tenants.is_empty()).then(|| tenants.clone())))
        }
        _ => Err(AppError::Forbidden),
    }
}

/// An endpoint with its event types (empty when it takes every type).
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub row: EndpointRow,
    pub event_types: Vec<String>,
}

async fn with_types(app: &App, rows: Vec<EndpointRow>) -> Result<Vec<Endpoint>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let types = store::event_types(&app.db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| Endpoint {
            event_types: types
                .iter()
                .filter(|(id, _)| *id == row.id)
                .map(|(_, t)| t.clone())
                .collect(),
            row,
        })
        .collect())
}

/// The list page: the endpoints and the tenants a new one may be for.
pub struct Overview {
    pub endpoints: Vec<Endpoint>,
    pub tenants: Vec<TenantRow>,
}

pub async fn overview(app: &App, principal: &Principal) -> Result<Overview, AppError> {
    let (_, managed) = managed(principal)?;
    let rows = store::list(&app.db, managed.as_deref()).await?;
    let tenants = kp_storage::tenants::list(&app.db)
        .await?
        .into_iter()
        .filter(|t| managed.as_ref().is_none_or(|m| m.contains(&TenantId(t.id))))
        .collect();
    Ok(Overview {
        endpoints: with_types(app, rows).await?,
        tenants,
    })
}

/// One endpoint of a managed tenant.
pub async fn endpoint(app: &App, principal: &Principal, id: i64) -> Result<Endpoint, AppError> {
    let (_, managed) = managed(principal)?;
    let row = store::get(&app.db, id, managed.as_deref())
        .await?
        .ok_or(AppError::NotFound)?;
    with_types(app, vec![row])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

/// The endpoint's latest [`LOG_LENGTH`] deliveries, newest first.
pub async fn deliveries(
    app: &App,
    principal: &Principal,
    id: i64,
) -> Result<Vec<LoggedDelivery>, AppError> {
    endpoint(app, principal, id).await?;
    Ok(webhook_deliveries::log(&app.db, id, LOG_LENGTH).await?)
}

/// The form's input.
#[derive(Debug, Clone, Default)]
pub struct EndpointInput {
    /// Only when creating.
    pub tenant_key: String,
    pub url: String,
    pub description: String,
    pub all_events: bool,
    pub event_types: Vec<String>,
}

struct Checked {
    url: String,
    description: String,
    types: Option<Vec<String>>,
}

async fn check(app: &App, input: &EndpointInput, errors: &mut Vec<FieldError>) -> Option<Checked> {
    let allow_private = app.policy.webhooks_allow_private_targets;
    let mut url = check_url(&input.url, allow_private)
        .map_err(|e| errors.push(e))
        .ok();
    if let Some(checked) = url.as_deref().filter(|_| !allow_private)
        && let Ok(parsed) = url::Url::parse(checked)
        && targets::refused_at_registration(&parsed).await
    {
        errors.push(FieldError {
            field: "url",
            key: "webhook-targets-error-private",
        });
        url = None;
    }
    let description = input.description.trim();
    if description.chars().count() > 200 {
        errors.push(FieldError {
            field: "description",
            key: "webhooks-error-description",
        });
    }
    let types = check_types(input.all_events, &input.event_types)
        .map_err(|e| errors.push(e))
        .ok();
    match (url, types) {
        (Some(url), Some(types)) if errors.is_empty() => Some(Checked {
            url,
            description: description.to_owned(),
            types,
        }),
        _ => None,
    }
}

/// A new endpoint and its secret, shown this once.
#[derive(Debug, Clone)]
pub struct Created {
    pub id: i64,
    pub secret: String,
}

pub async fn create(
    app: &App,
    principal: &Principal,
    input: &EndpointInput,
    client: IpAddr,
) -> Result<Created, AppError> {
    let (actor, managed) = managed(principal)?;
    let mut errors = Vec::new();
    let tenant = kp_storage::tenants::by_key(&app.db, input.tenant_key.trim())
        .await?
        .filter(|t| managed.as_ref().is_none_or(|m| m.contains(&TenantId(t.id))));
    if tenant.is_none() {
        errors.push(FieldError {
            field: "tenant",
            key: "webhooks-error-tenant",
        });
    }
    let checked = check(app, input, &mut errors).await;
    let (Some(tenant), Some(checked)) = (tenant, checked) else {
        return Err(AppError::Validation(errors));
    };
    let key = app.encryption_key()?;
    let now = app.clock.now();
    let secret = new_secret();
    let mut tx = app.db.begin().await?;
    let data = EndpointData {
        url: &checked.url,
        description: &checked.description,
        event_types: checked.types.as_deref(),
    };
    let id = store::insert(&mut tx, TenantId(tenant.id), &data, now).await?;
    let sealed = key.seal(&purpose(id), secret.as_bytes())?;
    store::set_secret(&mut tx, id, None, &sealed, now).await?;
    let details = json!({ "tenant": tenant.key, "url": checked.url, "event_types": checked.types });
    store::audit(
        &mut tx,
        actor,
        "webhook.created",
        id,
        &client.to_string(),
        &details,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Created { id, secret })
}

/// What a secret is sealed for: bound to the endpoint, so a sealed value
/// copied to another row does not open.
pub(crate) fn purpose(id: i64) -> String {
    format!("webhook:{id}")
}

/// Changes URL, description and event types.
pub async fn update(
    app: &App,
    principal: &Principal,
    id: i64,
    input: &EndpointInput,
    client: IpAddr,
) -> Result<(), AppError> {
    let (actor, managed) = managed(principal)?;
    endpoint(app, principal, id).await?;
    let mut errors = Vec::new();
    let Some(checked) = check(app, input, &mut errors).await else {
        return Err(AppError::Validation(errors));
    };
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let data = EndpointData {
        url: &checked.url,
        description: &checked.description,
        event_types: checked.types.as_deref(),
    };
    if !store::update(&mut tx, id, managed.as_deref(), &data, now).await? {
        return Err(AppError::NotFound);
    }
    let details = json!({ "url": checked.url, "event_types": checked.types });
    store::audit(
        &mut tx,
        actor,
        "webhook.updated",
        id,
        &client.to_string(),
        &details,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A new secret for the endpoint, shown this once; the old one stops
/// working at once.
pub async fn rotate_secret(
    app: &App,
    principal: &Principal,
    id: i64,
    client: IpAddr,
) -> Result<String, AppError> {
    let (actor, managed) = managed(principal)?;
    let key = app.encryption_key()?;
    let now = app.clock.now();
    let secret = new_secret();
    let sealed = key.seal(&purpose(id), secret.as_bytes())?;
    let mut tx = app.db.begin().await?;
    if !store::set_secret(&mut tx, id, managed.as_deref(), &sealed, now).await? {
        return Err(AppError::NotFound);
    }
    store::audit(
        &mut tx,
        actor,
        "webhook.secret_rotated",
        id,
        &client.to_string(),
        &json!({}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(secret)
}

/// Turns the endpoint on or off. Events while it is off get no delivery;
/// deliveries still pending go out when it is on again.
pub async fn set_active(
    app: &App,
    principal: &Principal,
    id: i64,
    active: bool,
    client: IpAddr,
) -> Result<(), AppError> {
    let (actor, managed) = managed(principal)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !store::set_active(&mut tx, id, managed.as_deref(), active, "admin", now).await? {
        return Err(AppError::NotFound);
    }
    let action = if active {
        "webhook.enabled"
    } else {
        "webhook.disabled"
    };
    store::audit(
        &mut tx,
        actor,
        action,
        id,
        &client.to_string(),
        &json!({}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes the endpoint with its delivery log.
pub async fn delete(
    app: &App,
    principal: &Principal,
    id: i64,
    client: IpAddr,
) -> Result<(), AppError> {
    let (actor, managed) = managed(principal)?;
    let found = endpoint(app, principal, id).await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !store::delete(&mut tx, id, managed.as_deref()).await? {
        return Err(AppError::NotFound);
    }
    let details = json!({ "tenant": found.row.tenant_key, "url": found.row.url });
    store::audit(
        &mut tx,
        actor,
        "webhook.deleted",
        id,
        &client.to_string(),
        &details,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sends the event of one of the endpoint's deliveries again: a new
/// delivery, due now.
pub async fn redeliver(
    app: &App,
    principal: &Principal,
    id: i64,
    delivery: i64,
) -> Result<(), AppError> {
    endpoint(app, principal, id).await?;
    let mut tx = app.db.begin().await?;
    if !webhook_deliveries::redeliver(&mut tx, id, delivery, app.clock.now()).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}
