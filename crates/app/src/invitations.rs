//! Staff invite portal users (C3 groundwork): for an existing customer
//! (by customer number) or an organization, with e-mail, name and
//! language. The user is created `invited`, without a password, and gets
//! an activation link by mail; staff can resend it, which voids the
//! earlier link. Only customers and organizations in the staff member's
//! scope can be named; anything else is the same "unknown" message.

use chrono::Duration;
use kp_domain::{Language, OrganizationId, PortalUserId, PortalUserStatus, Principal};
use kp_storage::invitations::{self, PortalUserRow};
use kp_storage::users::UserRef;
use kp_storage::write::portal_users::{self, NewPortalUser, PortalUserOwner, ScopeRestrictions};
use kp_storage::{Tx, accounts};

use crate::link_tokens::{self, Purpose};
use crate::mail_templates::editing::plausible_email;
use crate::mail_templates::{self, MailKind, MailVars};
use crate::{App, AppError, FieldError};

pub const MAX_NAME_CHARS: usize = 200;
/// How many invited users the staff's list shows.
pub const LIST_LIMIT: i64 = 100;

/// The form as sent.
#[derive(Debug, Clone, Default)]
pub struct InviteInput {
    /// `customer` or `organization`.
    pub target: String,
    pub customer_number: String,
    pub organization: String,
    pub email: String,
    pub name: String,
    pub language: String,
}

fn require_staff(principal: &Principal) -> Result<(), AppError> {
    if principal.is_staff() && principal.impersonated_by.is_none() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn field(field: &'static str, key: &'static str) -> FieldError {
    FieldError { field, key }
}

/// What the page lists: the invited users and the organizations to offer.
pub struct Overview {
    pub users: Vec<PortalUserRow>,
    pub organizations: Vec<(OrganizationId, String)>,
}

pub async fn overview(app: &App, principal: &Principal) -> Result<Overview, AppError> {
    require_staff(principal)?;
    Ok(Overview {
        users: invitations::invited_users(&app.db, &principal.scope, LIST_LIMIT).await?,
        organizations: invitations::organizations(&app.db, &principal.scope).await?,
    })
}

async fn owner(
    app: &App,
    principal: &Principal,
    input: &InviteInput,
    errors: &mut Vec<FieldError>,
) -> Result<Option<PortalUserOwner>, AppError> {
    match input.target.as_str() {
        "organization" => {
            let id = input
                .organization
                .trim()
                .parse::<i64>()
                .ok()
                .map(OrganizationId);
            match id {
                Some(id)
                    if invitations::organization_visible(&app.db, &principal.scope, id).await? =>
                {
                    Ok(Some(PortalUserOwner::Organization(id)))
                }
                _ => {
                    errors.push(field("organization", "invite-organization-unknown"));
                    Ok(None)
                }
            }
        }
        _ => {
            let number = input.customer_number.trim();
            if number.is_empty() {
                errors.push(field("customer_number", "form-required"));
                return Ok(None);
            }
            let found = invitations::customers_by_number(&app.db, &principal.scope, number).await?;
            match found.as_slice() {
                [(id, _)] => Ok(Some(PortalUserOwner::Customer(*id))),
                [] => {
                    errors.push(field("customer_number", "invite-customer-unknown"));
                    Ok(None)
                }
                _ => {
                    errors.push(field("customer_number", "invite-customer-ambiguous"));
                    Ok(None)
                }
            }
        }
    }
}

/// The name, e-mail and language of an invitation form (portal users,
/// staff users, an organization admin's colleagues), trimmed; a message
/// per field that is missing or malformed.
pub(crate) fn person<'a>(
    name: &'a str,
    email: &'a str,
    language: &str,
    errors: &mut Vec<FieldError>,
) -> (&'a str, &'a str, Option<Language>) {
    let email = email.trim();
    if email.is_empty() {
        errors.push(field("email", "form-required"));
    } else if !plausible_email(email) {
        errors.push(field("email", "mail-form-email-invalid"));
    }
    let name = name.trim();
    if name.is_empty() {
        errors.push(field("name", "form-required"));
    } else if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        errors.push(field("name", "invite-name-invalid"));
    }
    let language = Language::parse(language);
    if language.is_none() {
        errors.push(field("language", "form-required"));
    }
    (name, email, language)
}

