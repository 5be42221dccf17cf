use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;

/// A tiny world: contracts with policyholder, type, status and line;
/// objects of contracts; claims of contracts, perhaps of an object.
#[derive(Debug, Clone)]
struct World {
    contracts: Vec<(i64, ContractType, ContractStatus, LineOfBusiness)>,
    objects: Vec<usize>,
    claims: Vec<(usize, Option<usize>)>,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Seen {
    contracts: BTreeSet<usize>,
    objects: BTreeSet<usize>,
    claims: BTreeSet<usize>,
}

fn within<T: Ord>(list: &Option<BTreeSet<T>>, value: &T) -> bool {
    list.as_ref().is_none_or(|l| l.contains(value))
}

/// The reference semantics of DESIGN "Scope semantics" for one
/// organization (every customer of the world belongs to it).
fn seen(world: &World, g: &Grant) -> Seen {
    let object_ok = |o: usize| within(&g.objects, &ObjectId(o as i64));
    let mut s = Seen::default();
    for (i, (customer, kind, status, line)) in world.contracts.iter().enumerate() {
        let holds_listed = g.objects.is_none()
            || world
                .objects
                .iter()
                .enumerate()
                .any(|(o, c)| *c == i && object_ok(o));
        if within(&g.customers, &CustomerId(*customer))
            && within(&g.contract_types, kind)
            && within(&g.statuses, status)
            && within(&g.lines, line)
            && holds_listed
        {
            s.contracts.insert(i);
        }
    }
    for (o, c) in world.objects.iter().enumerate() {
        if s.contracts.contains(c) && object_ok(o) {
            s.objects.insert(o);
        }
    }
    for (k, (c, object)) in world.claims.iter().enumerate() {
        let by_object = g.objects.is_none() || object.is_some_and(object_ok);
        if s.contracts.contains(c) && by_object && within(&g.claims, &ClaimId(k as i64)) {
            s.claims.insert(k);
        }
    }
    s
}

fn pick<T: Copy + std::fmt::Debug>(all: &'static [T]) -> impl Strategy<Value = T> {
    (0..all.len()).prop_map(move |i| all[i])
}

fn world() -> impl Strategy<Value = World> {
    let contract = (
        0i64..4,
        pick(ContractType::ALL),
        pick(ContractStatus::ALL),
        pick(&LINES),
    );
    prop::collection::vec(contract, 1..8).prop_flat_map(|contracts| {
        let n = contracts.len();
        (
            Just(contracts),
            prop::collection::vec(0..n, 0..12),
            prop::collection::vec((0..n, prop::option::of(0usize..12)), 0..12),
        )
            .prop_map(|(contracts, objects, claims)| {
                let count = objects.len();
                // A claim's object belongs to the claim's contract.
                let claims = claims
                    .into_iter()
                    .map(|(c, o)| (c, o.filter(|o| *o < count && objects[*o] == c)))
                    .collect();
                World {
                    contracts,
                    objects,
                    claims,
                }
            })
    })
}

/// A few lines are enough; the rule does not depend on which.
const LINES: [LineOfBusiness; 3] = [
    LineOfBusiness::ALL[0],
    LineOfBusiness::ALL[1],
    LineOfBusiness::ALL[2],
];

fn set<T: Ord + std::fmt::Debug + Clone + 'static>(
    item: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Option<BTreeSet<T>>> {
    prop::option::of(prop::collection::btree_set(item, 0..5))
}

fn grant() -> impl Strategy<Value = Grant> {
    (
        set((0i64..4).prop_map(CustomerId)),
        set(pick(ContractType::ALL)),
        set(pick(ContractStatus::ALL)),
        set(pick(&LINES)),
        set((0i64..12).prop_map(ObjectId)),
        set((0i64..12).prop_map(ClaimId)),
    )
        .prop_map(
            |(customers, contract_types, statuses, lines, objects, claims)| Grant {
                customers,
                contract_types,
                statuses,
                lines,
                objects,
                claims,
            },
        )
}

/// A request derived from the admin's grant by small changes, so that
/// many requests are within and the interesting side is exercised too.
fn near(own: Grant) -> impl Strategy<Value = Grant> {
    (grant(), any::<[u8; 6]>()).prop_map(move |(random, coin)| {
        fn mix<T: Ord + Clone>(
            own: &Option<BTreeSet<T>>,
            random: Option<BTreeSet<T>>,
            coin: u8,
        ) -> Option<BTreeSet<T>> {
            match coin % 3 {
                0 => own.clone(),
                1 => own.as_ref().map(|o| o.iter().take(1).cloned().collect()),
                _ => random,
            }
        }
        Grant {
            customers: mix(&own.customers, random.customers, coin[0]),
            contract_types: mix(&own.contract_types, random.contract_types, coin[1]),
            statuses: mix(&own.statuses, random.statuses, coin[2]),
            lines: mix(&own.lines, random.lines, coin[3]),
            objects: mix(&own.objects, random.objects, coin[4]),
            claims: mix(&own.claims, random.claims, coin[5]),
        }
    })
}

fn permissions() -> impl Strategy<Value = Permissions> {
    (
        prop::option::of(prop::sample::subsequence(
            MenuArea::ALL.to_vec(),
            0..=MenuArea::ALL.len(),
        )),
        prop::option::of(prop::sample::subsequence(
            Function::ALL.to_vec(),
            0..=Function::ALL.len(),
        )),
        prop::sample::subsequence(
            CATALOGUE
                .iter()
                .map(|f| f.key.to_owned())
                .collect::<Vec<_>>(),
            0..=CATALOGUE.len(),
        ),
    )
        .prop_map(|(areas, functions, hidden)| match (areas, functions) {
            (None, None) if hidden.is_empty() => Permissions::all(),
            (areas, functions) => Permissions::profile(
                areas.unwrap_or_else(|| MenuArea::ALL.to_vec()),
                functions.unwrap_or_else(|| Function::ALL.to_vec()),
                hidden,
            ),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A delegated admin can never grant a scope that shows anything
    /// they do not see themselves: either the request is refused or the
    /// user sees a subset of the admin's contracts, objects and claims.
    #[test]
    fn a_granted_scope_never_shows_more_than_the_admins(
        (world, own, requested) in (world(), grant())
            .prop_flat_map(|(w, own)| (Just(w), Just(own.clone()), near(own)))
    ) {
        if scope_within(&requested, &own).is_ok() {
            let admin = seen(&world, &own);
            let user = seen(&world, &requested);
            prop_assert!(user.contracts.is_subset(&admin.contracts));
            prop_assert!(user.objects.is_subset(&admin.objects));
            prop_assert!(user.claims.is_subset(&admin.claims));
        }
    }

    /// Granting exactly one's own scope, or any narrowing of it, is allowed.
    #[test]
    fn ones_own_scope_may_be_granted(own in grant()) {
        prop_assert!(scope_within(&own, &own).is_ok());
        let none = Grant {
            customers: Some(BTreeSet::new()),
            ..own.clone()
        };
        prop_assert!(scope_within(&none, &own).is_ok());
    }

    /// Either refused, or every area, function and shown field of the
    /// assigned profile is the admin's too.
    #[test]
    fn an_assigned_profile_is_never_broader(own in permissions(), requested in permissions()) {
        match profile_within(&requested, &own) {
            Ok(()) => {
                for a in MenuArea::ALL {
                    prop_assert!(!requested.shows_area(*a) || own.shows_area(*a));
                }
                for f in Function::ALL {
                    prop_assert!(!requested.allows(*f) || own.allows(*f));
                }
                for field in CATALOGUE {
                    prop_assert!(!requested.shows_field(field.key) || own.shows_field(field.key));
                }
            }
            Err(e) => prop_assert!(e.is_profile()),
        }
        prop_assert!(profile_within(&own, &own).is_ok());
    }
}

#[test]
fn a_restricted_admin_cannot_lift_a_restriction() {
    let own = Grant {
        objects: Some([ObjectId(1)].into()),
        ..Grant::default()
    };
    assert_eq!(scope_within(&Grant::default(), &own), Err(Excess::Objects));
    let wider = Grant {
        objects: Some([ObjectId(1), ObjectId(2)].into()),
        ..Grant::default()
    };
    assert_eq!(scope_within(&wider, &own), Err(Excess::Objects));
    let narrower = Grant {
        objects: Some([ObjectId(1)].into()),
        lines: Some(BTreeSet::new()),
        ..Grant::default()
    };
    assert_eq!(scope_within(&narrower, &own), Ok(()));
}

#[test]
fn a_profile_with_claim_reporting_exceeds_one_without() {
    let own = Permissions::profile(
        MenuArea::ALL.to_vec(),
        Function::ALL
            .iter()
            .copied()
            .filter(|f| *f != Function::ReportClaim)
            .collect(),
        vec![],
    );
    assert_eq!(
        profile_within(&Permissions::all(), &own),
        Err(Excess::Function(Function::ReportClaim))
    );
    let hiding = Permissions::profile(MenuArea::ALL.to_vec(), vec![], vec![]);
    assert_eq!(profile_within(&hiding, &own), Ok(()));
    let own_hides_premium = Permissions::profile(
        MenuArea::ALL.to_vec(),
        Function::ALL.to_vec(),
        vec![crate::fields::CONTRACT_PREMIUM.to_owned()],
    );
    assert_eq!(
        profile_within(&Permissions::all(), &own_hides_premium),
        Err(Excess::Field(crate::fields::CONTRACT_PREMIUM))
    );
}
