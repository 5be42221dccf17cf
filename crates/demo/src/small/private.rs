//! Private customers (Martina K. and generated households) and small
//! business customers.

use kp_domain::{
    ClaimStatus, ContractStatus, CustomerKind, LineOfBusiness as L, ObjectId, ObjectKind,
};

use super::Seeder;
use super::build::{ClaimPlan, ContractRef, CustomerRef};
use super::objects::{at_address, object, vehicle};
use super::records::{customer, mail_name};
use crate::DemoError;
use crate::bank::iban_de;
use crate::calendar::{date, plus_days};
use crate::data::{
    BANKS_NORTH, BANKS_SOUTH, CARS, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, STREETS, TOWNS_NORTH,
    TOWNS_SOUTH, Town,
};

pub(super) async fn seed(s: &mut Seeder<'_>) -> Result<(), DemoError> {
    martina(s).await?;
    for i in 0..22 {
        household(s, i).await?;
    }
    super::business::seed(s).await
}

async fn martina(s: &mut Seeder<'_>) -> Result<(), DemoError> {
    let town = Town {
        postal_code: "20253",
        city: "Hamburg",
        plate: "HH",
    };
    let mut c = customer(CustomerKind::Person, "Martina Keller");
    c.salutation = "Frau".into();
    c.first_name = "Martina".into();
    c.last_name = "Keller".into();
    c.birth_date = Some(date(1986, 4, 12));
    c.street = "Hoheluftchaussee 58".into();
    c.postal_code = town.postal_code.into();
    c.city = town.city.into();
    c.email = crate::accounts::MARTINA.into();
    c.phone = "+49 170 4418293".into();
    c.iban = iban_de(BANKS_NORTH[0].1, "1048822731");
    c.bic = BANKS_NORTH[0].2.into();
    c.account_holder = "Martina Keller".into();
    let m = s.add_customer(c, 0, false).await?;
    s.private_customers.push(m.id);

    let mut plan = s.plan(L::Motor);
    (plan.start, plan.net, plan.frequency) = (
        date(2022, 3, 1),
        61_240,
        kp_domain::PaymentFrequency::Yearly,
    );
    plan.description = "Kfz-Haftpflicht, Vollkasko (SB 300 €), Teilkasko (SB 150 €)".into();
    let car = s.add_contract(&m, plan).await?;
    let mut golf = vehicle(&mut s.rng, &CARS[..1], &town);
    (golf.plate, golf.construction_year, golf.value_minor) =
        ("HH-MK 482".into(), Some(2021), Some(2_150_000));
    let golf = s.add_object(&car, golf).await?;
    let windscreen = ClaimPlan {
        object: Some(golf),
        claim_type: "glass",
        cause: "Steinschlag",
        place: "A7, Höhe Hamburg-Stellingen".into(),
        description:
            "Steinschlag auf der A7, Riss in der Frontscheibe (ca. 30 cm). Scheibe wurde getauscht."
                .into(),
        date_of_loss: date(2026, 8, 14),
        status: ClaimStatus::Settled,
        reserve: 0,
        paid: 93_990,
    };
    s.journey.martina_windscreen = Some(s.add_claim(&car, windscreen).await?);

    let mut plan = s.plan(L::HouseholdContents);
    (plan.start, plan.sum_insured, plan.net) = (date(2019, 7, 1), Some(6_500_000), 14_870);
    let hr = s.add_contract(&m, plan).await?;
    let flat = s
        .add_object(
            &hr,
            at_address(
                ObjectKind::Building,
                "Wohnung 3. OG, 78 m²",
                "Hoheluftchaussee 58",
                &town,
            ),
        )
        .await?;
    s.journey.martina_home = Some((hr, flat));
    let mut plan = s.plan(L::PersonalLiability);
    (plan.start, plan.net) = (date(2019, 7, 1), 7_390);
    s.add_contract(&m, plan).await?;
    let mut plan = s.plan(L::LegalExpenses);
    (plan.start, plan.net) = (date(2020, 1, 1), 29_830);
    let legal = s.add_contract(&m, plan).await?;
    s.journey.martina_legal = Some(legal);
    s.journey.martina = Some(m);
    Ok(())
}

async fn household(s: &mut Seeder<'_>, i: u32) -> Result<(), DemoError> {
    let tenant = usize::from(i % 5 >= 3);
    let (towns, banks) = if tenant == 0 {
        (TOWNS_NORTH, BANKS_NORTH)
    } else {
        (TOWNS_SOUTH, BANKS_SOUTH)
    };
    let female = s.rng.chance(50);
    let first = *s
        .rng
        .pick(if female { FIRST_NAMES_F } else { FIRST_NAMES_M });
    let last = *s.rng.pick(LAST_NAMES);
    let town = *s.rng.pick(towns);
    let street = format!("{} {}", s.rng.pick(STREETS), s.rng.range(1, 140));
    let bank = *s.rng.pick(banks);
    let name = format!("{first} {last}");
    let mut c = customer(CustomerKind::Person, &name);
    c.salutation = if female { "Frau" } else { "Herr" }.into();
    (c.first_name, c.last_name) = (first.into(), last.into());
    c.birth_date = Some(date(
        s.rng.range(1948, 2002) as i32,
        s.rng.range(1, 12) as u32,
        s.rng.range(1, 28) as u32,
    ));
    (c.street, c.postal_code, c.city) = (street.clone(), town.postal_code.into(), town.city.into());
    c.email = format!("{}.{}@example.de", mail_name(first), mail_name(last));
    c.phone = format!("+49 1{} {}", s.rng.range(51, 79), s.rng.digits(7));
    (c.iban, c.bic, c.account_holder) = (
        iban_de(bank.1, &s.rng.digits(10)),
        bank.2.into(),
        name.clone(),
    );
    let cust = s.add_customer(c, tenant, false).await?;
    s.private_customers.push(cust.id);
    let mut lobs = vec![
        L::Motor,
        L::HouseholdContents,
        L::PersonalLiability,
        L::LegalExpenses,
        L::ResidentialBuilding,
        L::Accident,
        L::Life,
    ];
    for j in (1..lobs.len()).rev() {
        lobs.swap(j, s.rng.below(j as u64 + 1) as usize);
    }
    let count = 3 + (i % 3) as usize;
    for (j, lob) in lobs.into_iter().take(count).enumerate() {
        let (k, object) = private_contract(s, &cust, lob, i, &town, &street).await?;
        if j == 0 && i.is_multiple_of(2) {
            private_claim(s, &k, object, i).await?;
        }
    }
    Ok(())
}

