//! Deactivating and reactivating a colleague. Deactivation ends every
//! session of the user in the same transaction; the last active
//! administrator of the organization cannot deactivate themselves.

use std::net::IpAddr;

use kp_domain::{PortalUserId, PortalUserStatus, Principal};
use kp_storage::org_admin as org_store;
use kp_storage::user_admin as store;

use super::Outcome;
use crate::staff_view::is_current;
use crate::{App, AppError, audit_log};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusAction {
    Deactivate,
    Reactivate,
}

pub async fn change_status(
    app: &App,
    principal: &Principal,
    id: i64,
    action: StatusAction,
    seen: &str,
    ip: IpAddr,
) -> Result<Outcome, AppError> {
    let id = PortalUserId(id);
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let (admin, user, _) = super::target(&mut tx, principal, id, true).await?;
    if !is_current(seen, user.updated_at) {
        return Ok(Outcome::Stale);
    }
    let status = PortalUserStatus::parse(&user.status).ok();
    let (changed, action_key, details) = match action {
        StatusAction::Deactivate => {
            if status == Some(PortalUserStatus::Inactive) {
                return Ok(Outcome::Refused("users-refused-inactive"));
            }
            if id == admin.user {
                let admins = org_store::active_admins(&mut tx, admin.org).await?;
                if admins.iter().all(|a| *a == admin.user) {
                    return Ok(Outcome::Refused("org-admin-refused-last-admin"));
                }
            }
            let ok = store::set_status(
                &mut tx,
                id,
                user.updated_at,
                PortalUserStatus::Inactive,
                now,
            )
            .await?;
            let ended = store::end_sessions(&mut tx, id).await?;
            (
                ok,
                "user.deactivated",
                serde_json::json!({ "sessions_ended": ended }),
            )
        }
        StatusAction::Reactivate => {
            if status != Some(PortalUserStatus::Inactive) {
                return Ok(Outcome::Refused("users-refused-not-inactive"));
            }
            let next = if user.has_password {
                PortalUserStatus::Active
            } else {
                PortalUserStatus::Invited
            };
            let ok = store::set_status(&mut tx, id, user.updated_at, next, now).await?;
            (ok, "user.reactivated", serde_json::json!({}))
        }
    };
    if !changed {
        return Ok(Outcome::Stale);
    }
    audit_log::record(
        app,
        &mut tx,
        audit_log::who(principal),
        action_key,
        audit_log::portal_user(id),
        ip,
        details,
    )
    .await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}
