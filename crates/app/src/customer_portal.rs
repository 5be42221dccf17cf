//! "Enable the customer portal" for a private customer (D1): staff create
//! the customer's portal user with the customer's e-mail and send the
//! invitation (activation link) in one transaction, audited. Refused with
//! a message when the customer has no e-mail, already has a login, the
//! e-mail is some login's already, or the customer is a company (whose
//! users are invited for the organization).

use std::net::IpAddr;

use kp_domain::{CustomerId, Language, PortalUserId, PortalUserStatus, Principal};
use kp_storage::user_admin as store;
use kp_storage::write::portal_users::{self, NewPortalUser, PortalUserOwner, ScopeRestrictions};

use crate::audit_log;
use crate::mail_templates::editing::plausible_email;
use crate::staff_view;
use crate::{App, AppError};

/// What came of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enabled {
    Invited(PortalUserId),
    /// Translation key of the reason; nothing changed.
    Refused(&'static str),
}

pub async fn enable(
    app: &App,
    principal: &Principal,
    customer: i64,
    language: Language,
    ip: IpAddr,
) -> Result<Enabled, AppError> {
    let view = staff_view::of(principal)?;
    let mut tx = app.db.begin().await?;
    let found = store::portal_candidate(&mut tx, &view.scope, CustomerId(customer))
        .await?
        .ok_or(AppError::NotFound)?;
    let email = found.email.trim();
    if found.kind != "person" || found.organization_id.is_some() {
        return Ok(Enabled::Refused("customer-portal-not-private"));
    }
    if found.has_login {
        return Ok(Enabled::Refused("customer-portal-has-login"));
    }
    if email.is_empty() {
        return Ok(Enabled::Refused("customer-portal-no-email"));
    }
    if !plausible_email(email) {
        return Ok(Enabled::Refused("customer-portal-bad-email"));
    }
    let created = portal_users::insert(
        &mut tx,
        &NewPortalUser {
            email: email.to_owned(),
            name: found.display_name.clone(),
            language,
            status: PortalUserStatus::Invited,
            password_hash: None,
            owner: PortalUserOwner::Customer(CustomerId(found.id)),
            permission_profile_id: None,
            scope: ScopeRestrictions::default(),
            created_at: app.clock.now(),
        },
    )
    .await;
    let id = match created {
        Ok(id) => id,
        Err(kp_storage::StorageError::UniqueViolation) => {
            return Ok(Enabled::Refused("org-email-shared"));
        }
        Err(other) => return Err(other.into()),
    };
    crate::invitations::send(app, &mut tx, id).await?;
    audit_log::record(
        app,
        &mut tx,
        audit_log::staff(view.staff),
        "user.invited",
        audit_log::portal_user(id),
        ip,
        serde_json::json!({ "customer": found.id }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(customer, user = id.0, "customer portal enabled");
    Ok(Enabled::Invited(id))
}
