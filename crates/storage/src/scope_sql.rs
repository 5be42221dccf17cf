//! Compiles a [`Scope`] into SQL predicates: the single place where the
//! access rule becomes SQL. Every read of customer data starts its statement
//! with [`statement`] (a `WITH` clause defining the visible contracts,
//! objects and claims once) and appends one of the predicates below to its
//! `WHERE` clause; the property test in `tests/storage` checks them against
//! a plain-Rust evaluation of the same rule on random data.
//!
//! The sets are materialised once per statement because a page counts or
//! lists several kinds of records that all depend on the visible contracts;
//! recomputing them per predicate made a home page ten times slower.
//!
//! Records below a contract (documents, messages, tasks, finance items)
//! carry the ids of every record above them (a claim document also names its
//! object, contract and customer); the most specific one decides. Extra
//! conjuncts below only ever narrow, so a writer that forgets a context id
//! hides a record rather than leaking it.

use kp_domain::{CustomerSet, Scope};

use crate::args::Sql;

/// `col` holds a customer id in the scope's customer set C.
pub fn customer(scope: &Scope, col: &str, sql: &mut Sql) {
    match &scope.customers {
        CustomerSet::All => {
            sql.push("TRUE");
        }
        CustomerSet::Tenants(tenants) => {
            sql.push(col)
                .push(" IN (SELECT sc.id FROM customers sc WHERE sc.tenant_id IN ");
            sql.bind_list(tenants.iter().copied()).push(")");
        }
        CustomerSet::Ids(ids) => {
            sql.push(col).push(" IN ");
            sql.bind_list(ids.iter().copied());
        }
        CustomerSet::Organization { id, only } => {
            sql.push("(")
                .push(col)
                .push(" IN (SELECT sg.id FROM customers sg WHERE sg.organization_id = ");
            sql.bind(*id).push(")");
            if let Some(only) = only {
                sql.push(" AND ").push(col).push(" IN ");
                sql.bind_list(only.iter().copied());
            }
            sql.push(")");
        }
    }
}

/// Starts a statement that reads customer data: `WITH scope_contracts(id)
/// AS (…), scope_objects(id) AS (…), scope_claims(id) AS (…) `. The
/// predicates below refer to these names; a statement that forgets this
/// prefix fails with an unknown table instead of leaking. Sets a statement
/// does not use are not computed by either database.
pub fn statement(scope: &Scope) -> Sql {
    let mut sql = Sql::default();
    if is_unrestricted(scope) {
        return sql;
    }
    sql.push("WITH scope_contracts(id) AS MATERIALIZED (SELECT vk.id FROM contracts vk WHERE ");
    contract_rule(scope, "vk", &mut sql);
    sql.push("), scope_objects(id) AS MATERIALIZED (SELECT vo.id FROM insured_objects vo WHERE ")
        .push("vo.contract_id IN (SELECT id FROM scope_contracts)");
    if let Some(objects) = &scope.objects {
        sql.push(" AND vo.id IN ");
        sql.bind_list(objects.iter().copied());
    }
    sql.push("), scope_claims(id) AS MATERIALIZED (SELECT vc.id FROM claims vc WHERE ")
        .push("vc.contract_id IN (SELECT id FROM scope_contracts)");
    if let Some(objects) = &scope.objects {
        sql.push(" AND vc.object_id IN ");
        sql.bind_list(objects.iter().copied());
    }
    if let Some(claims) = &scope.claims {
        sql.push(" AND vc.id IN ");
        sql.bind_list(claims.iter().copied());
    }
    sql.push(") ");
    sql
}

