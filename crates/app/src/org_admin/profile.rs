//! The permission profile of a colleague: the broker-wide profiles and
//! those of the admin's organization that are no broader than the
//! admin's own are offered; "Standard (everything)" only to an admin who
//! has everything. A forged choice is refused, audited, and changes
//! nothing.

use std::net::IpAddr;

use kp_domain::{PermissionProfileId, Permissions, PortalUserId, Principal};
use kp_storage::db::Tx;
use kp_storage::profiles as store;

use super::grant::{audit_denied, check_profile};
use super::{OrgAdmin, Outcome};
use crate::profiles::{Profile, profile};
use crate::staff_view::is_current;
use crate::{App, AppError, audit_log};

/// The profiles the admin may give, and whether "no profile" is one.
pub struct ProfileChoices {
    pub profiles: Vec<Profile>,
    pub none_allowed: bool,
    /// The organization's default profile for new users, when offered:
    /// the invitation form starts with it.
    pub default: Option<PermissionProfileId>,
}

pub async fn profile_choices(app: &App, principal: &Principal) -> Result<ProfileChoices, AppError> {
    let admin = super::of(principal)?;
    let default = kp_storage::organizations::default_profile_of(&app.db, admin.org).await?;
    let profiles: Vec<Profile> = store::assignable(&app.db, &admin.org_scope, Some(admin.org))
        .await?
        .into_iter()
        .map(profile)
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|p| check_profile(principal, &p.permissions()).is_ok())
        .collect();
    Ok(ProfileChoices {
        default: default.filter(|d| profiles.iter().any(|p| p.id == *d)),
        profiles,
        none_allowed: check_profile(principal, &Permissions::all()).is_ok(),
    })
}

/// What `chosen` grants, when the admin may see it at all: a profile of
/// their organization or a broker-wide one. `None` for an unknown one.
pub(crate) async fn permissions_of(
    tx: &mut Tx,
    admin: &OrgAdmin,
    chosen: Option<PermissionProfileId>,
) -> Result<Option<Permissions>, AppError> {
    let Some(id) = chosen else {
        return Ok(Some(Permissions::all()));
    };
    let Some(row) = store::get_in(tx, &admin.org_scope, id).await? else {
        return Ok(None);
    };
    if row.organization_id.is_some_and(|o| o != admin.org.0) {
        return Ok(None);
    }
    Ok(Some(profile(row)?.permissions()))
}

pub async fn assign_profile(
    app: &App,
    principal: &Principal,
    id: i64,
    chosen: Option<PermissionProfileId>,
    seen: &str,
    ip: IpAddr,
) -> Result<Outcome, AppError> {
    let user = PortalUserId(id);
    let mut tx = app.db.begin().await?;
    let (admin, detail, _) = super::target(&mut tx, principal, user, true).await?;
    if !is_current(seen, detail.updated_at) {
        return Ok(Outcome::Stale);
    }
    if user == admin.user {
        return Ok(Outcome::Refused("org-admin-refused-self"));
    }
    let Some(permissions) = permissions_of(&mut tx, &admin, chosen).await? else {
        return Ok(Outcome::Refused("profiles-assign-unknown"));
    };
    if let Err(denied) = check_profile(principal, &permissions) {
        drop(tx);
        audit_denied(app, principal, Some(user), "profile", &denied, ip).await?;
        return Ok(Outcome::Denied(denied));
    }
    let (_, previous) = store::user_owner(&mut tx, user).await?;
    if !store::assign(&mut tx, user, chosen, detail.updated_at, app.clock.now()).await? {
        return Ok(Outcome::Stale);
    }
    audit_log::record(
        app,
        &mut tx,
        audit_log::who(principal),
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
