//! Giving a portal user a permission profile (D2) on the staff user page:
//! the broker-wide profiles and those of the user's own organization may
//! be chosen. A profile of another organization (a forged form) is refused
//! with a message and nothing changes. The principal is read from the
//! database on every request, so the user's next request already has the
//! new profile; the scope caches are keyed by scope and document kinds,
//! never by user, so nothing cached carries the old profile.

use std::net::IpAddr;

use kp_domain::{PermissionProfileId, PortalUserId, Principal};
use kp_storage::profiles as store;
use kp_storage::user_admin as users;

use crate::audit_log;
use crate::profiles::{Profile, profile};
use crate::staff_view::{self, is_current};
use crate::user_admin::Outcome;
use crate::{App, AppError};

/// The profiles the user may be given (broker-wide ones first) and the
/// one they have.
pub async fn choices(
    app: &App,
    principal: &Principal,
    user: PortalUserId,
) -> Result<(Vec<Profile>, Option<PermissionProfileId>), AppError> {
    let view = staff_view::admin(principal)?;
    let mut tx = app.db.begin().await?;
    users::detail_in(&mut tx, &view.scope, user)
        .await?
        .ok_or(AppError::NotFound)?;
    let (organization, current) = store::user_owner(&mut tx, user).await?;
    tx.commit().await?;
    let profiles = store::assignable(&app.db, &view.scope, organization)
        .await?
        .into_iter()
        .map(profile)
        .collect::<Result<_, _>>()?;
    Ok((profiles, current))
}

/// Gives the user `chosen` (`None`: no profile, the whole portal), when
/// the user page was opened at `seen` (the user's `updated_at`).
pub async fn assign(
    app: &App,
    principal: &Principal,
    user: PortalUserId,
    chosen: Option<PermissionProfileId>,
    seen: &str,
    ip: IpAddr,
) -> Result<Outcome, AppError> {
    let view = staff_view::admin(principal)?;
    let mut tx = app.db.begin().await?;
    let detail = users::detail_in(&mut tx, &view.scope, user)
        .await?
        .ok_or(AppError::NotFound)?;
    if !is_current(seen, detail.updated_at) {
        return Ok(Outcome::Stale);
    }
    let (organization, previous) = store::user_owner(&mut tx, user).await?;
    if let Some(id) = chosen {
        let Some(row) = store::get_in(&mut tx, &view.scope, id).await? else {
            return Ok(Outcome::Refused("profiles-assign-unknown"));
        };
        if row.organization_id.is_some() && row.organization_id != organization.map(|o| o.0) {
            return Ok(Outcome::Refused("profiles-assign-other-organization"));
        }
    }
    if !store::assign(&mut tx, user, chosen, detail.updated_at, app.clock.now()).await? {
        return Ok(Outcome::Stale);
    }
    audit_log::record(
        app,
        &mut tx,
        audit_log::staff(view.staff),
        "user.profile_assigned",
        audit_log::portal_user(user),
        ip,
        serde_json::json!({
            "profile": chosen.map(|p| p.0),
            "previous": previous.map(|p| p.0),
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}
