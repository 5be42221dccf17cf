//! The staff's work items of self-registration (`/registrations`): open
//! requests to approve or reject, and the notes of automatic attempts.
//! Administrators see every tenant's, other staff their tenants' only;
//! anything else is `NotFound`, as for a request that does not exist.
//! Approving picks a customer of the request's tenant within the staff
//! member's scope, creates the portal user (invited) and sends the
//! invitation; rejecting mails the reason in the requester's language.

use kp_domain::{Actor, CustomerId, Language, PortalUserStatus, Principal, StaffUserId, TenantId};
use kp_storage::registrations::{self, Decision, status};
pub use kp_storage::registrations::{CustomerChoice, Registration};
use kp_storage::write::portal_users::{self, NewPortalUser, PortalUserOwner, ScopeRestrictions};

use crate::mail_templates::{self, MailKind, MailVars};
use crate::{App, AppError, FieldError, invitations};

/// How many rows each part of the page lists.
pub const LIST_LIMIT: i64 = 100;
/// Customers offered per search.
pub const SEARCH_LIMIT: i64 = 20;
pub const MAX_REASON_CHARS: usize = 1000;

/// The acting staff member and the tenants they see (`None`: all).
fn staff(principal: &Principal) -> Result<(StaffUserId, Option<Vec<TenantId>>), AppError> {
    match &principal.actor {
        Actor::Staff { id, tenants, .. } if principal.impersonated_by.is_none() => {
            Ok((*id, (!principal.is_admin()).then(|| tenants.clone())))
        }
        _ => Err(AppError::NotFound),
    }
}

pub struct Overview {
    pub open: Vec<Registration>,
    /// Automatic attempts that sent no link, and pending ones.
    pub notes: Vec<Registration>,
    pub decided: Vec<Registration>,
}

pub async fn overview(app: &App, principal: &Principal) -> Result<Overview, AppError> {
    let (_, tenants) = staff(principal)?;
    let tenants = tenants.as_deref();
    Ok(Overview {
        open: registrations::list(&app.db, tenants, &[status::OPEN], LIST_LIMIT).await?,
        notes: registrations::list(
            &app.db,
            tenants,
            &[
                status::PENDING,
                status::VERIFIED,
                status::UNMATCHED,
                status::AMBIGUOUS,
                status::REFUSED,
            ],
            LIST_LIMIT,
        )
        .await?,
        decided: registrations::list(
            &app.db,
            tenants,
            &[status::APPROVED, status::REJECTED],
            LIST_LIMIT,
        )
        .await?,
    })
}

/// A registration of the staff member's tenants.
pub async fn get(app: &App, principal: &Principal, id: i64) -> Result<Registration, AppError> {
    let (_, tenants) = staff(principal)?;
    registrations::get(&app.db, id, tenants.as_deref())
        .await?
        .ok_or(AppError::NotFound)
}

/// Customers of the request's tenant in the staff member's scope by name or
/// customer number; empty below two characters.
pub async fn search_customers(
    app: &App,
    principal: &Principal,
    registration: &Registration,
    text: &str,
) -> Result<Vec<CustomerChoice>, AppError> {
    let text: String = text.trim().chars().take(100).collect();
    if text.chars().count() < 2 {
        return Ok(Vec::new());
    }
    Ok(registrations::search_customers(
        &app.db,
        &principal.scope,
        TenantId(registration.tenant_id),
        &text,
        SEARCH_LIMIT,
    )
    .await?)
}

fn error(field: &'static str, key: &'static str) -> AppError {
    AppError::Validation(vec![FieldError { field, key }])
}

/// Approves an open request for the customer `customer` (an id from the
/// form, checked against the tenant and the scope here). `Conflict` when
/// the request is no longer open.
pub async fn approve(
    app: &App,
    principal: &Principal,
    id: i64,
    customer: &str,
) -> Result<(), AppError> {
    let (staff_id, _) = staff(principal)?;
    let r = get(app, principal, id).await?;
    if r.status != status::OPEN {
        return Err(AppError::Conflict);
    }
    let customer = customer
        .trim()
        .parse::<i64>()
        .map(CustomerId)
        .map_err(|_| error("customer", "registration-customer-required"))?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let tenant = TenantId(r.tenant_id);
    if !registrations::customer_in_scope(&mut tx, &principal.scope, tenant, customer).await? {
        return Err(error("customer", "registration-customer-unknown"));
    }
    let created = portal_users::insert(
        &mut tx,
        &NewPortalUser {
            email: r.email.clone(),
            name: r.name.clone(),
            language: Language::parse(&r.language).unwrap_or_default(),
            status: PortalUserStatus::Invited,
            password_hash: None,
            owner: PortalUserOwner::Customer(customer),
            permission_profile_id: None,
            scope: ScopeRestrictions::default(),
            created_at: now,
        },
    )
    .await;
    let user = match created {
        Ok(user) => user,
        Err(kp_storage::StorageError::UniqueViolation) => {
            return Err(error("customer", "registration-email-taken"));
        }
        Err(other) => return Err(other.into()),
    };
    let decided = registrations::decide(
        &mut tx,
        &Decision {
            id,
            status: status::APPROVED,
            reason: None,
            customer: Some(customer),
            portal_user: Some(user),
            staff: staff_id,
            now,
        },
    )
    .await?;
    if decided == 0 {
        return Err(AppError::Conflict);
    }
    invitations::send(app, &mut tx, user).await?;
    registrations::append_event(
        &mut tx,
        r.tenant_id,
        "registration.approved",
        Some(customer),
        &serde_json::json!({ "registration": id, "portal_user": user.0, "tenant": r.tenant_id }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Rejects an open request with a reason, mailed to the requester.
pub async fn reject(
    app: &App,
    principal: &Principal,
    id: i64,
    reason: &str,
) -> Result<(), AppError> {
    let (staff_id, _) = staff(principal)?;
    let r = get(app, principal, id).await?;
    if r.status != status::OPEN {
        return Err(AppError::Conflict);
    }
    let reason = reason.replace("\r\n", "\n").trim().to_owned();
    if reason.is_empty() {
        return Err(error("reason", "form-required"));
    }
    if reason.chars().count() > MAX_REASON_CHARS
        || reason.chars().any(|c| c.is_control() && c != '\n')
    {
        return Err(error("reason", "registration-field-too-long"));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let decided = registrations::decide(
        &mut tx,
        &Decision {
            id,
            status: status::REJECTED,
            reason: Some(&reason),
            customer: None,
            portal_user: None,
            staff: staff_id,
            now,
        },
    )
    .await?;
    if decided == 0 {
        return Err(AppError::Conflict);
    }
    let vars = MailVars {
        name: r.name.clone(),
        reason: Some(reason),
        ..MailVars::default()
    };
    mail_templates::queue(
        app,
        &mut tx,
        Some(TenantId(r.tenant_id)),
        MailKind::RegistrationRejected,
        Language::parse(&r.language).unwrap_or_default(),
        &r.email,
        &vars,
    )
    .await?;
    registrations::append_event(
        &mut tx,
        r.tenant_id,
        "registration.rejected",
        None,
        &serde_json::json!({ "registration": id, "tenant": r.tenant_id }),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
