//! What a colleague sees: the admin narrows it with the same
//! restrictions staff use (customers, contract types, statuses, lines,
//! objects and claims), offered only from what the admin sees. The
//! object and claim lists are set from a search ("every object matching
//! 86159") run with the admin's own scope, so they never hold a record
//! the admin does not see. After writing, the user's scope as stored is
//! compared with the admin's ([`super::grant`]); a forged form asking for
//! more is rolled back and audited.

use std::net::IpAddr;

use kp_domain::{
    ContractStatus, ContractType, CustomerId, LineOfBusiness, PortalUserId, Principal, Scope,
    UnknownCode,
};
use kp_storage::db::Tx;
use kp_storage::user_scope::{self as store, CustomerChoice, Restrictions};
use kp_storage::user_scope_pick::{self as pick, PickKind, Pickable};

use super::grant::{audit_denied, check_scope};
use super::{OrgAdmin, Outcome};
use crate::staff_view::is_current;
use crate::{App, AppError, audit_log};

/// A change of the object or claim list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ListChange {
    /// Leave the list as it is.
    #[default]
    Keep,
    /// No restriction by this kind of record.
    All,
    /// Exactly the records the admin sees that match the text.
    Matching(String),
}

/// The restrictions as posted: codes as text. `None`: all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeRequest {
    pub customers: Option<Vec<i64>>,
    pub contract_types: Option<Vec<String>>,
    pub statuses: Option<Vec<String>>,
    pub lines: Option<Vec<String>>,
    pub objects: ListChange,
    pub claims: ListChange,
}

impl ScopeRequest {
    fn is_empty(&self) -> bool {
        *self == ScopeRequest::default()
    }
}

/// What the form offers: only what the admin has.
pub struct ScopeChoices {
    pub customers: Vec<CustomerChoice>,
    pub contract_types: Vec<ContractType>,
    pub statuses: Vec<ContractStatus>,
    pub lines: Vec<LineOfBusiness>,
    /// Entries of the user's object and claim lists; `None`: no list.
    pub objects: Option<i64>,
    pub claims: Option<i64>,
}

fn offered<T: Copy>(own: &Option<Vec<T>>, all: &[T]) -> Vec<T> {
    own.clone().unwrap_or_else(|| all.to_vec())
}

/// The choices for a user's scope form (`None`: a new user).
pub async fn scope_choices(
    app: &App,
    principal: &Principal,
    user: Option<(PortalUserId, &Scope)>,
) -> Result<ScopeChoices, AppError> {
    let admin = super::of(principal)?;
    let mut tx = app.db.begin().await?;
    // A new user has no list: any id that is no user's does.
    let listed_for = user.map_or(PortalUserId(0), |(id, _)| id);
    let customers =
        store::customer_choices(&mut tx, &admin.org_scope, &principal.scope, listed_for).await?;
    let mut objects = None;
    let mut claims = None;
    if let Some((id, scope)) = user {
        if scope.object_list().is_some() {
            objects = Some(pick::list_len(&mut tx, id, PickKind::Objects).await?);
        }
        if scope.claim_list().is_some() {
            claims = Some(pick::list_len(&mut tx, id, PickKind::Claims).await?);
        }
    }
    tx.commit().await?;
    let own = &principal.scope;
    Ok(ScopeChoices {
        customers,
        contract_types: offered(&own.contract_types, ContractType::ALL),
        statuses: offered(&own.statuses, ContractStatus::ALL),
        lines: offered(&own.lines, LineOfBusiness::ALL),
        objects,
        claims,
    })
}

fn codes<T>(
    list: &Option<Vec<String>>,
    parse: fn(&str) -> Result<T, UnknownCode>,
) -> Result<Option<Vec<T>>, UnknownCode> {
    list.as_ref()
        .map(|l| l.iter().map(|c| parse(c)).collect())
        .transpose()
}

