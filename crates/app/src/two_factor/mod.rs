//! Two-factor sign-in (C1, E4): TOTP, recovery codes, the broker's policy,
//! the second sign-in step and the staff reset. A principal's second
//! factors are changed only by that user themselves (never while
//! impersonated) and only with their current password.

pub mod manage;
pub mod policy;
pub mod recovery;
pub mod reset;
pub mod sign_in;

use kp_domain::{Actor, Principal};
use kp_storage::users::UserRef;

use crate::AppError;

/// The user whose factors a principal may manage: their own, and never
/// while a staff member is impersonating them.
pub fn own_user(principal: &Principal) -> Result<UserRef, AppError> {
    if principal.impersonated_by.is_some() {
        return Err(AppError::Forbidden);
    }
    Ok(match &principal.actor {
        Actor::Staff { id, .. } => UserRef::Staff(*id),
        Actor::Portal { id, .. } => UserRef::Portal(*id),
    })
}

/// The purpose a user's TOTP secret is sealed under: the sealed value
/// opens for that user only.
pub(crate) fn totp_purpose(user: UserRef) -> String {
    match user {
        UserRef::Staff(id) => format!("totp:staff:{}", id.0),
        UserRef::Portal(id) => format!("totp:portal:{}", id.0),
    }
}
