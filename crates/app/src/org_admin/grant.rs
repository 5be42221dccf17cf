//! The comparison of what is granted with what the admin has: both
//! scopes spelled out as [`Grant`]s (the id lists read from their
//! tables) and checked with [`kp_domain::delegation`]; a refusal is
//! audited in a transaction of its own, since the change is rolled back.

use std::collections::BTreeSet;
use std::net::IpAddr;

use kp_domain::delegation::{self, Excess, Grant};
use kp_domain::{ClaimId, CustomerId, ObjectId, Permissions, PortalUserId, Principal, Scope};
use kp_storage::db::Tx;
use kp_storage::org_admin::{ListKind, listed_ids};

use crate::{App, AppError, audit_log};

/// A change refused because it would grant more than the admin has:
/// nothing was changed, the refusal is in the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied(pub Excess);

impl Denied {
    /// The message for the user (translation key).
    pub fn message(&self) -> &'static str {
        if self.0.is_profile() {
            "org-admin-denied-profile"
        } else {
            "org-admin-denied-scope"
        }
    }
}

fn set<T: Ord + Clone>(list: &Option<Vec<T>>) -> Option<BTreeSet<T>> {
    list.as_ref().map(|l| l.iter().cloned().collect())
}

async fn ids<T: Ord>(
    tx: &mut Tx,
    user: Option<PortalUserId>,
    kind: ListKind,
    wrap: fn(i64) -> T,
) -> Result<Option<BTreeSet<T>>, AppError> {
    match user {
        None => Ok(None),
        Some(user) => Ok(Some(
            listed_ids(tx, user, kind)
                .await?
                .into_iter()
                .map(wrap)
                .collect(),
        )),
    }
}

/// The scope with its id lists spelled out, read in `tx`.
pub(crate) async fn grant_of(tx: &mut Tx, scope: &Scope) -> Result<Grant, AppError> {
    Ok(Grant {
        customers: ids(tx, scope.customer_list(), ListKind::Customers, CustomerId).await?,
        contract_types: set(&scope.contract_types),
        statuses: set(&scope.statuses),
        lines: set(&scope.lines),
        objects: ids(tx, scope.object_list(), ListKind::Objects, ObjectId).await?,
        claims: ids(tx, scope.claim_list(), ListKind::Claims, ClaimId).await?,
    })
}

/// Whether the target's scope as now written in `tx` is within the
/// admin's own.
pub(crate) async fn check_scope(
    tx: &mut Tx,
    principal: &Principal,
    target: &Scope,
) -> Result<Result<(), Denied>, AppError> {
    let own = grant_of(tx, &principal.scope).await?;
    let requested = grant_of(tx, target).await?;
    Ok(delegation::scope_within(&requested, &own).map_err(Denied))
}

/// Whether a profile (`None`: none, the whole portal) is no broader than
/// the admin's own.
pub(crate) fn check_profile(principal: &Principal, requested: &Permissions) -> Result<(), Denied> {
    delegation::profile_within(requested, &principal.permissions).map_err(Denied)
}

/// Writes `user.delegation_denied` about `target` (`None`: an invitation
/// that created nobody).
pub(crate) async fn audit_denied(
    app: &App,
    principal: &Principal,
    target: Option<PortalUserId>,
    what: &str,
    denied: &Denied,
    ip: IpAddr,
) -> Result<(), AppError> {
    let mut tx = app.db.begin().await?;
    let target = match target {
        Some(id) => audit_log::portal_user(id),
        None => ("portal_user", None),
    };
    audit_log::record(
        app,
        &mut tx,
        audit_log::who(principal),
        "user.delegation_denied",
        target,
        ip,
        serde_json::json!({ "attempt": what, "exceeds": denied.0.describe() }),
    )
    .await?;
    tx.commit().await?;
    tracing::warn!(attempt = what, exceeds = %denied.0.describe(), "delegated admin refused");
    Ok(())
}
