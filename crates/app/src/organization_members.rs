//! What an organization bundles, as staff administrators change it: its
//! customers (from any of their tenants), the customers each login of a
//! household sees, its contacts at the broker, and its logo. Every change
//! re-reads the organization and the customer through the administrator's
//! scope in its transaction (an id from the browser is never trusted),
//! is audited, and applies from the users' next request: their scope
//! follows the membership in SQL, and the cached counts are dropped.

use std::net::IpAddr;

use kp_domain::{CustomerId, OrganizationId, Principal, StaffUserId};
use kp_storage::organization_members::{self as store, LoginRow};
pub use kp_storage::organization_members::{ContactRow, MemberRow};

use crate::audit_log;
use crate::home_files::{MAX_LOGO_BYTES, image_type};
use crate::organizations::{current, target};
use crate::staff_view;
use crate::user_admin::Outcome;
use crate::user_scope::{self, Changed, ScopeForm};
use crate::{App, AppError, FieldError};

/// Longest role text of a contact, in characters.
pub const ROLE_MAX: usize = 80;
/// Customers a search offers at most.
pub const SEARCH_LIMIT: i64 = 20;

/// The organization's customers the staff member sees.
pub async fn customers(
    app: &App,
    principal: &Principal,
    id: OrganizationId,
) -> Result<Vec<MemberRow>, AppError> {
    let view = staff_view::of(principal)?;
    Ok(store::customers(&app.db, &view.scope, id).await?)
}

/// Customers of the staff member's tenants by name or customer number.
pub async fn search(
    app: &App,
    principal: &Principal,
    text: &str,
) -> Result<Vec<MemberRow>, AppError> {
    let view = staff_view::of(principal)?;
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    Ok(store::search(&app.db, &view.scope, text, SEARCH_LIMIT).await?)
}

/// What adding a customer came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    Done,
    /// Already in this organization: nothing to do.
    AlreadyHere,
    /// In another organization (its name): moved only once confirmed.
    InOther(String),
}

/// Adds a customer of the administrator's tenants; one of another
/// organization only with `confirm_move`. Another tenant's customer is
/// `NotFound`.
pub async fn add(
    app: &App,
    principal: &Principal,
    id: OrganizationId,
    customer: CustomerId,
    confirm_move: bool,
    ip: IpAddr,
) -> Result<Added, AppError> {
    let mut tx = app.db.begin().await?;
    let Ok((view, _)) = current(principal, &mut tx, id, None).await? else {
        return Err(AppError::NotFound);
    };
    let found = store::customer_in(&mut tx, &view.scope, customer)
        .await?
        .ok_or(AppError::NotFound)?;
    let from = found.organization_id.map(OrganizationId);
    match from {
        Some(org) if org == id => return Ok(Added::AlreadyHere),
        Some(_) if !confirm_move => {
            return Ok(Added::InOther(found.organization_name.unwrap_or_default()));
        }
        _ => {}
    }
    let now = app.clock.now();
    if !store::set_organization(&mut tx, customer, from, Some(id), now).await? {
        return Err(AppError::Conflict);
    }
    store::touch(&mut tx, id, now).await?;
    if let Some(old) = from {
        store::touch(&mut tx, old, now).await?;
    }
    let details = serde_json::json!({
        "customer": customer.0,
        "moved_from": from.map(|o| o.0),
    });
    let action = "organization.customer_added";
    let who = audit_log::staff(view.staff);
    audit_log::record(app, &mut tx, who, action, target(id), ip, details).await?;
    tx.commit().await?;
    crate::home::invalidate_counts(app);
    Ok(Added::Done)
}

