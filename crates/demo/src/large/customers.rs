//! The generated customers of the large set: households and small firms in
//! both tenants, plus the industrial group's companies from the small set.

use kp_domain::{CustomerKind, OrganizationId, StaffUserId, TenantId};
use kp_storage::Arg;

use super::rows::row;
use crate::bank::iban_de;
use crate::calendar::{created, date};
use crate::data::{
    BANKS_NORTH, BANKS_SOUTH, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, STREETS, TOWNS_NORTH,
    TOWNS_SOUTH, Town,
};
use crate::rng::Rng;
use crate::small::{COMPANIES, SmallSet, mail_name};

const FIRM_SUFFIXES: &[&str] = &[
    "Haustechnik GmbH",
    "Bau GmbH & Co. KG",
    "Elektro GmbH",
    "Logistik GmbH",
    "Metallbau GmbH",
    "Steuerberatung PartG",
    "Immobilien GmbH",
    "Autohaus GmbH",
    "Gastronomie GmbH",
    "Software GmbH",
    "Landtechnik KG",
    "Druckerei GmbH",
];

/// What the contract generator needs to know about a policyholder.
#[derive(Debug, Clone)]
pub(super) struct Owner {
    pub id: i64,
    pub tenant: TenantId,
    pub person: bool,
    pub name: String,
    pub street: String,
    pub town: Town,
    pub currency: &'static str,
    /// Site name for the group's objects, empty otherwise.
    pub site: &'static str,
    /// Insurer index override for companies abroad.
    pub insurer: Option<usize>,
}

/// The group's companies as owners for additional contracts.
pub(super) fn group_owners(small: &SmallSet) -> Vec<Owner> {
    small
        .group
        .iter()
        .zip(COMPANIES)
        .map(|(c, co)| Owner {
            id: c.id.0,
            tenant: small.tenants[c.tenant],
            person: false,
            name: c.name.clone(),
            street: co.street.into(),
            town: co.town,
            currency: co.currency,
            site: co.site,
            insurer: match co.country {
                "FR" => Some(8),
                "CH" => Some(9),
                "US" => Some(10),
                _ => None,
            },
        })
        .collect()
}

/// Customer `id` (the `n`-th generated one) as owner and as table row.
pub(super) fn generate(rng: &mut Rng, id: i64, small: &SmallSet) -> (Owner, Vec<Arg>) {
    let north = rng.chance(50);
    let tenant = small.tenants[usize::from(!north)];
    let town = *rng.pick(if north { TOWNS_NORTH } else { TOWNS_SOUTH });
    let bank = *rng.pick(if north { BANKS_NORTH } else { BANKS_SOUTH });
    let person = rng.chance(85);
    let female = rng.chance(50);
    let first = *rng.pick(if female { FIRST_NAMES_F } else { FIRST_NAMES_M });
    let last = *rng.pick(LAST_NAMES);
    let street = format!("{} {}", rng.pick(STREETS), rng.range(1, 160));
    let (name, kind, company) = if person {
        (
            format!("{first} {last}"),
            CustomerKind::Person,
            String::new(),
        )
    } else {
        let firm = format!("{last} {}", rng.pick(FIRM_SUFFIXES));
        (firm.clone(), CustomerKind::Company, firm)
    };
    let birth = person.then(|| {
        date(
            rng.range(1940, 2004) as i32,
            rng.range(1, 12) as u32,
            rng.range(1, 28) as u32,
        )
    });
    let salutation = match (person, female) {
        (false, _) => "",
        (true, true) => "Frau",
        (true, false) => "Herr",
    };
    let email = format!("{}.{}.{id}@example.de", mail_name(first), mail_name(last));
    let manager: StaffUserId = if person {
        small.staff[0]
    } else {
        small.account_manager
    };
    let clerk = if north {
        small.staff[1]
    } else {
        small.staff[3]
    };
    let at = created();
    let values = row![
        id,
        tenant,
        None::<OrganizationId>,
        format!("KD-L{id:07}"),
        kind,
        salutation,
        if person { first } else { "" },
        if person { last } else { "" },
        company,
        name.clone(),
        birth,
        street.clone(),
        town.postal_code,
        town.city,
        "DE",
        email,
        format!("+49 1{} {}", rng.range(51, 79), rng.digits(7)),
        iban_de(bank.1, &rng.digits(10)),
        bank.2,
        name.clone(),
        manager,
        clerk,
        at,
        at,
    ];
    let owner = Owner {
        id,
        tenant,
        person,
        name,
        street,
        town,
        currency: "EUR",
        site: "",
        insurer: None,
    };
    (owner, values)
}
