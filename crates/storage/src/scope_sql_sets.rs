//! The `WITH` clause every scoped statement starts with: the visible
//! contracts, objects and claims, each computed once per statement — except
//! for a staff member's plain tenant scope, whose predicates check each
//! record's own contract instead ([`plain_tenants`]).

use kp_domain::{CustomerSet, Scope, TenantId};

use super::{customer, in_list};
use crate::args::Sql;

/// `WITH scope_contracts(id) AS (…), scope_objects(id) AS (…),
/// scope_claims(id) AS (…) `.
pub(super) fn prefix(scope: &Scope, sql: &mut Sql) {
    if scope.is_unrestricted() || plain_tenants(scope).is_some() {
        // Kept so that every statement has the same shape; unused, so
        // neither database computes them.
        sql.push(
            "WITH scope_contracts(id) AS (SELECT id FROM contracts), \
             scope_objects(id) AS (SELECT id FROM insured_objects), \
             scope_claims(id) AS (SELECT id FROM claims) ",
        );
        return;
    }
    sql.push("WITH scope_contracts(id) AS MATERIALIZED (");
    if held_only(scope) {
        // The holders' contracts are the whole rule: the ids straight from
        // the customer indexes, without reading every contract row again.
        held_by_customers_body(scope, sql);
    } else {
        sql.push("SELECT vk.id FROM contracts vk WHERE ");
        contract_rule(scope, "vk", sql);
    }
    sql.push("), scope_objects(id) AS MATERIALIZED (SELECT vo.id FROM insured_objects vo WHERE ")
        .push("vo.contract_id IN (SELECT id FROM scope_contracts)");
    if let Some(user) = scope.object_list() {
        sql.push(" AND ");
        in_list("vo.id", "object_id", "portal_user_scope_objects", user, sql);
    }
    sql.push("), scope_claims(id) AS MATERIALIZED (SELECT vc.id FROM claims vc WHERE ")
        .push("vc.contract_id IN (SELECT id FROM scope_contracts)");
    if let Some(user) = scope.object_list() {
        sql.push(" AND ");
        in_list(
            "vc.object_id",
            "object_id",
            "portal_user_scope_objects",
            user,
            sql,
        );
    }
    if let Some(user) = scope.claim_list() {
        sql.push(" AND ");
        in_list("vc.id", "claim_id", "portal_user_scope_claims", user, sql);
    }
    sql.push(") ");
}

/// The rule for one contract with alias `k`, used to define
/// `scope_contracts`.
fn contract_rule(scope: &Scope, k: &str, sql: &mut Sql) {
    sql.push("(");
    match &scope.customers {
        CustomerSet::All => {
            sql.push("TRUE");
        }
        // Staff: the contract's own tenant decides, not its customers'.
        CustomerSet::Tenants(tenants) => {
            sql.push(k).push(".tenant_id IN ");
            sql.bind_list(tenants.iter().copied());
        }
        CustomerSet::Customer(_) | CustomerSet::Organization(_) => {
            sql.push(k).push(".id IN ");
            held_by_customers(scope, sql);
        }
    }
    if scope.customer_list().is_some()
        && matches!(scope.customers, CustomerSet::All | CustomerSet::Tenants(_))
    {
        // A customer list narrows to contracts held by a listed customer.
        sql.push(" AND ").push(k).push(".id IN ");
        held_by_customers(scope, sql);
    }
    if let Some(types) = &scope.contract_types {
        sql.push(" AND ").push(k).push(".contract_type IN ");
        sql.bind_list(types.iter().copied());
    }
    if let Some(statuses) = &scope.statuses {
        sql.push(" AND ").push(k).push(".status IN ");
        sql.bind_list(statuses.iter().copied());
    }
    if let Some(lines) = &scope.lines {
        sql.push(" AND ").push(k).push(".line_of_business IN ");
        sql.bind_list(lines.iter().copied());
    }
    if let Some(user) = scope.object_list() {
        // Not a correlated EXISTS: SQLite would drive it from the list and
        // probe every listed object for every contract (seconds for a plant
        // manager with a thousand objects). This form is computed once.
        sql.push(" AND ")
            .push(k)
            .push(".id IN (SELECT so.contract_id FROM portal_user_scope_objects ls ")
            .push("JOIN insured_objects so ON so.id = ls.object_id WHERE ls.portal_user_id = ");
        sql.bind(user).push(")");
    }
    sql.push(")");
}

