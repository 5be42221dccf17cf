//! Compiles a [`Scope`] into SQL: the single place where the access rule
//! becomes SQL. A read of customer data is a [`Scoped`] statement: it starts
//! with a `WITH` clause defining the visible contracts, objects and claims
//! once, and its predicates are methods of the statement, so they always
//! refer to the scope the statement was opened with. [`Scoped::finish`]
//! refuses a statement to which no predicate was applied — for
//! administrators too, whose predicates are `TRUE` — so a read that forgets
//! the rule fails in every test instead of leaking in production. The
//! property test in `tests/storage` checks the predicates against a
//! plain-Rust evaluation of the same rule on random data.
//!
//! The sets are materialised once per statement because a page counts or
//! lists several kinds of records that all depend on the visible contracts;
//! recomputing them per predicate made a home page ten times slower.
//!
//! A portal user's id lists (customers, objects, claims) are read from the
//! `portal_user_scope_*` tables by the user's id, never bound as values:
//! a plant manager may hold tens of thousands of objects (past SQLite's
//! 32,766 parameters) and the statement stays the same size for everyone.
//!
//! Records below a contract (documents, messages, tasks, finance items)
//! carry the ids of every record above them (a claim document also names its
//! object, contract and customer); the most specific one decides. Extra
//! conjuncts below only ever narrow, so a writer that forgets a context id
//! hides a record rather than leaking it.

use kp_domain::{CustomerSet, PortalUserId, Scope};

use crate::args::{Arg, Sql};
use crate::{Result, StorageError};

/// A statement that reads customer data within one scope.
pub struct Scoped<'s> {
    scope: &'s Scope,
    sql: Sql,
    predicates: usize,
}

