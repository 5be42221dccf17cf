//! Staff narrow what a portal user sees (D3): to some customers of the
//! organization, contract types, contract statuses, lines of business, and
//! single objects and claims ([`crate::user_scope_pick`]). The user is read
//! through the staff member's view, as every user action is
//! ([`crate::user_admin`]); each change refuses a stale form, checks every
//! posted id against the user's base scope and the staff member's in its
//! transaction, writes `user.scope_changed` to the audit log, and forgets
//! the counts cached per scope, so the user's next request shows the
//! narrowed data.

use std::net::IpAddr;

use kp_domain::{
    ContractStatus, ContractType, CustomerId, CustomerSet, LineOfBusiness, PortalUserId, Principal,
    Scope, UnknownCode,
};
use kp_storage::db::Tx;
use kp_storage::home::{self, ScopeCounts};
use kp_storage::user_admin::{self as admin_store, UserDetail};
use kp_storage::user_scope::{self as store, CustomerChoice, Restrictions};
use kp_storage::user_scope_pick::{self as pick, PickKind};

use crate::staff_view::{self, StaffView, is_current};
use crate::{App, AppError, audit_log};

/// The audit action of every change of a user's scope.
pub(crate) const AUDIT_ACTION: &str = "user.scope_changed";

/// How a change ended when nothing went wrong technically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// Done; the number of list entries added or removed, where that applies.
    Done(u64),
    /// The user changed since the form was opened: nothing changed.
    Stale,
    /// Refused (translation key): nothing changed.
    Refused(&'static str),
}

/// The user as the staff member may administer them, in `tx`.
pub(crate) struct Target {
    pub view: StaffView,
    pub user: UserDetail,
    /// What the user sees as saved.
    pub scope: Scope,
    /// Their customer or organization, without restrictions.
    pub base: Scope,
}

pub(crate) async fn target(
    principal: &Principal,
    tx: &mut Tx,
    id: i64,
) -> Result<Target, AppError> {
    let view = staff_view::of(principal)?;
    let id = PortalUserId(id);
    let user = admin_store::detail_in(tx, &view.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let scope = store::scope_of(tx, id).await?.ok_or(AppError::NotFound)?;
    let base = Scope::customers(scope.customers.clone());
    Ok(Target {
        view,
        user,
        scope,
        base,
    })
}

/// What the scope page shows.
pub struct ScopePage {
    pub user: UserDetail,
    /// An organization's user: the customer restriction applies.
    pub organization: bool,
    pub restrictions: Restrictions,
    pub customers: Vec<CustomerChoice>,
    /// Entries of the object list; `None`: not restricted by object.
    pub objects: Option<i64>,
    pub claims: Option<i64>,
    /// What the user sees with the restrictions as saved.
    pub counts: ScopeCounts,
}

pub async fn page(app: &App, principal: &Principal, id: i64) -> Result<ScopePage, AppError> {
    let mut tx = app.db.begin().await?;
    let t = target(principal, &mut tx, id).await?;
    let user_id = PortalUserId(id);
    let organization = matches!(t.scope.customers, CustomerSet::Organization(_));
    let customers = if organization {
        store::customer_choices(&mut tx, &t.base, &t.view.scope, user_id).await?
    } else {
        Vec::new()
    };
    let listed = match t.scope.customer_list() {
        Some(_) => Some(store::listed_customers(&mut tx, user_id).await?),
        None => None,
    };
    let objects = match t.scope.object_list() {
        Some(_) => Some(pick::list_len(&mut tx, user_id, PickKind::Objects).await?),
        None => None,
    };
    let claims = match t.scope.claim_list() {
        Some(_) => Some(pick::list_len(&mut tx, user_id, PickKind::Claims).await?),
        None => None,
    };
    drop(tx);
    // The same statement the user's home page counts with, on the scope
    // their next session gets.
    let counts = home::counts(&app.db, &t.scope).await?;
    Ok(ScopePage {
        user: t.user,
        organization,
        restrictions: Restrictions {
            contract_types: t.scope.contract_types.clone(),
            statuses: t.scope.statuses.clone(),
            lines: t.scope.lines.clone(),
            customers: listed,
        },
        customers,
        objects,
        claims,
        counts,
    })
}

/// The restrictions as posted: codes as text, checked here. `None`: all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeForm {
    pub customers: Option<Vec<i64>>,
    pub contract_types: Option<Vec<String>>,
    pub statuses: Option<Vec<String>>,
    pub lines: Option<Vec<String>>,
}

fn codes<T>(
    list: &Option<Vec<String>>,
    parse: fn(&str) -> Result<T, UnknownCode>,
) -> Result<Option<Vec<T>>, UnknownCode> {
    list.as_ref()
        .map(|l| l.iter().map(|c| parse(c)).collect())
        .transpose()
}

pub async fn save(
    app: &App,
    principal: &Principal,
    id: i64,
    form: &ScopeForm,
    seen: &str,
    ip: IpAddr,
) -> Result<Changed, AppError> {
    let (Ok(contract_types), Ok(statuses), Ok(lines)) = (
        codes(&form.contract_types, ContractType::parse),
        codes(&form.statuses, ContractStatus::parse),
        codes(&form.lines, LineOfBusiness::parse),
    ) else {
        return Ok(Changed::Refused("scope-refused-unknown-code"));
    };
    let mut tx = app.db.begin().await?;
    let t = target(principal, &mut tx, id).await?;
    if !is_current(seen, t.user.updated_at) {
        return Ok(Changed::Stale);
    }
    let organization = matches!(t.base.customers, CustomerSet::Organization(_));
    if form.customers.is_some() && !organization {
        return Ok(Changed::Refused("scope-refused-not-organization"));
    }
    let restrictions = Restrictions {
        contract_types,
        statuses,
        lines,
        customers: form
            .customers
            .as_ref()
            .map(|ids| ids.iter().copied().map(CustomerId).collect()),
    };
    let now = app.clock.now();
    let user = PortalUserId(id);
    let saved = store::save(
        &mut tx,
        &t.base,
        &t.view.scope,
        user,
        t.user.updated_at,
        now,
        &restrictions,
    )
    .await?;
    match saved {
        None => return Ok(Changed::Stale),
        Some(false) => return Ok(Changed::Refused("scope-refused-foreign")),
        Some(true) => {}
    }
    let details = serde_json::json!({
        "contract_types": form.contract_types,
        "statuses": form.statuses,
        "lines": form.lines,
        "customers": form.customers,
    });
    finish(app, tx, &t.view, user, ip, details).await?;
    Ok(Changed::Done(0))
}

/// Audits the change, commits, and forgets what was counted per scope:
/// the user's scope is keyed by their id and flags, not by the ids listed,
/// so a cached count would outlive the change otherwise.
pub(crate) async fn finish(
    app: &App,
    mut tx: Tx,
    view: &StaffView,
    user: PortalUserId,
    ip: IpAddr,
    details: serde_json::Value,
) -> Result<(), AppError> {
    audit_log::record(
        app,
        &mut tx,
        audit_log::staff(view.staff),
        AUDIT_ACTION,
        audit_log::portal_user(user),
        ip,
        details,
    )
    .await?;
    tx.commit().await?;
    crate::home::invalidate_counts(app);
    tracing::info!(portal_user = user.0, "portal user's scope changed");
    Ok(())
}
