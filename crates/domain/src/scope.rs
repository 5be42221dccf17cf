//! The access scope: which customer data a principal may see.
//!
//! The semantics (DESIGN "Scope semantics") are the contract between this
//! type, the SQL predicate built from it in the storage layer and the
//! reference evaluator that tests compare the SQL against:
//! - customers C: all, those of some tenants, or an explicit set;
//! - a contract is visible when its policyholder or a co-insured customer is
//!   in C, its type/status/line of business are in the lists that are set,
//!   and, when an object list O is set, it holds at least one object in O;
//! - objects: of a visible contract and in O where set;
//! - claims: of a visible contract, object in O where set, in K where set;
//! - records hanging off those (documents, messages, tasks, finance items)
//!   follow the most specific record they belong to; customer-level records
//!   only when neither O nor K is set.
//!
//! `None` means "not restricted"; `Some(vec![])` means "restricted to
//! nothing", which is a legitimate, if useless, configuration.

use crate::codes::{ContractStatus, ContractType, LineOfBusiness};
use crate::ids::{ClaimId, CustomerId, ObjectId, OrganizationId, TenantId};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CustomerSet {
    /// Broker administrators.
    All,
    /// Staff: the customers of their tenants.
    Tenants(Vec<TenantId>),
    /// Private portal users: their own customer.
    Ids(Vec<CustomerId>),
    /// Organization users: the organization's customers, narrowed to the
    /// user's list where one is set. Kept as a reference rather than an id
    /// list so that the predicate stays small for groups with many
    /// companies and follows membership changes at once.
    Organization {
        id: OrganizationId,
        only: Option<Vec<CustomerId>>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scope {
    pub customers: CustomerSet,
    pub contract_types: Option<Vec<ContractType>>,
    pub statuses: Option<Vec<ContractStatus>>,
    pub lines: Option<Vec<LineOfBusiness>>,
    pub objects: Option<Vec<ObjectId>>,
    pub claims: Option<Vec<ClaimId>>,
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
            objects: None,
            claims: None,
        }
    }

    /// Customer-level records (not tied to a contract, object or claim) are
    /// hidden from users narrowed to objects or claims: a plant manager must
    /// not read the group's general correspondence.
    pub fn sees_customer_level_records(&self) -> bool {
        self.objects.is_none() && self.claims.is_none()
    }

    /// Whether contract-level filters beyond the customer set apply.
    pub fn narrows_contracts(&self) -> bool {
        self.contract_types.is_some()
            || self.statuses.is_some()
            || self.lines.is_some()
            || self.objects.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_or_claim_lists_hide_customer_level_records() {
        let mut scope = Scope::customers(CustomerSet::Ids(vec![CustomerId(1)]));
        assert!(scope.sees_customer_level_records());
        scope.claims = Some(vec![]);
        assert!(!scope.sees_customer_level_records());
    }
}