impl<'s> Scoped<'s> {
    /// Opens a statement: `WITH scope_contracts(id) AS (…),
    /// scope_objects(id) AS (…), scope_claims(id) AS (…) `. Sets a statement
    /// does not use are not computed by either database.
    pub fn new(scope: &'s Scope) -> Scoped<'s> {
        let mut sql = Sql::default();
        prefix(scope, &mut sql);
        Scoped {
            scope,
            sql,
            predicates: 0,
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.sql.push(text);
        self
    }

    pub fn bind(&mut self, value: impl Into<Arg>) -> &mut Self {
        self.sql.bind(value);
        self
    }

    pub fn bind_list<T: Into<Arg>>(&mut self, values: impl IntoIterator<Item = T>) -> &mut Self {
        self.sql.bind_list(values);
        self
    }

    /// `col` holds a customer id in the scope's customer set C.
    pub fn customer(&mut self, col: &str) -> &mut Self {
        self.predicates += 1;
        customer(self.scope, col, &mut self.sql);
        self
    }

    /// The contract with alias `k` is visible.
    pub fn contract(&mut self, k: &str) -> &mut Self {
        self.contract_id(&format!("{k}.id"))
    }

    /// `col` holds the id of a visible contract.
    pub fn contract_id(&mut self, col: &str) -> &mut Self {
        self.predicates += 1;
        member(self.scope, col, "scope_contracts", &mut self.sql);
        self
    }

    /// The insured object with alias `o` is visible.
    pub fn object(&mut self, o: &str) -> &mut Self {
        self.object_id(&format!("{o}.id"))
    }

    /// `col` holds the id of a visible insured object.
    pub fn object_id(&mut self, col: &str) -> &mut Self {
        self.predicates += 1;
        member(self.scope, col, "scope_objects", &mut self.sql);
        self
    }

    /// The claim with alias `c` is visible.
    pub fn claim(&mut self, c: &str) -> &mut Self {
        self.claim_id(&format!("{c}.id"))
    }

    /// `col` holds the id of a visible claim.
    pub fn claim_id(&mut self, col: &str) -> &mut Self {
        self.predicates += 1;
        member(self.scope, col, "scope_claims", &mut self.sql);
        self
    }

    /// `col` holds a customer of C whose customer-level records (not tied
    /// to a contract, object or claim) the scope shows.
    pub fn customer_level(&mut self, col: &str) -> &mut Self {
        if self.scope.sees_customer_level_records() {
            self.customer(col)
        } else {
            self.predicates += 1;
            self.sql.push("FALSE");
            self
        }
    }

    /// The customer record `col` (master data) is visible: its customer is
    /// in C and, for a user narrowed to objects or claims, it holds (or is
    /// co-insured on) a visible contract — a plant manager sees the
    /// companies behind his site, not every company of the group.
    pub fn customer_record(&mut self, col: &str) -> &mut Self {
        self.predicates += 1;
        self.sql.push("(");
        customer(self.scope, col, &mut self.sql);
        if !self.scope.sees_customer_level_records() {
            self.sql
                .push(" AND (")
                .push(col)
                .push(
                    " IN (SELECT hk.customer_id FROM contracts hk \
                     WHERE hk.id IN (SELECT id FROM scope_contracts)) OR ",
                )
                .push(col)
                .push(
                    " IN (SELECT hci.customer_id FROM contract_co_insured hci \
                     WHERE hci.contract_id IN (SELECT id FROM scope_contracts)))",
                );
        }
        self.sql.push(")");
        self
    }

    /// The record with alias `x` (having `customer_id` and the context
    /// columns named by `ctx`) is visible: the most specific record it
    /// belongs to is.
    pub fn in_context(&mut self, x: &str, ctx: Context) -> &mut Self {
        self.predicates += 1;
        in_context(self.scope, x, ctx, &mut self.sql);
        self
    }

    /// The finished statement; an error when no predicate was applied.
    pub fn finish(self) -> Result<Sql> {
        if self.predicates == 0 {
            return Err(StorageError::Unscoped);
        }
        Ok(self.sql)
    }
}

/// `col IN (SELECT <column> FROM <table> WHERE portal_user_id = $user)`:
/// membership in one of a user's id lists, read where it is stored.
fn in_list(col: &str, column: &str, table: &str, user: PortalUserId, sql: &mut Sql) {
    sql.push(col)
        .push(" IN (SELECT ")
        .push(column)
        .push(" FROM ")
        .push(table)
        .push(" WHERE portal_user_id = ");
    sql.bind(user).push(")");
}

fn customer(scope: &Scope, col: &str, sql: &mut Sql) {
    sql.push("(");
    match &scope.customers {
        CustomerSet::All => {
            sql.push("TRUE");
        }
        CustomerSet::Tenants(tenants) => {
            sql.push(col)
                .push(" IN (SELECT sc.id FROM customers sc WHERE sc.tenant_id IN ");
            sql.bind_list(tenants.iter().copied()).push(")");
        }
        CustomerSet::Customer(id) => {
            sql.push(col).push(" = ");
            sql.bind(*id);
        }
        CustomerSet::Organization(id) => {
            sql.push(col)
                .push(" IN (SELECT sg.id FROM customers sg WHERE sg.organization_id = ");
            sql.bind(*id).push(")");
        }
    }
    if let Some(user) = scope.customer_list() {
        sql.push(" AND ");
        in_list(col, "customer_id", "portal_user_scope_customers", user, sql);
    }
    sql.push(")");
}

fn prefix(scope: &Scope, sql: &mut Sql) {
    if scope.is_unrestricted() {
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

fn member(scope: &Scope, col: &str, set: &str, sql: &mut Sql) {
    if scope.is_unrestricted() {
        sql.push("TRUE");
    } else {
        sql.push(col)
            .push(" IN (SELECT id FROM ")
            .push(set)
            .push(")");
    }
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

fn in_context(scope: &Scope, x: &str, ctx: Context, sql: &mut Sql) {
    if scope.is_unrestricted() {
        sql.push("TRUE");
        return;
    }
    // A narrowing prefilter the indexes can drive: the record hangs off a
    // visible contract, or is a customer-level record of C. The CASE below
    // decides precisely.
    sql.push("((");
    member(scope, &format!("{x}.contract_id"), "scope_contracts", sql);
    sql.push(") OR (").push(x).push(".contract_id IS NULL AND ");
    customer(scope, &format!("{x}.customer_id"), sql);
    sql.push(")) AND (CASE");
    if ctx.claim {
        sql.push(" WHEN ")
            .push(x)
            .push(".claim_id IS NOT NULL THEN ");
        member(scope, &format!("{x}.claim_id"), "scope_claims", sql);
    }
    if ctx.object {
        sql.push(" WHEN ")
            .push(x)
            .push(".object_id IS NOT NULL THEN ");
        member(scope, &format!("{x}.object_id"), "scope_objects", sql);
    }
    if ctx.contract {
        sql.push(" WHEN ")
            .push(x)
            .push(".contract_id IS NOT NULL THEN ");
        member(scope, &format!("{x}.contract_id"), "scope_contracts", sql);
    }
    sql.push(" ELSE ");
    if scope.sees_customer_level_records() {
        customer(scope, &format!("{x}.customer_id"), sql);
    } else {
        sql.push("FALSE");
    }
    sql.push(" END)");
}

#[cfg(test)]
#[path = "scope_sql_tests.rs"]
mod tests;
