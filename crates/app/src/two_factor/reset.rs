//! A staff administrator removes a portal user's second factors (the user
//! lost their phone): TOTP, recovery codes and passkeys go, the user's
//! sessions end, an audit entry is written and the user is told by mail,
//! all in one transaction.

use std::net::IpAddr;

use kp_domain::{Actor, Language, PortalUserId, Principal};
use kp_storage::outbox::NewMail;
use kp_storage::two_factor as store;

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

/// The mail telling the user, rendered by the caller in the user's
/// language (subject, text body).
pub struct Notice {
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

/// Resets; `notice` renders the mail for the target's language.
pub async fn reset(
    app: &App,
    principal: &Principal,
    id: i64,
    client: IpAddr,
    notice: impl FnOnce(&Target) -> Notice,
) -> Result<Target, AppError> {
    let actor = admin(principal)?;
    let target = target(app, principal, id).await?;
    let rendered = notice(&target);
    let mail = NewMail {
        recipients: vec![target.email.clone()],
        template: "two_factor_reset".into(),
        language: target.language,
        subject: rendered.subject,
        body_html: rendered.body_html,
        body_text: rendered.body_text,
        now: app.clock.now(),
    };
    store::reset(
        &app.db,
        PortalUserId(target.id),
        actor,
        &client.to_string(),
        &mail,
    )
    .await?;
    tracing::info!(portal_user = target.id, "second factors reset by staff");
    Ok(target)
}
