//! API tokens for the back office (issue 11): made per tenant with scopes
//! and an expiry, shown once, stored as a SHA-256 hash only. The token is
//! `kp_` and 64 hex digits, so that secret scanners and people recognise it.

use chrono::Duration;
use kp_domain::{TenantId, api_scopes};
use kp_storage::write::api_tokens::{self as write, NewApiToken};

use crate::auth::{random_token, token_hash};
use crate::{App, AppError};

/// Longest lifetime a token may be given.
pub const MAX_DAYS: i64 = 3 * 366;

/// A token just made: the only time its text exists outside the client.
#[derive(Debug, Clone)]
pub struct CreatedToken {
    pub id: i64,
    pub tenant: TenantId,
    pub token: String,
}

/// Makes a token for the tenant with key `tenant_key`. `scopes` must be
/// known and not empty; `days` is the lifetime (1 to [`MAX_DAYS`]).
pub async fn create(
    app: &App,
    tenant_key: &str,
    name: &str,
    scopes: &[String],
    days: i64,
) -> Result<CreatedToken, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::Invalid("the token needs a name".to_owned()));
    }
    if scopes.is_empty() {
        return Err(AppError::Invalid(format!(
            "the token needs at least one scope: {}",
            api_scopes::all().join(" ")
        )));
    }
    if let Some(unknown) = scopes.iter().find(|s| !api_scopes::is_known(s)) {
        return Err(AppError::Invalid(format!(
            "{unknown:?} is not a scope; known: {}",
            api_scopes::all().join(" ")
        )));
    }
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(AppError::Invalid(format!(
            "a token lives 1 to {MAX_DAYS} days, not {days}"
        )));
    }
    let tenant = kp_storage::tenants::by_key(&app.db, tenant_key)
        .await?
        .ok_or_else(|| AppError::Invalid(format!("there is no tenant with key {tenant_key:?}")))?;
    let mut scopes: Vec<&str> = scopes.iter().map(String::as_str).collect();
    scopes.sort_unstable();
    scopes.dedup();
    let token = format!("kp_{}", random_token());
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let id = write::insert(
        &mut tx,
        &NewApiToken {
            tenant: TenantId(tenant.id),
            name,
            token_hash: &token_hash(&token),
            scopes: &scopes.join(" "),
            expires_at: Some(now + Duration::days(days)),
            created_at: now,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(CreatedToken {
        id,
        tenant: TenantId(tenant.id),
        token,
    })
}
