//! The consent gate (D5): a portal user who has not accepted the current
//! versions of the terms of use and the privacy notice of their tenant
//! accepts them before anything else. Staff, and staff viewing the portal
//! as a customer, are never asked.
//!
//! The check reads the tenant, its settings and the user's consents, so it
//! runs only for sessions flagged `consent_check` (set at sign-in and when a
//! new version is published); a session found complete is unflagged and
//! costs nothing more.

use kp_domain::{Actor, Principal};
use kp_storage::consents;

use crate::auth::Session;
use crate::legal_settings::{self, LegalPage};
use crate::{App, AppError, FieldError};

/// A document version the user still has to accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Due {
    pub page: LegalPage,
    pub version: u32,
}

fn applies(principal: &Principal) -> bool {
    matches!(principal.actor, Actor::Portal { .. }) && principal.impersonated_by.is_none()
}

/// What the user has not accepted yet (empty: nothing).
pub async fn due(app: &App, principal: &Principal) -> Result<Vec<Due>, AppError> {
    let Actor::Portal { id, .. } = principal.actor else {
        return Ok(Vec::new());
    };
    if !applies(principal) {
        return Ok(Vec::new());
    }
    let Some(tenant) = legal_settings::tenant_of(app, Some(principal)).await? else {
        return Ok(Vec::new());
    };
    let settings = legal_settings::read(app, tenant).await?;
    let mut due = Vec::new();
    for page in [LegalPage::Terms, LegalPage::Privacy] {
        if let Some(version) = settings.version(page)
            && !consents::has_accepted(&app.db, id, page.key(), &version.to_string()).await?
        {
            due.push(Due { page, version });
        }
    }
    Ok(due)
}

/// The gate: `true` when the session must go to the consent page first.
pub async fn blocks(app: &App, session: &Session) -> Result<bool, AppError> {
    if !session.consent_check || !applies(&session.principal) {
        return Ok(false);
    }
    if due(app, &session.principal).await?.is_empty() {
        consents::checked(&app.db, session.id).await?;
        return Ok(false);
    }
    Ok(true)
}

/// Accepts what is due. `accepted` lists the documents the user ticked, with
/// the version the page showed; each due document must be among them with
/// its current version (a version published meanwhile is shown anew).
pub async fn accept(
    app: &App,
    principal: &Principal,
    accepted: &[(LegalPage, u32)],
) -> Result<(), AppError> {
    let Actor::Portal { id, customer, .. } = principal.actor else {
        return Err(AppError::Forbidden);
    };
    if !applies(principal) {
        return Err(AppError::Forbidden);
    }
    let due = due(app, principal).await?;
    let errors: Vec<FieldError> = due
        .iter()
        .filter(|d| !accepted.contains(&(d.page, d.version)))
        .map(|d| FieldError {
            field: d.page.key(),
            key: "consent-required",
        })
        .collect();
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let documents: Vec<(&str, String)> = due
        .iter()
        .map(|d| (d.page.key(), d.version.to_string()))
        .collect();
    // The event goes to the feed of the tenant whose terms were accepted.
    let tenant = legal_settings::tenant_of(app, Some(principal)).await?;
    consents::accept(&app.db, id, customer, tenant, &documents, app.clock.now()).await?;
    Ok(())
}
