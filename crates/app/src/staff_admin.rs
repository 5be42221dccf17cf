//! Staff administrators administer staff users: the list, one staff user
//! with tenants, role, sessions and sign-ins, and the actions deactivate
//! (ends every session in the same transaction), reactivate and end all
//! sessions, each audited and refused on a stale form. The last active
//! administrator cannot be deactivated (not even by themselves).

use std::net::IpAddr;

use chrono::Duration;
use kp_domain::{Principal, StaffUserId};
use kp_storage::account::{self, SessionEntry, SignIn};
use kp_storage::staff_admin as store;
pub use kp_storage::staff_admin::StaffRow;
use kp_storage::users::UserRef;

use crate::audit_log;
use crate::staff_view::{self, is_current};
use crate::user_admin::Outcome;
use crate::{App, AppError};

pub async fn list(app: &App, principal: &Principal) -> Result<Vec<StaffRow>, AppError> {
    let view = staff_view::admin(principal)?;
    Ok(store::list(&app.db, view.tenants()).await?)
}

pub struct StaffPage {
    pub staff: StaffRow,
    pub tenant_ids: Vec<kp_domain::TenantId>,
    pub sessions: Vec<SessionEntry>,
    pub sign_ins: Vec<SignIn>,
    /// The page is the administrator's own.
    pub own: bool,
}

pub async fn get(app: &App, principal: &Principal, id: i64) -> Result<StaffPage, AppError> {
    let view = staff_view::admin(principal)?;
    let staff = store::get(&app.db, view.tenants(), StaffUserId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let now = app.clock.now();
    let lifetime = Duration::hours(app.policy.session_absolute_hours);
    let user = UserRef::Staff(StaffUserId(id));
    Ok(StaffPage {
        tenant_ids: kp_storage::staff_invite::tenants_of(&app.db, StaffUserId(id)).await?,
        sessions: account::sessions(&app.db, user, now, now - lifetime).await?,
        sign_ins: account::sign_ins(&app.db, &staff.email, 20).await?,
        own: view.staff.0 == id,
        staff,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffAction {
    Deactivate,
    Reactivate,
    EndSessions,
}

impl StaffAction {
    pub fn parse(s: &str) -> Option<StaffAction> {
        Some(match s {
            "deactivate" => StaffAction::Deactivate,
            "reactivate" => StaffAction::Reactivate,
            "end-sessions" => StaffAction::EndSessions,
            _ => return None,
        })
    }

    fn audit_action(self) -> &'static str {
        match self {
            StaffAction::Deactivate => "staff_user.deactivated",
            StaffAction::Reactivate => "staff_user.reactivated",
            StaffAction::EndSessions => "staff_user.sessions_ended",
        }
    }
}

pub async fn act(
    app: &App,
    principal: &Principal,
    id: i64,
    action: StaffAction,
    seen: &str,
    ip: IpAddr,
) -> Result<Outcome, AppError> {
    let view = staff_view::admin(principal)?;
    let id = StaffUserId(id);
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let staff = store::get_in(&mut tx, view.tenants(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !is_current(seen, staff.updated_at) {
        return Ok(Outcome::Stale);
    }
    let mut details = serde_json::json!({});
    let changed = match action {
        StaffAction::Deactivate => {
            if !staff.active {
                return Ok(Outcome::Refused("users-refused-inactive"));
            }
            if staff.role == "admin" && store::other_active_admins(&mut tx, id).await? == 0 {
                return Ok(Outcome::Refused("staff-users-last-admin"));
            }
            let ok = store::set_active(&mut tx, id, staff.updated_at, false, now).await?;
            let ended = store::end_sessions(&mut tx, id).await?;
            details = serde_json::json!({ "sessions_ended": ended });
            ok
        }
        StaffAction::Reactivate => {
            if staff.active {
                return Ok(Outcome::Refused("users-refused-not-inactive"));
            }
            store::set_active(&mut tx, id, staff.updated_at, true, now).await?
        }
        StaffAction::EndSessions => {
            // Ending one's own sessions would sign the administrator out
            // in the middle of the page; "My account" does that.
            if view.staff == id {
                return Ok(Outcome::Refused("staff-users-own-sessions"));
            }
            let ok = store::set_active(&mut tx, id, staff.updated_at, staff.active, now).await?;
            let ended = store::end_sessions(&mut tx, id).await?;
            details = serde_json::json!({ "sessions_ended": ended });
            ok
        }
    };
    if !changed {
        return Ok(Outcome::Stale);
    }
    audit_log::record(
        app,
        &mut tx,
        audit_log::staff(view.staff),
        action.audit_action(),
        ("staff_user", Some(id.0)),
        ip,
        details,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(staff_user = id.0, "staff user administered");
    Ok(Outcome::Done)
}
