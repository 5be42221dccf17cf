//! Small and medium-sized business customers of both tenants.

use kp_domain::{
    ClaimStatus, ContractType, CustomerKind, LineOfBusiness as L, ObjectId, ObjectKind,
};

use super::Seeder;
use super::build::{ClaimPlan, ContractRef, CustomerRef};
use super::objects::{at_address, object, vehicle};
use super::records::customer;
use crate::DemoError;
use crate::bank::iban_de;
use crate::calendar::date;
use crate::data::{BANKS_NORTH, BANKS_SOUTH, CARS, COMMERCIAL_VEHICLES, Town};

struct Business {
    name: &'static str,
    tenant: usize,
    street: &'static str,
    town: Town,
    domain: &'static str,
    lobs: [L; 5],
}

const fn town(postal_code: &'static str, city: &'static str, plate: &'static str) -> Town {
    Town {
        postal_code,
        city,
        plate,
    }
}

const BUSINESSES: &[Business] = &[
    Business {
        name: "Elbe Spedition Hansen GmbH & Co. KG",
        tenant: 0,
        street: "Am Moldauhafen 12",
        town: town("20457", "Hamburg", "HH"),
        domain: "elbe-spedition.example.de",
        lobs: [
            L::MotorFleet,
            L::Cargo,
            L::GeneralLiability,
            L::CommercialContents,
            L::Engineering,
        ],
    },
    Business {
        name: "Bäckerei Voss OHG",
        tenant: 0,
        street: "Am Sande 22",
        town: town("21335", "Lüneburg", "LG"),
        domain: "baeckerei-voss.example.de",
        lobs: [
            L::CommercialContents,
            L::GeneralLiability,
            L::Motor,
            L::Engineering,
            L::LegalExpenses,
        ],
    },
    Business {
        name: "Nordlicht Gastronomie GmbH",
        tenant: 0,
        street: "Große Elbstraße 143",
        town: town("22767", "Hamburg", "HH"),
        domain: "nordlicht-gastro.example.de",
        lobs: [
            L::CommercialContents,
            L::GeneralLiability,
            L::Glass,
            L::LegalExpenses,
            L::Accident,
        ],
    },
    Business {
        name: "Huber Elektrotechnik GmbH",
        tenant: 1,
        street: "Kufsteiner Straße 88",
        town: town("83022", "Rosenheim", "RO"),
        domain: "huber-elektro.example.de",
        lobs: [
            L::GeneralLiability,
            L::Engineering,
            L::MotorFleet,
            L::CommercialContents,
            L::LegalExpenses,
        ],
    },
    Business {
        name: "Alpenblick Hotel Betriebs GmbH",
        tenant: 1,
        street: "Seestraße 12",
        town: town("82319", "Starnberg", "STA"),
        domain: "alpenblick-hotel.example.de",
        lobs: [
            L::Fire,
            L::CommercialContents,
            L::GeneralLiability,
            L::Glass,
            L::Accident,
        ],
    },
];

pub(super) async fn seed(s: &mut Seeder<'_>) -> Result<(), DemoError> {
    for (i, b) in BUSINESSES.iter().enumerate() {
        let bank = if b.tenant == 0 {
            BANKS_NORTH[i % 3]
        } else {
            BANKS_SOUTH[i % 3]
        };
        let mut c = customer(CustomerKind::Company, b.name);
        c.company_name = b.name.into();
        (c.street, c.postal_code, c.city) = (
            b.street.into(),
            b.town.postal_code.into(),
            b.town.city.into(),
        );
        c.email = format!("info@{}", b.domain);
        c.phone = format!(
            "+49 {} {}",
            if b.tenant == 0 { "40" } else { "8031" },
            s.rng.digits(6)
        );
        (c.iban, c.bic, c.account_holder) = (
            iban_de(bank.1, &s.rng.digits(10)),
            bank.2.into(),
            b.name.into(),
        );
        let cust = s.add_customer(c, b.tenant, false).await?;
        let mut first_object = None;
        for lob in b.lobs {
            let mut plan = s.plan(lob);
            if lob == L::MotorFleet {
                plan.contract_type = ContractType::Fleet;
            }
            let k = s.add_contract(&cust, plan).await?;
            let o = business_objects(s, &k, b.street, &b.town, "").await?;
            first_object = first_object.or(o.map(|o| (k, o)));
        }
        if let Some((k, o)) = first_object.filter(|_| i % 2 == 0) {
            business_claim(s, &k, o, &cust).await?;
        }
    }
    Ok(())
}

/// The objects a business contract of `k`'s line insures at `street`,
/// `town`; returns the first. `site` names the site for group companies.
pub(super) async fn business_objects(
    s: &mut Seeder<'_>,
    k: &ContractRef,
    street: &str,
    town: &Town,
    site: &str,
) -> Result<Option<ObjectId>, DemoError> {
    let mut objects = Vec::new();
    match k.plan.lob {
        L::MotorFleet => {
            for _ in 0..s.rng.range(4, 7) {
                objects.push(vehicle(&mut s.rng, COMMERCIAL_VEHICLES, town));
            }
        }
        L::Motor => objects.push(vehicle(&mut s.rng, CARS, town)),
        L::Cargo => objects.push(object(
            ObjectKind::Goods,
            "Handelswaren und Stückgut, Sammelladungen per Lkw, See und Luft",
        )),
        L::CommercialContents => objects.push(at_address(
            ObjectKind::Location,
            format!("Betriebsstätte {street}"),
            street,
            town,
        )),
        L::Fire | L::Glass => objects.push(at_address(
            ObjectKind::Building,
            format!("Betriebsgebäude {street}"),
            street,
            town,
        )),
        L::Engineering => {
            for name in [
                "Stationäre Maschinen lt. Verzeichnis",
                "Fahrbare Arbeitsmaschinen",
            ] {
                objects.push(at_address(ObjectKind::Machine, name, street, town));
            }
        }
        L::Accident => objects.push(object(
            ObjectKind::Person,
            "Gruppenunfallversicherung, alle Mitarbeitenden",
        )),
        _ => {}
    }
    let mut first = None;
    for mut o in objects {
        o.site = site.into();
        o.currency = k.plan.currency.into();
        let id = s.add_object(k, o).await?;
        first = first.or(Some(id));
    }
    Ok(first)
}

async fn business_claim(
    s: &mut Seeder<'_>,
    k: &ContractRef,
    object: ObjectId,
    c: &CustomerRef,
) -> Result<(), DemoError> {
    let (claim_type, cause, description, status, reserve, paid) = match k.plan.lob {
        L::MotorFleet => (
            "collision",
            "Rangierschaden",
            "Sattelzug beim Rangieren an der Laderampe gegen einen Pfeiler gestoßen.",
            ClaimStatus::Settled,
            0,
            1_245_000,
        ),
        L::Fire => (
            "fire",
            "Brand",
            "Schwelbrand in der Hotelküche durch defekte Fritteuse, Rauchschäden im Restaurant.",
            ClaimStatus::InReview,
            3_800_000,
            0,
        ),
        _ => (
            "water",
            "Leitungswasser",
            "Rohrbruch im Lager, Ware und Regale durchfeuchtet.",
            ClaimStatus::Accepted,
            1_120_000,
            0,
        ),
    };
    let plan = ClaimPlan {
        object: Some(object),
        claim_type,
        cause,
        place: c.address.clone(),
        description: description.into(),
        date_of_loss: date(2026, 6, 3 + (object.0 % 20) as u32),
        status,
        reserve,
        paid,
    };
    s.add_claim(k, plan).await?;
    Ok(())
}
