//! A random little world of customer data and the access rule evaluated in
//! plain Rust: the reference the SQL predicates are tested against.

use kp_domain::{ContractStatus, ContractType, CustomerSet, LineOfBusiness, ListedIds, Scope};
use proptest::prelude::*;
use proptest::sample::subsequence;

#[derive(Debug, Clone)]
pub struct Customer {
    pub id: i64,
    pub tenant: i64,
    /// One of the organizations 1 and 2, or none.
    pub organization: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Contract {
    pub id: i64,
    pub customer: i64,
    pub co_insured: Vec<i64>,
    pub contract_type: ContractType,
    pub status: ContractStatus,
    pub line: LineOfBusiness,
}

#[derive(Debug, Clone)]
pub struct Object {
    pub id: i64,
    pub contract: i64,
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub id: i64,
    pub contract: i64,
    pub object: Option<i64>,
}

/// A record hanging off customer data (document, finance item): the
/// context ids a writer fills in, most specific last.
#[derive(Debug, Clone)]
pub struct Attached {
    pub id: i64,
    pub customer: i64,
    pub contract: Option<i64>,
    pub object: Option<i64>,
    pub claim: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct World {
    pub tenants: Vec<i64>,
    pub customers: Vec<Customer>,
    pub contracts: Vec<Contract>,
    pub objects: Vec<Object>,
    pub claims: Vec<Claim>,
    pub documents: Vec<Attached>,
    pub finance_items: Vec<Attached>,
}

/// Raw choices from which a consistent world is built: indices are taken
/// modulo the number of candidates so every choice is valid.
type Pick = (usize, usize, usize);

pub fn world() -> impl Strategy<Value = World> {
    (
        1..=3usize,
        prop::collection::vec(any::<usize>(), 1..8),
        prop::collection::vec(
            (
                any::<usize>(),
                prop::collection::vec(any::<usize>(), 0..2),
                0..4usize,
                0..5usize,
                0..15usize,
            ),
            0..12,
        ),
        prop::collection::vec(any::<usize>(), 0..16),
        prop::collection::vec((any::<usize>(), any::<usize>(), any::<bool>()), 0..12),
        prop::collection::vec((0..4usize, any::<Pick>()), 0..16),
        prop::collection::vec((any::<bool>(), any::<Pick>()), 0..8),
    )
        .prop_map(
            |(tenant_count, customers, contracts, objects, claims, docs, finance)| {
                build(
                    tenant_count,
                    customers,
                    contracts,
                    objects,
                    claims,
                    docs,
                    finance,
                )
            },
        )
}

#[allow(clippy::type_complexity)]
fn build(
    tenant_count: usize,
    customers: Vec<usize>,
    contracts: Vec<(usize, Vec<usize>, usize, usize, usize)>,
    objects: Vec<usize>,
    claims: Vec<(usize, usize, bool)>,
    docs: Vec<(usize, Pick)>,
    finance: Vec<(bool, Pick)>,
) -> World {
    let tenants: Vec<i64> = (1..=tenant_count as i64).collect();
    let customers: Vec<Customer> = customers
        .iter()
        .enumerate()
        .map(|(i, t)| Customer {
            id: i as i64 + 1,
            tenant: tenants[t % tenants.len()],
            organization: [None, Some(1), Some(2)][(t / 7) % 3],
        })
        .collect();
    let contracts: Vec<Contract> = contracts
        .iter()
        .enumerate()
        .map(|(i, (c, co, ty, st, lob))| {
            let customer = customers[c % customers.len()].id;
            let mut co_insured: Vec<i64> = co
                .iter()
                .map(|x| customers[x % customers.len()].id)
                .filter(|x| *x != customer)
                .collect();
            co_insured.sort();
            co_insured.dedup();
            Contract {
                id: i as i64 + 1,
                customer,
                co_insured,
                contract_type: ContractType::ALL[ty % ContractType::ALL.len()],
                status: ContractStatus::ALL[st % ContractStatus::ALL.len()],
                line: LineOfBusiness::ALL[lob % LineOfBusiness::ALL.len()],
            }
        })
        .collect();
    let objects: Vec<Object> = if contracts.is_empty() {
        Vec::new()
    } else {
        objects
            .iter()
            .enumerate()
            .map(|(i, k)| Object {
                id: i as i64 + 1,
                contract: contracts[k % contracts.len()].id,
            })
            .collect()
    };
    let claims: Vec<Claim> = if contracts.is_empty() {
        Vec::new()
    } else {
        claims
            .iter()
            .enumerate()
            .map(|(i, (k, o, with_object))| {
                let contract = contracts[k % contracts.len()].id;
                let candidates: Vec<i64> = objects
                    .iter()
                    .filter(|x| x.contract == contract)
                    .map(|x| x.id)
                    .collect();
                let object = (*with_object && !candidates.is_empty())
                    .then(|| candidates[o % candidates.len()]);
                Claim {
                    id: i as i64 + 1,
                    contract,
                    object,
                }
            })
            .collect()
    };
    let attach = |level: usize, (a, _, _): Pick, id: i64| -> Attached {
        let contract_of = |k: i64| {
            contracts
                .iter()
                .find(|x| x.id == k)
                .map(|x| x.customer)
                .unwrap_or(1)
        };
        match level {
            3 if !claims.is_empty() => {
                let c = &claims[a % claims.len()];
                Attached {
                    id,
                    customer: contract_of(c.contract),
                    contract: Some(c.contract),
                    object: c.object,
                    claim: Some(c.id),
                }
            }
            2 if !objects.is_empty() => {
                let o = &objects[a % objects.len()];
                Attached {
                    id,
                    customer: contract_of(o.contract),
                    contract: Some(o.contract),
                    object: Some(o.id),
                    claim: None,
                }
            }
            1 if !contracts.is_empty() => {
                let k = &contracts[a % contracts.len()];
                Attached {
                    id,
                    customer: k.customer,
                    contract: Some(k.id),
                    object: None,
                    claim: None,
                }
            }
            _ => Attached {
                id,
                customer: customers[a % customers.len()].id,
                contract: None,
                object: None,
                claim: None,
            },
        }
    };
    let documents = docs
        .iter()
        .enumerate()
        .map(|(i, (level, pick))| attach(*level, *pick, i as i64 + 1))
        .collect();
    let finance_items = finance
        .iter()
        .enumerate()
        .map(|(i, (on_contract, pick))| attach(usize::from(*on_contract), *pick, i as i64 + 1))
        .collect();
    World {
        tenants,
        customers,
        contracts,
        objects,
        claims,
        documents,
        finance_items,
    }
}

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