/// Takes a customer of the administrator's tenants out of the
/// organization.
pub async fn remove(
    app: &App,
    principal: &Principal,
    id: OrganizationId,
    customer: CustomerId,
    ip: IpAddr,
) -> Result<(), AppError> {
    let mut tx = app.db.begin().await?;
    let Ok((view, _)) = current(principal, &mut tx, id, None).await? else {
        return Err(AppError::NotFound);
    };
    let found = store::customer_in(&mut tx, &view.scope, customer)
        .await?
        .ok_or(AppError::NotFound)?;
    if found.organization_id != Some(id.0) {
        return Err(AppError::NotFound);
    }
    let now = app.clock.now();
    if !store::set_organization(&mut tx, customer, Some(id), None, now).await? {
        return Err(AppError::Conflict);
    }
    store::touch(&mut tx, id, now).await?;
    let details = serde_json::json!({ "customer": customer.0 });
    let action = "organization.customer_removed";
    let who = audit_log::staff(view.staff);
    audit_log::record(app, &mut tx, who, action, target(id), ip, details).await?;
    tx.commit().await?;
    crate::home::invalidate_counts(app);
    Ok(())
}

/// A login of the organization with the customers it sees: `None` when
/// it sees every customer of the organization.
#[derive(Debug, Clone)]
pub struct Login {
    pub row: LoginRow,
    pub customers: Option<Vec<i64>>,
}

/// The organization's logins (of a household: usually one).
pub async fn logins(
    app: &App,
    principal: &Principal,
    id: OrganizationId,
) -> Result<Vec<Login>, AppError> {
    crate::organizations::get(app, principal, id).await?;
    let pairs = store::login_customers(&app.db, id).await?;
    Ok(store::logins(&app.db, id)
        .await?
        .into_iter()
        .map(|row| {
            let customers = row.scope_customers_set.then(|| {
                pairs
                    .iter()
                    .filter(|(u, _)| *u == row.id)
                    .map(|(_, c)| *c)
                    .collect()
            });
            Login { row, customers }
        })
        .collect())
}

/// Turns the household's customers on (`customers`) and off for one of
/// its logins, keeping the login's other restrictions; the user's
/// `updated_at` as the form saw it guards against a stale form.
pub async fn set_login_customers(
    app: &App,
    principal: &Principal,
    id: OrganizationId,
    user: i64,
    customers: Vec<i64>,
    seen: &str,
    ip: IpAddr,
) -> Result<Changed, AppError> {
    staff_view::admin(principal)?;
    let logins = store::logins(&app.db, id).await?;
    if crate::organizations::get(app, principal, id).await.is_err()
        || !logins.iter().any(|l| l.id == user)
    {
        return Err(AppError::NotFound);
    }
    let page = user_scope::page(app, principal, user).await?;
    let r = &page.restrictions;
    let form = ScopeForm {
        customers: Some(customers),
        contract_types: r
            .contract_types
            .as_ref()
            .map(|l| l.iter().map(|c| c.as_str().to_owned()).collect()),
        statuses: r
            .statuses
            .as_ref()
            .map(|l| l.iter().map(|c| c.as_str().to_owned()).collect()),
        lines: r
            .lines
            .as_ref()
            .map(|l| l.iter().map(|c| c.as_str().to_owned()).collect()),
    };
    user_scope::save(app, principal, user, &form, seen, ip).await
}

/// The organization's contacts at the broker.
pub async fn contacts(
    app: &App,
    principal: &Principal,
    id: OrganizationId,
) -> Result<Vec<ContactRow>, AppError> {
    crate::organizations::get(app, principal, id).await?;
    Ok(store::contacts(&app.db, id).await?)
}

/// The contacts the portal shows a user of an organization.
pub async fn contacts_for_user(
    app: &App,
    principal: &Principal,
) -> Result<Vec<ContactRow>, AppError> {
    if principal.is_staff() {
        return Ok(Vec::new());
    }
    Ok(store::of_organization(&app.db, &principal.scope).await?)
}