/// Writes the request for `user` in `tx` (the row's `updated_at` was
/// `seen`) and checks the result against the admin's scope. Nothing is
/// committed here; on anything but `Done` the caller drops `tx`.
pub(crate) async fn apply(
    tx: &mut Tx,
    app: &App,
    principal: &Principal,
    admin: &OrgAdmin,
    user: PortalUserId,
    seen: chrono::DateTime<chrono::Utc>,
    request: &ScopeRequest,
) -> Result<Outcome, AppError> {
    let (Ok(contract_types), Ok(statuses), Ok(lines)) = (
        codes(&request.contract_types, ContractType::parse),
        codes(&request.statuses, ContractStatus::parse),
        codes(&request.lines, LineOfBusiness::parse),
    ) else {
        return Ok(Outcome::Refused("scope-refused-unknown-code"));
    };
    let now = app.clock.now();
    let restrictions = Restrictions {
        contract_types,
        statuses,
        lines,
        customers: request
            .customers
            .as_ref()
            .map(|ids| ids.iter().copied().map(CustomerId).collect()),
    };
    let own = &principal.scope;
    kp_storage::org_admin::clear_customers(tx, user).await?;
    match store::save(tx, &admin.org_scope, own, user, seen, now, &restrictions).await? {
        None => return Ok(Outcome::Stale),
        Some(false) => {
            return Ok(Outcome::Denied(super::Denied(
                kp_domain::delegation::Excess::Customers,
            )));
        }
        Some(true) => {}
    }
    for (kind, change) in [
        (PickKind::Objects, &request.objects),
        (PickKind::Claims, &request.claims),
    ] {
        let restricted = match change {
            ListChange::Keep => continue,
            ListChange::All => false,
            ListChange::Matching(_) => true,
        };
        if !pick::mark(tx, user, kind, restricted, now, now).await? {
            return Ok(Outcome::Stale);
        }
        pick::clear(tx, user, kind).await?;
        if let ListChange::Matching(text) = change {
            // Searched with the admin's own scope as the base: only what
            // they see can be added.
            let p = Pickable {
                base: own,
                staff: own,
                user,
                kind,
            };
            pick::add_matching(tx, p, Some(text.as_str())).await?;
        }
    }
    let scope = store::scope_of(tx, user).await?.ok_or(AppError::NotFound)?;
    Ok(match check_scope(tx, principal, &scope).await? {
        Ok(()) => Outcome::Done,
        Err(denied) => Outcome::Denied(denied),
    })
}

/// Changes a colleague's scope from the form opened at `seen`.
pub async fn change_scope(
    app: &App,
    principal: &Principal,
    id: i64,
    request: &ScopeRequest,
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
    let outcome = apply(
        &mut tx,
        app,
        principal,
        &admin,
        user,
        detail.updated_at,
        request,
    )
    .await?;
    match &outcome {
        Outcome::Done => {}
        Outcome::Denied(denied) => {
            drop(tx);
            audit_denied(app, principal, Some(user), "scope", denied, ip).await?;
            return Ok(outcome);
        }
        _ => return Ok(outcome),
    }
    audit_log::record(
        app,
        &mut tx,
        audit_log::who(principal),
        crate::user_scope::AUDIT_ACTION,
        audit_log::portal_user(user),
        ip,
        describe(request),
    )
    .await?;
    tx.commit().await?;
    crate::home::invalidate_counts(app);
    Ok(Outcome::Done)
}

fn list_change(change: &ListChange) -> serde_json::Value {
    match change {
        ListChange::Keep => serde_json::Value::from("kept"),
        ListChange::All => serde_json::Value::from("all"),
        ListChange::Matching(text) => serde_json::json!({ "matching": text }),
    }
}

/// The audit entry's short description of the request.
pub(crate) fn describe(request: &ScopeRequest) -> serde_json::Value {
    if request.is_empty() {
        return serde_json::json!({});
    }
    serde_json::json!({
        "customers": request.customers,
        "contract_types": request.contract_types,
        "statuses": request.statuses,
        "lines": request.lines,
        "objects": list_change(&request.objects),
        "claims": list_change(&request.claims),
    })
}
