//! The access scope: which customer data a principal may see.
//!
//! The semantics (DESIGN "Scope semantics") are the contract between this
//! type, the SQL predicate built from it in the storage layer and the
//! reference evaluator that tests compare the SQL against:
//! - customers C: all, those of some tenants, one customer, or an
//!   organization's customers; narrowed to the user's customer list where
//!   one is set;
//! - a contract is visible when its policyholder or a co-insured customer is
//!   in C (for staff: when the contract's own tenant is one of theirs), its
//!   type/status/line of business are in the lists that are set, and, when
//!   an object list O is set, it holds at least one object in O;
//! - objects: of a visible contract and in O where set;
//! - claims: of a visible contract, object in O where set, in K where set;
//! - records hanging off those (documents, messages, tasks, finance items)
//!   follow the most specific record they belong to; customer-level records
//!   only when neither O nor K is set.
//!
//! `None` means "not restricted"; `Some(vec![])` means "restricted to
//! nothing", which is a legitimate, if useless, configuration.

use crate::codes::{ContractStatus, ContractType, LineOfBusiness};
use crate::ids::{CustomerId, OrganizationId, PortalUserId, TenantId};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CustomerSet {
    /// Broker administrators.
    All,
    /// Staff: the records whose own tenant is one of these (a contract's
    /// `tenant_id` decides, not the tenants of its customers).
    Tenants(Vec<TenantId>),
    /// Private portal users: their own customer.
    Customer(CustomerId),
    /// Organization users: the organization's customers. Kept as a
    /// reference rather than an id list so that the predicate stays small
    /// for groups with many companies and follows membership changes at
    /// once.
    Organization(OrganizationId),
}

/// The id lists a portal user is narrowed to. The ids stay in the
/// `portal_user_scope_*` tables and the SQL reads them there by the user's
/// id: a plant manager may be limited to tens of thousands of objects, which
/// must not be loaded and bound on every request (nor key a cache).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ListedIds {
    pub user: PortalUserId,
    /// Customers narrowed to `portal_user_scope_customers`.
    pub customers: bool,
    /// Objects narrowed to `portal_user_scope_objects` (the list O).
    pub objects: bool,
    /// Claims narrowed to `portal_user_scope_claims` (the list K).
    pub claims: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scope {
    pub customers: CustomerSet,
    pub contract_types: Option<Vec<ContractType>>,
    pub statuses: Option<Vec<ContractStatus>>,
    pub lines: Option<Vec<LineOfBusiness>>,
    /// `None`, or every flag false: no id list applies.
    pub listed: Option<ListedIds>,
}

impl Scope {
    pub fn everything() -> Scope {
        Scope::customers(CustomerSet::All)
    }

    pub fn customers(customers: CustomerSet) -> Scope {
        Scope {
            customers,
            contract_types: None,
            statuses: None,
            lines: None,
            listed: None,
        }
    }

    /// The user whose customer list narrows C, if any.
    pub fn customer_list(&self) -> Option<PortalUserId> {
        self.listed.filter(|l| l.customers).map(|l| l.user)
    }

    /// The user whose object list O applies, if any.
    pub fn object_list(&self) -> Option<PortalUserId> {
        self.listed.filter(|l| l.objects).map(|l| l.user)
    }

    /// The user whose claim list K applies, if any.
    pub fn claim_list(&self) -> Option<PortalUserId> {
        self.listed.filter(|l| l.claims).map(|l| l.user)
    }

    /// Customer-level records (not tied to a contract, object or claim) are
    /// hidden from users narrowed to objects or claims: a plant manager must
    /// not read the group's general correspondence.
    pub fn sees_customer_level_records(&self) -> bool {
        self.object_list().is_none() && self.claim_list().is_none()
    }

    /// Whether contract-level filters beyond the customer set apply.
    pub fn narrows_contracts(&self) -> bool {
        self.contract_types.is_some()
            || self.statuses.is_some()
            || self.lines.is_some()
            || self.object_list().is_some()
    }

    /// Sees every record: no predicate is needed (broker administrators).
    pub fn is_unrestricted(&self) -> bool {
        matches!(self.customers, CustomerSet::All)
            && !self.narrows_contracts()
            && self.claim_list().is_none()
            && self.customer_list().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_or_claim_lists_hide_customer_level_records() {
        let mut scope = Scope::customers(CustomerSet::Customer(CustomerId(1)));
        assert!(scope.sees_customer_level_records());
        let mut listed = ListedIds {
            user: PortalUserId(7),
            customers: true,
            objects: false,
            claims: false,
        };
        scope.listed = Some(listed);
        assert!(scope.sees_customer_level_records());
        listed.claims = true;
        scope.listed = Some(listed);
        assert!(!scope.sees_customer_level_records());
        assert_eq!(scope.claim_list(), Some(PortalUserId(7)));
        assert_eq!(scope.object_list(), None);
    }

    #[test]
    fn only_administrators_are_unrestricted() {
        assert!(Scope::everything().is_unrestricted());
        let mut admin = Scope::everything();
        admin.lines = Some(vec![]);
        assert!(!admin.is_unrestricted());
        assert!(!Scope::customers(CustomerSet::Tenants(vec![TenantId(1)])).is_unrestricted());
    }
}
