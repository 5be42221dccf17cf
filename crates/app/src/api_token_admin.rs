//! `/settings/api-tokens`: staff administrators list, create (shown once)
//! and revoke the back office's API tokens. An administrator working for
//! some tenants manages only theirs; one without tenants, all.

use kp_domain::{Actor, Principal, TenantId, api_scopes};
use kp_storage::api::tokens::{self, ListedToken};
use kp_storage::tenants::TenantRow;

use crate::api_tokens::{self, CreatedToken, MAX_DAYS};
use crate::{App, AppError, FieldError};

/// The tenants the administrator manages tokens of (`None`: all);
/// `Forbidden` for anyone but a staff administrator.
fn managed(principal: &Principal) -> Result<Option<Vec<TenantId>>, AppError> {
    match &principal.actor {
        Actor::Staff { tenants, .. } if principal.is_admin() => {
            Ok((!tenants.is_empty()).then(|| tenants.clone()))
        }
        _ => Err(AppError::Forbidden),
    }
}

/// What the page shows: the tokens and the tenants a new one may be for.
pub struct Overview {
    pub tokens: Vec<ListedToken>,
    pub tenants: Vec<TenantRow>,
}

pub async fn overview(app: &App, principal: &Principal) -> Result<Overview, AppError> {
    let managed = managed(principal)?;
    let tokens = tokens::list(&app.db, managed.as_deref()).await?;
    let tenants = kp_storage::tenants::list(&app.db)
        .await?
        .into_iter()
        .filter(|t| managed.as_ref().is_none_or(|m| m.contains(&TenantId(t.id))))
        .collect();
    Ok(Overview { tokens, tenants })
}

/// The form's input.
#[derive(Debug, Clone, Default)]
pub struct NewToken {
    pub tenant_key: String,
    pub name: String,
    pub scopes: Vec<String>,
    pub days: String,
}

/// Makes a token; field errors (`Validation`) name what to fix.
pub async fn create(
    app: &App,
    principal: &Principal,
    input: &NewToken,
) -> Result<CreatedToken, AppError> {
    let managed = managed(principal)?;
    let mut errors = Vec::new();
    let tenant = kp_storage::tenants::by_key(&app.db, input.tenant_key.trim()).await?;
    let allowed = tenant
        .as_ref()
        .is_some_and(|t| managed.as_ref().is_none_or(|m| m.contains(&TenantId(t.id))));
    if !allowed {
        errors.push(FieldError {
            field: "tenant",
            key: "api-tokens-error-tenant",
        });
    }
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.push(FieldError {
            field: "name",
            key: "api-tokens-error-name",
        });
    }
    if input.scopes.is_empty() || !input.scopes.iter().all(|s| api_scopes::is_known(s)) {
        errors.push(FieldError {
            field: "scopes",
            key: "api-tokens-error-scopes",
        });
    }
    let days = input
        .days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (1..=MAX_DAYS).contains(d));
    if days.is_none() {
        errors.push(FieldError {
            field: "days",
            key: "api-tokens-error-days",
        });
    }
    let (Some(days), Some(tenant), true) = (days, tenant, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    api_tokens::create(app, &tenant.key, name, &input.scopes, days).await
}

/// Revokes a token of a managed tenant; `NotFound` for any other id.
pub async fn revoke(app: &App, principal: &Principal, id: i64) -> Result<(), AppError> {
    let managed = managed(principal)?;
    let mut tx = app.db.begin().await?;
    let done = tokens::revoke(&mut tx, id, managed.as_deref(), app.clock.now()).await?;
    tx.commit().await?;
    if done {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
