//! Random scopes over a world, with their portal user's id lists, and the
//! access rule evaluated directly on the world.

use kp_domain::{ContractStatus, ContractType, CustomerSet, LineOfBusiness, ListedIds, Scope};
use proptest::prelude::*;
use proptest::sample::subsequence;

use super::{Attached, World};

fn maybe_subset<T: Clone + std::fmt::Debug + 'static>(
    items: Vec<T>,
) -> impl Strategy<Value = Option<Vec<T>>> {
    let len = items.len();
    prop::option::weighted(0.3, subsequence(items, 0..=len))
}

/// A scope with the id lists its portal user holds: the SQL reads the lists
/// from `portal_user_scope_*` (loaded by the test), the reference from here.
#[derive(Debug, Clone)]
pub struct TestScope {
    pub scope: Scope,
    pub customers: Option<Vec<i64>>,
    pub objects: Option<Vec<i64>>,
    pub claims: Option<Vec<i64>>,
}

/// Scopes over the ids of `world` (customer sets also name a customer that
/// does not exist); `user` is the portal user id that holds the lists.
pub fn scope(world: &World, user: i64) -> impl Strategy<Value = TestScope> + use<> {
    let customer_ids: Vec<i64> = world.customers.iter().map(|c| c.id).collect();
    let object_ids: Vec<i64> = world.objects.iter().map(|o| o.id).collect();
    let claim_ids: Vec<i64> = world.claims.iter().map(|c| c.id).collect();
    let mut candidates = customer_ids.clone();
    candidates.push(99);
    let tenants = world.tenants.clone();
    let customers = prop_oneof![
        1 => Just(CustomerSet::All),
        2 => subsequence(tenants.clone(), 0..=tenants.len())
            .prop_map(|t| CustomerSet::Tenants(t.into_iter().map(kp_domain::TenantId).collect())),
        4 => prop::sample::select(candidates)
            .prop_map(|c| CustomerSet::Customer(kp_domain::CustomerId(c))),
        4 => (1..=3i64).prop_map(|org| CustomerSet::Organization(kp_domain::OrganizationId(org))),
    ];
    (
        customers,
        maybe_subset(ContractType::ALL.to_vec()),
        maybe_subset(ContractStatus::ALL.to_vec()),
        maybe_subset(LineOfBusiness::ALL.to_vec()),
        maybe_subset(customer_ids),
        maybe_subset(object_ids),
        maybe_subset(claim_ids),
    )
        .prop_map(
            move |(
                customers,
                contract_types,
                statuses,
                lines,
                listed_customers,
                objects,
                claims,
            )| {
                let listed = ListedIds {
                    user: kp_domain::PortalUserId(user),
                    customers: listed_customers.is_some(),
                    objects: objects.is_some(),
                    claims: claims.is_some(),
                };
                TestScope {
                    scope: Scope {
                        customers,
                        contract_types,
                        statuses,
                        lines,
                        listed: Some(listed),
                    },
                    customers: listed_customers,
                    objects,
                    claims,
                }
            },
        )
}

/// The access rule, evaluated directly on the world.
pub struct Reference<'a> {
    pub world: &'a World,
    pub scope: &'a TestScope,
}

impl Reference<'_> {
    fn tenant_of(&self, customer: i64) -> Option<i64> {
        self.world
            .customers
            .iter()
            .find(|c| c.id == customer)
            .map(|c| c.tenant)
    }

    pub fn customer(&self, id: i64) -> bool {
        let exists = self.world.customers.iter().any(|c| c.id == id);
        let in_set = match &self.scope.scope.customers {
            CustomerSet::All => exists,
            CustomerSet::Tenants(tenants) => self
                .tenant_of(id)
                .is_some_and(|t| tenants.iter().any(|x| x.0 == t)),
            CustomerSet::Customer(c) => exists && c.0 == id,
            CustomerSet::Organization(org) => self
                .world
                .customers
                .iter()
                .any(|c| c.id == id && c.organization == Some(org.0)),
        };
        in_set
            && self
                .scope
                .customers
                .as_ref()
                .is_none_or(|l| l.contains(&id))
    }

    pub fn contract(&self, id: i64) -> bool {
        let Some(k) = self.world.contracts.iter().find(|k| k.id == id) else {
            return false;
        };
        let s = &self.scope.scope;
        let held = self.customer(k.customer) || k.co_insured.iter().any(|c| self.customer(*c));
        // Staff: the contract's own tenant (that of its policyholder, as
        // the writer derives it), not its co-insured customers' tenants.
        let base = match &s.customers {
            CustomerSet::All => true,
            CustomerSet::Tenants(tenants) => self
                .tenant_of(k.customer)
                .is_some_and(|t| tenants.iter().any(|x| x.0 == t)),
            CustomerSet::Customer(_) | CustomerSet::Organization(_) => held,
        };
        base && (self.scope.customers.is_none() || held)
            && s.contract_types
                .as_ref()
                .is_none_or(|l| l.contains(&k.contract_type))
            && s.statuses.as_ref().is_none_or(|l| l.contains(&k.status))
            && s.lines.as_ref().is_none_or(|l| l.contains(&k.line))
            && self.scope.objects.as_ref().is_none_or(|l| {
                self.world
                    .objects
                    .iter()
                    .any(|o| o.contract == k.id && l.contains(&o.id))
            })
    }

    pub fn object(&self, id: i64) -> bool {
        let Some(o) = self.world.objects.iter().find(|o| o.id == id) else {
            return false;
        };
        self.contract(o.contract) && self.scope.objects.as_ref().is_none_or(|l| l.contains(&id))
    }

    pub fn claim(&self, id: i64) -> bool {
        let Some(c) = self.world.claims.iter().find(|c| c.id == id) else {
            return false;
        };
        self.contract(c.contract)
            && self
                .scope
                .objects
                .as_ref()
                .is_none_or(|l| c.object.is_some_and(|o| l.contains(&o)))
            && self.scope.claims.as_ref().is_none_or(|l| l.contains(&id))
    }

    pub fn attached(&self, a: &Attached) -> bool {
        if let Some(claim) = a.claim {
            self.claim(claim)
        } else if let Some(object) = a.object {
            self.object(object)
        } else if let Some(contract) = a.contract {
            self.contract(contract)
        } else {
            self.scope.scope.sees_customer_level_records() && self.customer(a.customer)
        }
    }
}
