//! One generated contract with everything below it: objects, a claim with
//! its history for every third or so, a finance item for most, and the
//! document records (policy, invoice, claim letter) sharing stored PDFs.

use kp_domain::{ContractStatus, ContractType, LineOfBusiness as L, ObjectKind, PortalUserId};

use super::below::Doc;
use super::customers::Owner;
use super::rows::{Batch, row};
use super::templates::Templates;
use crate::calendar::{created, date, due_of};
use crate::data::{CARS, COMMERCIAL_VEHICLES};
use crate::lobs::{self, profile};
use crate::rng::Rng;
use crate::small::{AUGSBURG, SmallSet, plate, vin};

const PERSON_LOBS: &[L] = &[
    L::Motor,
    L::HouseholdContents,
    L::PersonalLiability,
    L::LegalExpenses,
    L::ResidentialBuilding,
    L::Accident,
    L::Life,
];
const FIRM_LOBS: &[L] = &[
    L::GeneralLiability,
    L::CommercialContents,
    L::MotorFleet,
    L::Engineering,
    L::Cargo,
    L::Fire,
    L::LegalExpenses,
];
const GROUP_LOBS: &[L] = &[
    L::MotorFleet,
    L::MotorFleet,
    L::Fire,
    L::Engineering,
    L::CommercialContents,
    L::GeneralLiability,
    L::Cargo,
];

/// The next free id of each bulk table.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ids {
    pub contract: i64,
    pub object: i64,
    pub claim: i64,
    pub history: i64,
    pub finance: i64,
    pub document: i64,
}

pub(super) struct Gen<'a> {
    pub rng: Rng,
    pub ids: Ids,
    pub small: &'a SmallSet,
    pub templates: &'a Templates,
    pub jens: Option<PortalUserId>,
}

/// What the records below a contract need to know about it.
pub(super) struct K<'a> {
    pub id: i64,
    pub owner: &'a Owner,
    pub lob: L,
    pub policy: String,
    pub currency: &'static str,
    pub gross: i64,
    pub per_year: i64,
}