/// Adds a staff user of the administrator's tenants as a contact with a
/// role text (or changes the role of one already there).
pub async fn put_contact(
    app: &App,
    principal: &Principal,
    id: OrganizationId,
    staff: StaffUserId,
    role: &str,
    ip: IpAddr,
) -> Result<(), AppError> {
    let role = role.trim();
    if role.chars().count() > ROLE_MAX || role.chars().any(char::is_control) {
        return Err(AppError::Validation(vec![FieldError {
            field: "role",
            key: "org-error-role",
        }]));
    }
    let mut tx = app.db.begin().await?;
    let Ok((view, _)) = current(principal, &mut tx, id, None).await? else {
        return Err(AppError::NotFound);
    };
    if !store::staff_in_tenants(&mut tx, staff, view.tenants()).await? {
        return Err(AppError::Validation(vec![FieldError {
            field: "staff",
            key: "org-error-contact",
        }]));
    }
    store::put_contact(&mut tx, id, staff, role).await?;
    let details = serde_json::json!({ "staff_user": staff.0, "role": role });
    let who = audit_log::staff(view.staff);
    let action = "organization.contact_set";
    audit_log::record(app, &mut tx, who, action, target(id), ip, details).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a contact.
pub async fn remove_contact(
    app: &App,
    principal: &Principal,
    id: OrganizationId,
    staff: StaffUserId,
    ip: IpAddr,
) -> Result<(), AppError> {
    let mut tx = app.db.begin().await?;
    let Ok((view, _)) = current(principal, &mut tx, id, None).await? else {
        return Err(AppError::NotFound);
    };
    if !store::remove_contact(&mut tx, id, staff).await? {
        return Err(AppError::NotFound);
    }
    let details = serde_json::json!({ "staff_user": staff.0 });
    let who = audit_log::staff(view.staff);
    let action = "organization.contact_removed";
    audit_log::record(app, &mut tx, who, action, target(id), ip, details).await?;
    tx.commit().await?;
    Ok(())
}

fn logo_error(key: &'static str) -> AppError {
    AppError::Validation(vec![FieldError { field: "logo", key }])
}

/// Checks an uploaded logo by its first bytes (PNG or JPEG; an SVG can
/// carry script), stores it sealed in the blob store and makes it the
/// organization's; `None` removes the logo. A refused file changes
/// nothing.
pub async fn set_logo(
    app: &App,
    principal: &Principal,
    id: OrganizationId,
    bytes: Option<&[u8]>,
    ip: IpAddr,
) -> Result<Outcome, AppError> {
    staff_view::admin(principal)?;
    let key = match bytes {
        Some(bytes) => {
            if bytes.is_empty() {
                return Err(logo_error("org-error-logo-missing"));
            }
            if bytes.len() > MAX_LOGO_BYTES {
                return Err(logo_error("org-error-logo-too-large"));
            }
            let media_type = image_type(bytes).ok_or_else(|| logo_error("org-error-logo-type"))?;
            // Checked before anything is stored: an organization outside
            // the administrator's tenants gets no blob either.
            crate::organizations::get(app, principal, id).await?;
            let key = app
                .blobs
                .put_content(bytes)
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
            Some((key, media_type, bytes.len()))
        }
        None => None,
    };
    let mut tx = app.db.begin().await?;
    let Ok((view, _)) = current(principal, &mut tx, id, None).await? else {
        return Err(AppError::NotFound);
    };
    let now = app.clock.now();
    kp_storage::organizations::set_logo(&mut tx, id, key.as_ref().map(|k| k.0.as_str()), now)
        .await?;
    let (action, details) = match &key {
        Some((_, media_type, size)) => (
            "organization.logo_uploaded",
            serde_json::json!({ "media_type": media_type, "size": size }),
        ),
        None => ("organization.logo_removed", serde_json::json!({})),
    };
    let who = audit_log::staff(view.staff);
    audit_log::record(app, &mut tx, who, action, target(id), ip, details).await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}

/// The staff users of the administrator's tenants who can be named as
/// contacts, as (id, name).
pub async fn contact_choices(
    app: &App,
    principal: &Principal,
) -> Result<Vec<(i64, String)>, AppError> {
    let view = staff_view::admin(principal)?;
    Ok(kp_storage::staff_admin::list(&app.db, view.tenants())
        .await?
        .into_iter()
        .filter(|s| s.active)
        .map(|s| (s.id, s.name))
        .collect())
}
