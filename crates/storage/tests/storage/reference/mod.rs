//! A random little world of customer data and the access rule evaluated in
//! plain Rust: the reference the SQL predicates are tested against. This
//! module builds the worlds; [`rule`] makes scopes over them and evaluates
//! the rule.

mod rule;

pub use rule::{Reference, TestScope, scope};

use kp_domain::{ContractStatus, ContractType, LineOfBusiness};
use proptest::prelude::*;

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
