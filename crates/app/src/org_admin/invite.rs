//! Inviting a colleague into the admin's organization: name, e-mail,
//! language, a profile no broader than the admin's and restrictions
//! within the admin's scope. The user, their restrictions, the
//! invitation mail and the audit entry are written in one transaction;
//! a request for more than the admin has creates nobody and is audited.

use std::net::IpAddr;

use kp_domain::{Language, PermissionProfileId, PortalUserId, PortalUserStatus, Principal};
use kp_storage::write::portal_users::{self, NewPortalUser, PortalUserOwner, ScopeRestrictions};

use super::grant::{audit_denied, check_profile};
use super::scope::{ScopeRequest, apply, describe};
use super::{Denied, Outcome};
use crate::{App, AppError, FieldError, audit_log};

#[derive(Debug, Clone, Default)]
pub struct InviteInput {
    pub email: String,
    pub name: String,
    pub language: String,
    /// Empty: no profile (the whole portal).
    pub profile: String,
    pub scope: ScopeRequest,
}

/// How an invitation ended when the input was well-formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invited {
    Created(PortalUserId),
    /// Refused (translation key): nobody created.
    Refused(&'static str),
    /// More than the admin has: nobody created, audited.
    Denied(Denied),
}

fn field(field: &'static str, key: &'static str) -> FieldError {
    FieldError { field, key }
}

fn validate(
    input: &InviteInput,
) -> Result<(String, String, Language, Option<PermissionProfileId>), AppError> {
    let mut errors = Vec::new();
    let (name, email, language) =
        crate::invitations::person(&input.name, &input.email, &input.language, &mut errors);
    let profile = match input.profile.trim() {
        "" => Some(None),
        text => text
            .parse::<i64>()
            .ok()
            .map(|id| Some(PermissionProfileId(id))),
    };
    if profile.is_none() {
        errors.push(field("profile", "profiles-assign-unknown"));
    }
    match (language, profile, errors.is_empty()) {
        (Some(language), Some(profile), true) => {
            Ok((email.to_owned(), name.to_owned(), language, profile))
        }
        _ => Err(AppError::Validation(errors)),
    }
}

pub async fn invite(
    app: &App,
    principal: &Principal,
    input: &InviteInput,
    ip: IpAddr,
) -> Result<Invited, AppError> {
    let admin = super::writer(principal)?;
    let (email, name, language, chosen) = validate(input)?;
    let mut tx = app.db.begin().await?;
    let Some(permissions) = super::profile::permissions_of(&mut tx, &admin, chosen).await? else {
        return Err(AppError::Validation(vec![field(
            "profile",
            "profiles-assign-unknown",
        )]));
    };
    if let Err(denied) = check_profile(principal, &permissions) {
        drop(tx);
        audit_denied(app, principal, None, "invite", &denied, ip).await?;
        return Ok(Invited::Denied(denied));
    }
    let now = app.clock.now();
    let created = portal_users::insert(
        &mut tx,
        &NewPortalUser {
            email,
            name,
            language,
            status: PortalUserStatus::Invited,
            password_hash: None,
            owner: PortalUserOwner::Organization(admin.org),
            permission_profile_id: chosen,
            scope: ScopeRestrictions::default(),
            created_at: now,
        },
    )
    .await;
    let id = match created {
        Ok(id) => id,
        Err(kp_storage::StorageError::UniqueViolation) => {
            return Err(AppError::Validation(vec![field(
                "email",
                "invite-email-taken",
            )]));
        }
        Err(other) => return Err(other.into()),
    };
    match apply(&mut tx, app, principal, &admin, id, now, &input.scope).await? {
        Outcome::Done => {}
        Outcome::Denied(denied) => {
            drop(tx);
            audit_denied(app, principal, None, "invite", &denied, ip).await?;
            return Ok(Invited::Denied(denied));
        }
        Outcome::Refused(key) => return Ok(Invited::Refused(key)),
        Outcome::Stale => return Err(AppError::Conflict),
    }
    crate::invitations::send(app, &mut tx, id).await?;
    let details = serde_json::json!({
        "profile": chosen.map(|p| p.0),
        "scope": describe(&input.scope),
    });
    audit_log::record(
        app,
        &mut tx,
        audit_log::who(principal),
        "user.invited",
        audit_log::portal_user(id),
        ip,
        details,
    )
    .await?;
    tx.commit().await?;
    crate::home::invalidate_counts(app);
    tracing::info!(user = id.0, "colleague invited by an organization admin");
    Ok(Invited::Created(id))
}
