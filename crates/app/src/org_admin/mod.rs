//! Delegated administration (issue 9): a portal user whose profile
//! allows "manage users" administers the users of their own organization
//! — the list, invitations, deactivation and reactivation, profile and
//! scope — but never hands out more than they have themselves
//! ([`kp_domain::delegation`]). Another organization's user is not found;
//! without the function everything is `Forbidden`; staff viewing the
//! portal as such a user may look but not change (every write refuses an
//! impersonated principal). Each refusal of an excess is audited as
//! `user.delegation_denied` and changes nothing.

mod grant;
mod invite;
mod pick;
mod profile;
mod scope;
mod status;

pub use grant::Denied;
pub use invite::{InviteInput, Invited, invite};
pub use pick::{pick, pick_page, summary};
pub use profile::{ProfileChoices, assign_profile, profile_choices};
pub use scope::{ListChange, ScopeChoices, ScopeRequest, change_scope, scope_choices};
pub use status::{StatusAction, change_status};

use kp_domain::{Actor, CustomerSet, Function, OrganizationId, PortalUserId, Principal, Scope};
use kp_storage::db::Tx;
use kp_storage::user_admin::{self as store, UserDetail, UserFilters, UserQuery, UserRow};
use kp_storage::user_scope;

use crate::lists::{ListQuery, Listed, paged};
use crate::{App, AppError};

/// How a change ended when nothing went wrong technically.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// The user changed since the form was opened: nothing changed.
    Stale,
    /// Not possible in the user's state (translation key): nothing changed.
    Refused(&'static str),
    /// More than the admin has: nothing changed, audited.
    Denied(Denied),
}

/// The organization admin acting, with what they have themselves.
#[derive(Debug, Clone)]
pub struct OrgAdmin {
    pub user: PortalUserId,
    pub org: OrganizationId,
    /// Their organization's customers, without restrictions: which users
    /// and profiles belong to it.
    pub org_scope: Scope,
}

/// The organization admin behind the principal; `Forbidden` for a portal
/// user without "manage users" or without an organization, `NotFound`
/// for staff acting as themselves (they have `/staff/users`).
pub fn of(principal: &Principal) -> Result<OrgAdmin, AppError> {
    let Actor::Portal {
        id, organization, ..
    } = &principal.actor
    else {
        return Err(AppError::NotFound);
    };
    let Some(org) = organization else {
        return Err(AppError::Forbidden);
    };
    if !principal.permissions.allows(Function::ManageUsers) {
        return Err(AppError::Forbidden);
    }
    Ok(OrgAdmin {
        user: *id,
        org: *org,
        org_scope: Scope::customers(CustomerSet::Organization(*org)),
    })
}

/// [`of`] for a change: staff viewing the portal as the admin may not.
pub(crate) fn writer(principal: &Principal) -> Result<OrgAdmin, AppError> {
    let admin = of(principal)?;
    if principal.impersonated_by.is_some() {
        return Err(AppError::Forbidden);
    }
    Ok(admin)
}

/// The organization of a portal user, before any permission check: a
/// user's id is looked up first, so that an id outside the organization
/// is the 404 of one that does not exist for everyone, and only then is
/// the missing function a 403 (as for every record page).
fn base(principal: &Principal) -> Result<OrgAdmin, AppError> {
    match &principal.actor {
        Actor::Portal {
            id,
            organization: Some(org),
            ..
        } => Ok(OrgAdmin {
            user: *id,
            org: *org,
            org_scope: Scope::customers(CustomerSet::Organization(*org)),
        }),
        _ => Err(AppError::NotFound),
    }
}

/// The organization's user `id` read in `tx`, then the admin's right to
/// manage them (`write`: a change, which staff viewing the portal may
/// not make).
pub(crate) async fn target(
    tx: &mut Tx,
    principal: &Principal,
    id: PortalUserId,
    write: bool,
) -> Result<(OrgAdmin, UserDetail, Scope), AppError> {
    let admin = base(principal)?;
    let (user, scope) = member(tx, &admin, id).await?;
    if write {
        writer(principal)?;
    } else {
        of(principal)?;
    }
    Ok((admin, user, scope))
}

/// The users of the admin's organization, searched and paged like the
/// staff's list (the filters other than status do not apply).
pub async fn list(
    app: &App,
    principal: &Principal,
    query: &UserQuery,
    page: u32,
) -> Result<Listed<UserRow>, AppError> {
    let admin = of(principal)?;
    paged(page, |page| {
        let query = ListQuery {
            page,
            filters: UserFilters {
                status: query.filters.status,
                organization: Some(admin.org.0),
                ..UserFilters::default()
            },
            ..query.clone()
        };
        let scope = admin.org_scope.clone();
        async move { store::list(&app.db, &scope, &query).await }
    })
    .await
}

/// A user of the admin's organization, read in `tx`; `NotFound` for
/// anyone else (also a private login of one of its companies).
async fn member(
    tx: &mut Tx,
    admin: &OrgAdmin,
    id: PortalUserId,
) -> Result<(UserDetail, Scope), AppError> {
    let user = store::detail_in(tx, &admin.org_scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let scope = user_scope::scope_of(tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if scope.customers != admin.org_scope.customers {
        return Err(AppError::NotFound);
    }
    Ok((user, scope))
}

/// One user's page: the details and their scope as saved.
pub async fn get(
    app: &App,
    principal: &Principal,
    id: i64,
) -> Result<(UserDetail, Scope), AppError> {
    let mut tx = app.db.begin().await?;
    let (_, user, scope) = target(&mut tx, principal, PortalUserId(id), false).await?;
    tx.commit().await?;
    Ok((user, scope))
}