/// Whether the scope's contracts are exactly those its customers hold or
/// are co-insured on (a customer or an organization, no further narrowing).
fn held_only(scope: &Scope) -> bool {
    matches!(
        scope.customers,
        CustomerSet::Customer(_) | CustomerSet::Organization(_)
    ) && scope.contract_types.is_none()
        && scope.statuses.is_none()
        && scope.lines.is_none()
        && scope.object_list().is_none()
}

/// `(SELECT … UNION ALL SELECT …)`: ids of the contracts whose policyholder
/// or a co-insured customer is in C. A union rather than `OR EXISTS`, so
/// that both halves are index lookups instead of a scan over every
/// contract.
fn held_by_customers(scope: &Scope, sql: &mut Sql) {
    sql.push("(");
    held_by_customers_body(scope, sql);
    sql.push(")");
}

/// The union itself. `UNION ALL`: an id may come twice (held and
/// co-insured), which no use of the set minds — it is only ever read
/// through `IN` — and it saves the temporary B-tree that removing
/// duplicates costs (5,000 inserts per request for an industrial group).
fn held_by_customers_body(scope: &Scope, sql: &mut Sql) {
    sql.push("SELECT pk.id FROM contracts pk WHERE ");
    customer(scope, "pk.customer_id", sql);
    sql.push(" UNION ALL SELECT sci.contract_id FROM contract_co_insured sci WHERE ");
    customer(scope, "sci.customer_id", sql);
}

/// The tenants of a staff member's plain tenant scope (every record of
/// those tenants, nothing narrowed). Its sets would hold every contract,
/// object and claim of the tenants — 100,000 contracts in the large demo,
/// built for every statement, which made a staff page take a second — so
/// membership is read off the record's own contract instead
/// ([`tenant_member`]), an index lookup per row, and the sets stay unused.
pub(super) fn plain_tenants(scope: &Scope) -> Option<&[TenantId]> {
    match &scope.customers {
        CustomerSet::Tenants(tenants)
            if !scope.narrows_contracts()
                && scope.customer_list().is_none()
                && scope.claim_list().is_none() =>
        {
            Some(tenants)
        }
        _ => None,
    }
}

/// One of the sets a scoped statement's `WITH` clause defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ScopeSet {
    Contracts,
    Objects,
    Claims,
}

impl ScopeSet {
    /// The name of the set in the `WITH` clause.
    pub(super) fn name(self) -> &'static str {
        match self {
            ScopeSet::Contracts => "scope_contracts",
            ScopeSet::Objects => "scope_objects",
            ScopeSet::Claims => "scope_claims",
        }
    }
}

/// `col` holds the id of a record of `set` whose contract belongs to one
/// of `tenants`. The aliases are unusual so that they shadow nothing of
/// the statement around it.
pub(super) fn tenant_member(tenants: &[TenantId], col: &str, set: ScopeSet, sql: &mut Sql) {
    let (from, id) = match set {
        ScopeSet::Contracts => ("contracts scope_k", "scope_k.id"),
        ScopeSet::Objects => (
            "insured_objects scope_r JOIN contracts scope_k ON scope_k.id = scope_r.contract_id",
            "scope_r.id",
        ),
        ScopeSet::Claims => (
            "claims scope_r JOIN contracts scope_k ON scope_k.id = scope_r.contract_id",
            "scope_r.id",
        ),
    };
    sql.push("EXISTS (SELECT 1 FROM ")
        .push(from)
        .push(" WHERE ")
        .push(id)
        .push(" = ")
        .push(col)
        .push(" AND scope_k.tenant_id IN ");
    sql.bind_list(tenants.iter().copied());
    sql.push(")");
}
