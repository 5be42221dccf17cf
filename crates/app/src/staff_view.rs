//! What a staff member administers: the users and audit entries of their
//! tenants. An administrator without tenants administers everything; any
//! other staff member (administrators with tenants too) the portal users
//! whose customer or organization has a customer in one of their tenants,
//! and the staff users who share a tenant with them. Portal users and
//! staff viewing the portal as a customer administer nothing.

use kp_domain::{Actor, CustomerSet, Principal, Scope, StaffUserId, TenantId};

use crate::AppError;

/// The staff member and the part of the data they administer.
#[derive(Debug, Clone)]
pub struct StaffView {
    pub staff: StaffUserId,
    pub admin: bool,
    /// `None`: every tenant.
    pub tenants: Option<Vec<TenantId>>,
    /// The customers of those tenants, as a scope for the statements.
    pub scope: Scope,
}

impl StaffView {
    pub fn tenants(&self) -> Option<&[TenantId]> {
        self.tenants.as_deref()
    }
}

/// The view of a staff member acting as themselves; `Forbidden` for
/// everyone else (the web layer answers portal users with a 404).
pub fn of(principal: &Principal) -> Result<StaffView, AppError> {
    let Actor::Staff { id, tenants, .. } = &principal.actor else {
        return Err(AppError::Forbidden);
    };
    if principal.impersonated_by.is_some() {
        return Err(AppError::Forbidden);
    }
    let admin = principal.is_admin();
    let tenants = if admin && tenants.is_empty() {
        None
    } else {
        Some(tenants.clone())
    };
    let scope = match &tenants {
        None => Scope::everything(),
        Some(t) => Scope::customers(CustomerSet::Tenants(t.clone())),
    };
    Ok(StaffView {
        staff: *id,
        admin,
        tenants,
        scope,
    })
}

/// [`of`], for administrators only.
pub fn admin(principal: &Principal) -> Result<StaffView, AppError> {
    let view = of(principal)?;
    if view.admin {
        Ok(view)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The `updated_at` a form carries, as microseconds since the epoch
/// (what both databases keep).
pub fn stamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.timestamp_micros().to_string()
}

/// Whether the form's stamp is the record's current one.
pub fn is_current(form: &str, at: chrono::DateTime<chrono::Utc>) -> bool {
    form.trim() == stamp(at)
}
