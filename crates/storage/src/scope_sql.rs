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

#[path = "scope_sql_sets.rs"]
mod sets;
use sets::{ScopeSet, prefix};

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

    /// The contract with alias `k` is visible (and not deleted by the back
    /// office: a deleted record is the 404 of one that never existed).
    pub fn contract(&mut self, k: &str) -> &mut Self {
        self.sql.push("(").push(k).push(".deleted_at IS NULL AND ");
        self.contract_id(&format!("{k}.id"));
        self.sql.push(")");
        self
    }

    /// `col` holds the id of a visible contract.
    pub fn contract_id(&mut self, col: &str) -> &mut Self {
        self.predicates += 1;
        member(self.scope, col, ScopeSet::Contracts, &mut self.sql);
        self
    }

    /// The insured object with alias `o` is visible.
    ///
    /// Without an object list an object is visible exactly when its
    /// contract is, and the row at hand names its contract: checking that
    /// spares materialising every visible object (15,000 for an industrial
    /// group) to look at a handful.
    pub fn object(&mut self, o: &str) -> &mut Self {
        self.sql.push("(").push(o).push(".deleted_at IS NULL AND ");
        if self.scope.object_list().is_none() {
            self.contract_id(&format!("{o}.contract_id"));
        } else {
            self.object_id(&format!("{o}.id"));
        }
        self.sql.push(")");
        self
    }

    /// `col` holds the id of a visible insured object.
    pub fn object_id(&mut self, col: &str) -> &mut Self {
        self.predicates += 1;
        member(self.scope, col, ScopeSet::Objects, &mut self.sql);
        self
    }

    /// The claim with alias `c` is visible; as for [`Scoped::object`], by
    /// its own contract where no object or claim list narrows.
    pub fn claim(&mut self, c: &str) -> &mut Self {
        self.sql.push("(").push(c).push(".deleted_at IS NULL AND ");
        if self.scope.object_list().is_none() && self.scope.claim_list().is_none() {
            self.contract_id(&format!("{c}.contract_id"));
        } else {
            self.claim_id(&format!("{c}.id"));
        }
        self.sql.push(")");
        self
    }

    /// `col` holds the id of a visible claim.
    pub fn claim_id(&mut self, col: &str) -> &mut Self {
        self.predicates += 1;
        member(self.scope, col, ScopeSet::Claims, &mut self.sql);
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
        // Deleted customers are few; their partial index keeps this cheap.
        self.sql
            .push(" AND ")
            .push(col)
            .push(" NOT IN (SELECT dc.id FROM customers dc WHERE dc.deleted_at IS NOT NULL)");
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

    /// The finance item with alias `f` is visible and not deleted by the
    /// back office.
    pub fn finance_item(&mut self, f: &str) -> &mut Self {
        self.sql.push("(").push(f).push(".deleted_at IS NULL AND ");
        self.in_context(f, Context::CONTRACT);
        self.sql.push(")");
        self
    }

    /// The document with alias `d` is visible: not deleted by the back
    /// office, for portal users (and staff acting as one) only when it is
    /// visible to the customer, and by the context rule.
    pub fn document(&mut self, d: &str) -> &mut Self {
        self.sql.push("(").push(d).push(".deleted_at IS NULL AND ");
        if matches!(
            self.scope.customers,
            CustomerSet::Customer(_) | CustomerSet::Organization(_)
        ) {
            self.sql.push(d).push(".customer_visible AND ");
        }
        self.in_context(d, Context::FULL);
        self.sql.push(")");
        self
    }

    /// `col` holds the id of a contract that `other` shows as well: a
    /// subquery with `other`'s own `WITH` clause, whose names shadow this
    /// statement's inside it. For checks against two scopes at once, such
    /// as a staff member choosing records of a portal user's customers.
    pub fn contract_id_also_in(&mut self, col: &str, other: &Scope) -> &mut Self {
        self.predicates += 1;
        if other.is_unrestricted() {
            // Every contract: the set would be the whole table, built per
            // statement for nothing (an administrator without tenants).
            self.sql.push("TRUE");
            return self;
        }
        self.sql.push(col).push(" IN (");
        prefix(other, &mut self.sql);
        self.sql.push("SELECT id FROM scope_contracts)");
        self
    }

    /// The contract with alias `k` is one that `other` shows as well, as
    /// [`Scoped::contract_id_also_in`]; a staff member's plain tenant scope
    /// is read off the row's own tenant instead of building the set of
    /// every contract of the tenants (100,000 in the large demo) per
    /// statement, which made the staff's object picker take seconds on
    /// PostgreSQL.
    pub fn contract_also_in(&mut self, k: &str, other: &Scope) -> &mut Self {
        match sets::plain_tenants(other) {
            Some(tenants) => {
                self.predicates += 1;
                self.sql.push(k).push(".tenant_id IN ");
                self.sql.bind_list(tenants.iter().copied());
                self
            }
            None => self.contract_id_also_in(&format!("{k}.id"), other),
        }
    }

    /// `col` holds a customer id in `other`'s customer set as well.
    pub fn customer_also_in(&mut self, col: &str, other: &Scope) -> &mut Self {
        self.predicates += 1;
        customer(other, col, &mut self.sql);
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
        // The customer's own row decides (a primary-key lookup): the set
        // of every customer of the tenants, built per statement, made the
        // staff's organization and audit pages take a second.
        CustomerSet::Tenants(tenants) => {
            sql.push("EXISTS (SELECT 1 FROM customers scope_c WHERE scope_c.id = ")
                .push(col)
                .push(" AND scope_c.tenant_id IN ");
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

fn member(scope: &Scope, col: &str, set: ScopeSet, sql: &mut Sql) {
    if scope.is_unrestricted() {
        sql.push("TRUE");
    } else if let Some(tenants) = sets::plain_tenants(scope) {
        sets::tenant_member(tenants, col, set, sql);
    } else {
        sql.push(col)
            .push(" IN (SELECT id FROM ")
            .push(set.name())
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
    member(scope, &format!("{x}.contract_id"), ScopeSet::Contracts, sql);
    sql.push(") OR (").push(x).push(".contract_id IS NULL AND ");
    customer(scope, &format!("{x}.customer_id"), sql);
    sql.push(")) AND (CASE");
    if ctx.claim {
        sql.push(" WHEN ")
            .push(x)
            .push(".claim_id IS NOT NULL THEN ");
        member(scope, &format!("{x}.claim_id"), ScopeSet::Claims, sql);
    }
    if ctx.object {
        sql.push(" WHEN ")
            .push(x)
            .push(".object_id IS NOT NULL THEN ");
        member(scope, &format!("{x}.object_id"), ScopeSet::Objects, sql);
    }
    if ctx.contract {
        sql.push(" WHEN ")
            .push(x)
            .push(".contract_id IS NOT NULL THEN ");
        member(scope, &format!("{x}.contract_id"), ScopeSet::Contracts, sql);
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