impl Gen<'_> {
    pub(super) fn next(&mut self, pick: fn(&mut Ids) -> &mut i64) -> i64 {
        let slot = pick(&mut self.ids);
        let id = *slot;
        *slot += 1;
        id
    }

    /// Contract number `i` of the bulk set for `owner`, with everything below it.
    pub fn contract(&mut self, i: u64, owner: &Owner, group: bool, batch: &mut Batch) {
        let lob = *self.rng.pick(if group {
            GROUP_LOBS
        } else if owner.person {
            PERSON_LOBS
        } else {
            FIRM_LOBS
        });
        let k = self.contract_row(owner, lob, group, batch);
        let first_object = self.objects(&k, 1 + i % 5, batch);
        self.document(
            batch,
            &k,
            [None, None, None],
            "policy",
            format!("Versicherungsschein {}", k.policy),
            Doc::Policy,
        );
        if i == 0 && group {
            self.document(
                batch,
                &k,
                [None, None, None],
                "policy",
                format!("Versicherungsbedingungen {}", k.policy),
                Doc::Conditions,
            );
        }
        if i % 10 < 3 {
            self.claim(&k, first_object, batch);
        }
        if i % 10 < 7 {
            self.finance(&k, batch);
        }
    }

    fn contract_row<'o>(
        &mut self,
        owner: &'o Owner,
        lob: L,
        group: bool,
        batch: &mut Batch,
    ) -> K<'o> {
        let p = profile(lob);
        let id = self.next(|ids| &mut ids.contract);
        let start = date(
            self.rng.range(2012, 2025) as i32,
            self.rng.range(1, 12) as u32,
            1,
        );
        let (status, start, end) = match self.rng.below(100) {
            0..=84 => (ContractStatus::Active, start, None),
            85..=90 => (
                ContractStatus::Cancelled,
                start,
                Some(date(2026, self.rng.range(1, 9) as u32, 28)),
            ),
            91..=95 => (ContractStatus::Expired, start, Some(date(2025, 12, 31))),
            96..=97 => (ContractStatus::Suspended, start, None),
            _ => (ContractStatus::Offer, date(2026, 11, 1), None),
        };
        let contract_type = match lob {
            L::MotorFleet => ContractType::Fleet,
            L::Cargo if group && self.rng.chance(10) => ContractType::OpenCover,
            _ if group && self.rng.chance(5) => ContractType::Framework,
            _ => ContractType::Individual,
        };
        let scale = if group { 4 } else { 1 };
        let net = self.rng.range(p.premium.0, p.premium.1) * 100 * scale + self.rng.range(0, 99);
        let currency = owner.currency;
        let gross = lobs::gross(net, lob, currency);
        let frequency = *self.rng.pick(&[
            kp_domain::PaymentFrequency::Yearly,
            kp_domain::PaymentFrequency::Quarterly,
            kp_domain::PaymentFrequency::Monthly,
        ]);
        let insurer = self
            .small
            .insurers
            .get(owner.insurer.unwrap_or(p.insurer))
            .copied();
        let policy = format!(
            "{}-{}-{}",
            lobs::code(lob),
            self.rng.digits(3),
            self.rng.digits(7)
        );
        let sum = p
            .sum_insured
            .map(|(lo, hi)| self.rng.range(lo, hi) / 1000 * 1000 * 100 * scale);
        let manager = if owner.person {
            self.small.staff[0]
        } else {
            self.small.account_manager
        };
        let clerk = if owner.tenant == self.small.tenants[0] {
            self.small.staff[1]
        } else {
            self.small.staff[3]
        };
        let t = created();
        batch.contracts.push(row![
            id,
            owner.tenant,
            owner.id,
            format!("VT-L{id:08}"),
            policy.clone(),
            insurer,
            lob,
            contract_type,
            status,
            p.product,
            start,
            end,
            due_of(start),
            frequency,
            net,
            gross,
            currency,
            sum,
            p.deductible.map(|d| d * 100 * scale),
            manager,
            clerk,
            self.small.claims_handler,
            t,
            t,
        ]);
        K {
            id,
            owner,
            lob,
            policy,
            currency,
            gross,
            per_year: frequency.per_year(),
        }
    }

    /// `n` objects of the contract; returns the first one's id.
    fn objects(&mut self, k: &K<'_>, n: u64, batch: &mut Batch) -> i64 {
        let first = self.ids.object;
        for _ in 0..n {
            let id = self.next(|ids| &mut ids.object);
            let o = k.owner;
            let (kind, description, plate_no, vin_no, make, model, year) = match k.lob {
                L::Motor | L::MotorFleet => {
                    let (make, model, wmi, _) = *self.rng.pick(if k.lob == L::Motor {
                        CARS
                    } else {
                        COMMERCIAL_VEHICLES
                    });
                    let year = self.rng.range(2014, 2026) as i32;
                    let pl = plate(&mut self.rng, o.town.plate);
                    (
                        ObjectKind::Vehicle,
                        format!("{make} {model}"),
                        pl,
                        vin(&mut self.rng, wmi, year),
                        make,
                        model,
                        Some(year),
                    )
                }
                L::HouseholdContents | L::ResidentialBuilding | L::Fire | L::Glass => (
                    ObjectKind::Building,
                    format!("Gebäude {}", o.street),
                    String::new(),
                    String::new(),
                    "",
                    "",
                    Some(self.rng.range(1950, 2020) as i32),
                ),
                L::Engineering => (
                    ObjectKind::Machine,
                    format!("Maschine Nr. {}", self.rng.digits(5)),
                    String::new(),
                    String::new(),
                    "",
                    "",
                    None,
                ),
                L::Cargo => (
                    ObjectKind::Goods,
                    "Handelswaren, Sammelladungen".into(),
                    String::new(),
                    String::new(),
                    "",
                    "",
                    None,
                ),
                L::CommercialContents | L::GeneralLiability => (
                    ObjectKind::Location,
                    format!("Betriebsstätte {}", o.street),
                    String::new(),
                    String::new(),
                    "",
                    "",
                    None,
                ),
                _ => (
                    ObjectKind::Person,
                    format!("Versicherte Person: {}", o.name),
                    String::new(),
                    String::new(),
                    "",
                    "",
                    None,
                ),
            };
            let value = Some(self.rng.range(5_000, 900_000) * 100);
            let t = created();
            batch.objects.push(row![
                id,
                o.tenant,
                k.id,
                format!("OB-L{id:08}"),
                kind,
                description,
                o.site,
                o.street.clone(),
                o.town.postal_code,
                o.town.city,
                "DE",
                plate_no,
                vin_no,
                make,
                model,
                year,
                value,
                k.currency,
                t,
                t,
            ]);
            if let Some(jens) = self.jens.filter(|_| o.site == AUGSBURG) {
                batch.scope_objects.push(row![jens, id]);
            }
        }
        first
    }
}
