//! The organization administrator's object and claim pickers of a
//! colleague's scope: the staff pickers' page and change
//! ([`crate::user_scope_pick`]) with the admin's own scope as both scopes
//! a choice must satisfy, so a record the admin does not see is never
//! offered nor added. A forged id of one is a delegation refusal (403,
//! audited), and after writing, the colleague's scope as stored is
//! compared with the admin's in the same transaction ([`super::grant`]):
//! lifting a restriction the admin has themselves is refused the same way.

use std::net::IpAddr;

use kp_domain::delegation::Excess;
use kp_domain::{PortalUserId, Principal};
use kp_storage::home::{self, ScopeCounts};
use kp_storage::user_scope as scope_store;
use kp_storage::user_scope_pick::{PickKind, Pickable};

use super::Outcome;
use super::grant::{Denied, audit_denied, check_scope};
use crate::staff_view::is_current;
use crate::user_scope_pick::{self as shared, Applied, PickAction, PickPage};
use crate::{App, AppError, audit_log};

/// Whether the admin may offer "no restriction" for `kind`: only where
/// they are not restricted by it themselves.
fn can_clear(principal: &Principal, kind: PickKind) -> bool {
    match kind {
        PickKind::Objects => principal.scope.object_list().is_none(),
        PickKind::Claims => principal.scope.claim_list().is_none(),
    }
}

/// A colleague's picker page: what the admin sees, searched and paged.
#[allow(clippy::too_many_arguments)]
pub async fn pick_page(
    app: &App,
    principal: &Principal,
    id: i64,
    kind: PickKind,
    search: Option<&str>,
    found_page: u32,
    chosen_page: u32,
) -> Result<PickPage, AppError> {
    let user = PortalUserId(id);
    let mut tx = app.db.begin().await?;
    let (_, detail, scope) = super::target(&mut tx, principal, user, false).await?;
    let own = &principal.scope;
    let p = Pickable {
        base: own,
        staff: own,
        user,
        kind,
    };
    let pages = (search, found_page, chosen_page);
    let clear = can_clear(principal, kind);
    shared::page_in(&mut tx, detail, &scope, p, pages, clear).await
}

/// Changes a colleague's object or claim list from the picker opened at
/// `seen`; on `Done`, the number of entries added or removed.
pub async fn pick(
    app: &App,
    principal: &Principal,
    id: i64,
    kind: PickKind,
    action: &PickAction,
    seen: &str,
    ip: IpAddr,
) -> Result<(Outcome, u64), AppError> {
    let user = PortalUserId(id);
    let mut tx = app.db.begin().await?;
    let (admin, detail, _) = super::target(&mut tx, principal, user, true).await?;
    if !is_current(seen, detail.updated_at) {
        return Ok((Outcome::Stale, 0));
    }
    if user == admin.user {
        return Ok((Outcome::Refused("org-admin-refused-self"), 0));
    }
    let own = &principal.scope;
    let p = Pickable {
        base: own,
        staff: own,
        user,
        kind,
    };
    let excess = match kind {
        PickKind::Objects => Excess::Objects,
        PickKind::Claims => Excess::Claims,
    };
    let denied = match shared::apply(&mut tx, app, p, detail.updated_at, action).await? {
        Applied::Stale => return Ok((Outcome::Stale, 0)),
        Applied::Refused(key) => return Ok((Outcome::Refused(key), 0)),
        Applied::Foreign => Err(Denied(excess)),
        Applied::Done(n) => {
            let scope = scope_store::scope_of(&mut tx, user)
                .await?
                .ok_or(AppError::NotFound)?;
            check_scope(&mut tx, principal, &scope).await?.map(|()| n)
        }
    };
    let n = match denied {
        Ok(n) => n,
        Err(denied) => {
            // Rolled back: the refusal is audited in its own transaction.
            drop(tx);
            audit_denied(app, principal, Some(user), "scope", &denied, ip).await?;
            return Ok((Outcome::Denied(denied), 0));
        }
    };
    audit_log::record(
        app,
        &mut tx,
        audit_log::who(principal),
        crate::user_scope::AUDIT_ACTION,
        audit_log::portal_user(user),
        ip,
        shared::describe(kind, action, n),
    )
    .await?;
    tx.commit().await?;
    crate::home::invalidate_counts(app);
    Ok((Outcome::Done, n))
}

/// What a colleague sees with their restrictions as saved, counted as
/// the staff's summary is: the statement of the home page on the scope
/// their next session gets. The colleague is read through [`super::target`]
/// first, so another organization's user is not found.
pub async fn summary(app: &App, principal: &Principal, id: i64) -> Result<ScopeCounts, AppError> {
    let user = PortalUserId(id);
    let mut tx = app.db.begin().await?;
    let (_, _, scope) = super::target(&mut tx, principal, user, false).await?;
    drop(tx);
    Ok(home::counts(&app.db, &scope).await?)
}