/// The rule for one contract with alias `k`, used to define
/// `scope_contracts`.
fn contract_rule(scope: &Scope, k: &str, sql: &mut Sql) {
    sql.push("(");
    if matches!(scope.customers, CustomerSet::All) {
        sql.push("TRUE");
    } else {
        sql.push(k).push(".id IN ");
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
    if let Some(objects) = &scope.objects {
        // Not a correlated EXISTS: SQLite would drive it from the id list
        // and probe every listed object for every contract (seconds for a
        // plant manager with a thousand objects). This form is computed once.
        sql.push(" AND ")
            .push(k)
            .push(".id IN (SELECT so.contract_id FROM insured_objects so WHERE so.id IN ");
        sql.bind_list(objects.iter().copied()).push(")");
    }
    sql.push(")");
}

/// `(SELECT … UNION SELECT …)`: ids of the contracts whose policyholder or
/// a co-insured customer is in C. A union rather than `OR EXISTS`, so that
/// both halves are index lookups instead of a scan over every contract.
fn held_by_customers(scope: &Scope, sql: &mut Sql) {
    sql.push("(SELECT pk.id FROM contracts pk WHERE ");
    customer(scope, "pk.customer_id", sql);
    sql.push(" UNION SELECT sci.contract_id FROM contract_co_insured sci WHERE ");
    customer(scope, "sci.customer_id", sql);
    sql.push(")");
}

fn member(scope: &Scope, col: &str, set: &str, sql: &mut Sql) {
    if is_unrestricted(scope) {
        sql.push("TRUE");
    } else {
        sql.push(col)
            .push(" IN (SELECT id FROM ")
            .push(set)
            .push(")");
    }
}

/// The contract with alias `k` is visible.
pub fn contract(scope: &Scope, k: &str, sql: &mut Sql) {
    contract_id(scope, &format!("{k}.id"), sql);
}

/// `col` holds the id of a visible contract.
pub fn contract_id(scope: &Scope, col: &str, sql: &mut Sql) {
    member(scope, col, "scope_contracts", sql);
}

/// The insured object with alias `o` is visible.
pub fn object(scope: &Scope, o: &str, sql: &mut Sql) {
    object_id(scope, &format!("{o}.id"), sql);
}

/// `col` holds the id of a visible insured object.
pub fn object_id(scope: &Scope, col: &str, sql: &mut Sql) {
    member(scope, col, "scope_objects", sql);
}

/// The claim with alias `c` is visible.
pub fn claim(scope: &Scope, c: &str, sql: &mut Sql) {
    claim_id(scope, &format!("{c}.id"), sql);
}

/// `col` holds the id of a visible claim.
pub fn claim_id(scope: &Scope, col: &str, sql: &mut Sql) {
    member(scope, col, "scope_claims", sql);
}

/// Which context columns a table below the customer carries.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub contract: bool,
    pub object: bool,
    pub claim: bool,
}

impl Context {
    /// Documents, conversations, tasks, appointment requests.
    pub const FULL: Context = Context {
        contract: true,
        object: true,
        claim: true,
    };
    /// Finance items: customer or contract.
    pub const CONTRACT: Context = Context {
        contract: true,
        object: false,
        claim: false,
    };
}

/// The record with alias `x` (having `customer_id` and the context columns
/// named by `ctx`) is visible: the most specific record it belongs to is.
pub fn in_context(scope: &Scope, x: &str, ctx: Context, sql: &mut Sql) {
    if is_unrestricted(scope) {
        sql.push("TRUE");
        return;
    }
    // A narrowing prefilter the indexes can drive: the record hangs off a
    // visible contract, or is a customer-level record of C. The CASE below
    // decides precisely.
    sql.push("((");
    contract_id(scope, &format!("{x}.contract_id"), sql);
    sql.push(") OR (").push(x).push(".contract_id IS NULL AND ");
    customer(scope, &format!("{x}.customer_id"), sql);
    sql.push(")) AND (CASE");
    if ctx.claim {
        sql.push(" WHEN ")
            .push(x)
            .push(".claim_id IS NOT NULL THEN ");
        claim_id(scope, &format!("{x}.claim_id"), sql);
    }
    if ctx.object {
        sql.push(" WHEN ")
            .push(x)
            .push(".object_id IS NOT NULL THEN ");
        object_id(scope, &format!("{x}.object_id"), sql);
    }
    if ctx.contract {
        sql.push(" WHEN ")
            .push(x)
            .push(".contract_id IS NOT NULL THEN ");
        contract_id(scope, &format!("{x}.contract_id"), sql);
    }
    sql.push(" ELSE ");
    if scope.sees_customer_level_records() {
        customer(scope, &format!("{x}.customer_id"), sql);
    } else {
        sql.push("FALSE");
    }
    sql.push(" END)");
}

fn is_unrestricted(scope: &Scope) -> bool {
    matches!(scope.customers, CustomerSet::All)
        && !scope.narrows_contracts()
        && scope.claims.is_none()
}
