//! A staff administrator removes a portal user's second factors (the user
//! lost their phone): TOTP, recovery codes and passkeys go, the user's
//! sessions end, an audit entry is written and the user is told by mail,
//! all in one transaction.

use std::net::IpAddr;

use kp_domain::{Actor, Language, PortalUserId, Principal};
use kp_storage::two_factor as store;

use crate::mail_templates::{self, MailKind, MailVars};
use crate::{App, AppError};

/// The user the reset page names.
#[derive(Debug, Clone)]
pub struct Target {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub language: Language,
}

fn admin(principal: &Principal) -> Result<kp_domain::StaffUserId, AppError> {
    match &principal.actor {
        Actor::Staff { id, .. } if principal.is_admin() && principal.impersonated_by.is_none() => {
            Ok(*id)
        }
        _ => Err(AppError::Forbidden),
    }
}

pub async fn target(app: &App, principal: &Principal, id: i64) -> Result<Target, AppError> {
    admin(principal)?;
    // Only users of the administrator's tenants (`crate::staff_view`).
    let view = crate::staff_view::admin(principal)?;
    kp_storage::invitations::portal_user(&app.db, &view.scope, PortalUserId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let user = store::portal_user(&app.db, PortalUserId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Target {
        id: user.id,
        name: user.name,
        email: user.email,
        language: Language::parse(&user.language).unwrap_or_default(),
    })
}

/// Resets, and queues the `TwoFactorReset` notice to the user in the same
/// transaction.
pub async fn reset(
    app: &App,
    principal: &Principal,
    id: i64,
    client: IpAddr,
) -> Result<Target, AppError> {
    let actor = admin(principal)?;
    let target = target(app, principal, id).await?;
    let user = PortalUserId(target.id);
    let tenant = kp_storage::accounts::get(&app.db, kp_storage::users::UserRef::Portal(user))
        .await?
        .and_then(|a| a.tenant);
    let mut tx = app.db.begin().await?;
    store::reset(&mut tx, user, actor, &client.to_string(), app.clock.now()).await?;
    let vars = MailVars {
        name: target.name.clone(),
        link: Some(app.link("/login")),
        ..MailVars::default()
    };
    mail_templates::queue(
        app,
        &mut tx,
        tenant,
        MailKind::TwoFactorReset,
        target.language,
        &target.email,
        &vars,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(portal_user = target.id, "second factors reset by staff");
    Ok(target)
}