/// Creates the invited user and queues the invitation.
pub async fn invite(
    app: &App,
    principal: &Principal,
    input: &InviteInput,
    ip: std::net::IpAddr,
) -> Result<PortalUserId, AppError> {
    require_staff(principal)?;
    let mut errors = Vec::new();
    let owner = owner(app, principal, input, &mut errors).await?;
    let (name, email, language) =
        crate::invitations::person(&input.name, &input.email, &input.language, &mut errors);
    let (Some(owner), Some(language), true) = (owner, language, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    // A user invited without a profile gets the organization's default.
    let profile = match owner {
        PortalUserOwner::Organization(org) => {
            kp_storage::organizations::default_profile(&mut tx, org).await?
        }
        PortalUserOwner::Customer(_) => None,
    };
    let created = portal_users::insert(
        &mut tx,
        &NewPortalUser {
            email: email.to_owned(),
            name: name.to_owned(),
            language,
            status: PortalUserStatus::Invited,
            password_hash: None,
            owner,
            permission_profile_id: profile,
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
                // Two customers share an address only through a household.
                "org-email-shared",
            )]));
        }
        Err(other) => return Err(other.into()),
    };
    send(app, &mut tx, id).await?;
    let who = crate::audit_log::who(principal);
    let target = crate::audit_log::portal_user(id);
    let details = serde_json::json!({});
    crate::audit_log::record(app, &mut tx, who, "user.invited", target, ip, details).await?;
    tx.commit().await?;
    tracing::info!(user = id.0, by = %principal.name, "portal user invited");
    Ok(id)
}

/// Sends the invitation again with a new link; the earlier one stops
/// working. `NotFound` outside the scope, `Conflict` once activated.
pub async fn resend(
    app: &App,
    principal: &Principal,
    id: PortalUserId,
    ip: std::net::IpAddr,
) -> Result<(), AppError> {
    require_staff(principal)?;
    let row = invitations::portal_user(&app.db, &principal.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.status != PortalUserStatus::Invited.as_str() {
        return Err(AppError::Conflict);
    }
    let mut tx = app.db.begin().await?;
    send(app, &mut tx, id).await?;
    let who = crate::audit_log::who(principal);
    let target = crate::audit_log::portal_user(id);
    let details = serde_json::json!({});
    crate::audit_log::record(
        app,
        &mut tx,
        who,
        "user.invitation_resent",
        target,
        ip,
        details,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Queues the invitation of portal user `id` (an activation link, single
/// use, valid `invitation_link_days`) in the caller's transaction; also
/// used when staff approve a registration request.
pub(crate) async fn send(app: &App, tx: &mut Tx, id: PortalUserId) -> Result<(), AppError> {
    send_to(app, tx, UserRef::Portal(id)).await
}

/// [`send`] for any account: invited staff users get the same mail and
/// link.
pub(crate) async fn send_to(app: &App, tx: &mut Tx, user: UserRef) -> Result<(), AppError> {
    let account = accounts::get_in(tx, user)
        .await?
        .ok_or(AppError::NotFound)?;
    let valid_for = Duration::days(app.policy.invitation_link_days);
    let token = link_tokens::issue(app, tx, Purpose::Activation, user, None, valid_for).await?;
    let vars = MailVars {
        name: account.name.clone(),
        link: Some(app.link(&format!("/activate/{token}"))),
        expires_at: Some(app.clock.now() + valid_for),
        ..MailVars::default()
    };
    mail_templates::queue(
        app,
        tx,
        account.tenant,
        MailKind::Invitation,
        account.language,
        &account.email,
        &vars,
    )
    .await
}