async fn private_contract(
    s: &mut Seeder<'_>,
    c: &CustomerRef,
    lob: L,
    i: u32,
    town: &Town,
    street: &str,
) -> Result<(ContractRef, Option<ObjectId>), DemoError> {
    let mut plan = s.plan(lob);
    match s.rng.below(100) {
        0..=6 => {
            (plan.status, plan.end) = (
                ContractStatus::Cancelled,
                Some(
                    date(2026, s.rng.range(1, 9) as u32, 1)
                        .pred_opt()
                        .unwrap_or_default(),
                ),
            )
        }
        7..=11 => (plan.status, plan.end) = (ContractStatus::Expired, Some(date(2025, 12, 31))),
        12..=14 if lob == L::Motor => plan.status = ContractStatus::Suspended,
        _ => {}
    }
    if i == 3 && lob != L::Motor {
        (plan.status, plan.start) = (ContractStatus::Offer, date(2026, 11, 1));
    }
    let k = s.add_contract(c, plan).await?;
    let o = match lob {
        L::Motor => Some(vehicle(&mut s.rng, CARS, town)),
        L::HouseholdContents => Some(at_address(
            ObjectKind::Building,
            format!("Wohnung, {} m²", s.rng.range(45, 140)),
            street,
            town,
        )),
        L::ResidentialBuilding => {
            let mut b = at_address(
                ObjectKind::Building,
                "Einfamilienhaus, massiv, Ziegeldach",
                street,
                town,
            );
            b.construction_year = Some(s.rng.range(1958, 2018) as i32);
            b.value_minor = k.plan.sum_insured;
            Some(b)
        }
        L::Accident | L::Life => Some(object(
            ObjectKind::Person,
            format!("Versicherte Person: {}", c.name),
        )),
        _ => None,
    };
    let object = match o {
        Some(o) => Some(s.add_object(&k, o).await?),
        None => None,
    };
    Ok((k, object))
}

/// A claim on a household's first contract, with a cause fitting its line.
async fn private_claim(
    s: &mut Seeder<'_>,
    k: &ContractRef,
    object: Option<ObjectId>,
    i: u32,
) -> Result<(), DemoError> {
    let (claim_type, cause, description, amount) = match k.plan.lob {
        L::Motor => (
            "collision",
            "Auffahrunfall",
            "Beim Anfahren an der Ampel auf das vorausfahrende Fahrzeug aufgefahren.",
            310_000,
        ),
        L::HouseholdContents => (
            "water",
            "Leitungswasser",
            "Geplatzter Schlauch der Waschmaschine, Laminat und Unterschrank beschädigt.",
            240_000,
        ),
        L::ResidentialBuilding => (
            "storm",
            "Sturm/Hagel",
            "Sturmtief hat Dachziegel gelöst, Wassereintritt im Dachgeschoss.",
            680_000,
        ),
        L::PersonalLiability => (
            "liability",
            "Sachschaden Dritter",
            "Beim Umzug eines Freundes dessen Fernseher fallen gelassen.",
            89_900,
        ),
        L::LegalExpenses => (
            "other",
            "Arbeitsrecht",
            "Streit mit dem Arbeitgeber über eine Abmahnung, anwaltliche Erstberatung.",
            120_000,
        ),
        // Claim types are codes (`kp_domain::ClaimType`): an accident is a
        // personal injury, a legal case has no type of its own.
        _ => (
            "personal_injury",
            "Sturz",
            "Sturz beim Joggen, Bruch des Handgelenks, ambulante Behandlung.",
            250_000,
        ),
    };
    let status = [
        ClaimStatus::Settled,
        ClaimStatus::InReview,
        ClaimStatus::Reported,
        ClaimStatus::Rejected,
        ClaimStatus::Closed,
        ClaimStatus::Accepted,
    ][(i / 2 % 6) as usize];
    let settled = matches!(status, ClaimStatus::Settled | ClaimStatus::Closed);
    let open = matches!(
        status,
        ClaimStatus::Reported | ClaimStatus::InReview | ClaimStatus::Accepted
    );
    let plan = ClaimPlan {
        object,
        claim_type,
        cause,
        place: k.customer.address.clone(),
        description: description.into(),
        date_of_loss: plus_days(date(2025, 11, 1), s.rng.below(300)),
        status,
        reserve: if open { amount } else { 0 },
        paid: if settled {
            amount - k.plan.deductible.unwrap_or(0)
        } else {
            0
        },
    };
    s.add_claim(k, plan).await?;
    Ok(())
}
