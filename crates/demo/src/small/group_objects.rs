//! The insured objects of the group's contracts: sites under the property
//! programme, plant buildings, machines, fleets (with foreign plates
//! abroad) and goods under the open cover.

use kp_domain::{ContractType, LineOfBusiness as L, ObjectId, ObjectKind};
use kp_storage::write::objects::NewObject;

use super::Seeder;
use super::build::ContractRef;
use super::business::business_objects;
use super::group::{AUGSBURG, COMPANIES, Company};
use super::objects::{at_address, object, vehicle};
use crate::DemoError;
use crate::data::{CARS, COMMERCIAL_VEHICLES, PLATE_LETTERS};
use crate::rng::Rng;

/// Manufacturer, model, description, year, value in euros.
const AUGSBURG_MACHINES: &[(&str, &str, &str, i32, i64)] = &[
    (
        "DMG MORI",
        "DMU 125 P duoBLOCK",
        "5-Achs-Bearbeitungszentrum",
        2019,
        1_450_000,
    ),
    (
        "Schuler",
        "MSD 800",
        "Hydraulikpresse 800 t",
        2015,
        2_300_000,
    ),
    (
        "KUKA",
        "KR 210 R2700-2",
        "Industrieroboter Schweißzelle 3",
        2021,
        185_000,
    ),
    (
        "TRUMPF",
        "TruLaser 5030 fiber",
        "Laserschneidanlage",
        2020,
        890_000,
    ),
    ("INDEX", "G220", "Dreh-Fräszentrum", 2022, 640_000),
];

const AUGSBURG_BUILDINGS: &[(&str, i32, i64)] = &[
    ("Produktionshalle 1 (Montage)", 1998, 14_500_000),
    ("Produktionshalle 2 (Lackiererei)", 2004, 11_200_000),
    ("Verwaltungsgebäude", 1992, 6_800_000),
    ("Hochregallager", 2012, 5_500_000),
];

/// Inserts the objects of one group contract and returns their ids.
pub(super) async fn seed(
    s: &mut Seeder<'_>,
    k: &ContractRef,
    c: &Company,
    description: &str,
) -> Result<Vec<ObjectId>, DemoError> {
    let mut objects: Vec<NewObject> = Vec::new();
    match (k.plan.lob, k.plan.contract_type) {
        (L::CommercialContents, ContractType::Framework) => {
            for site in [0, 1, 2, 5, 6].map(|i| &COMPANIES[i]) {
                let mut o = at_address(
                    ObjectKind::Location,
                    format!("Standort {}", site.site),
                    site.street,
                    &site.town,
                );
                o.site = site.site.into();
                objects.push(o);
            }
        }
        (L::Cargo, ContractType::OpenCover) => objects.push(object(
            ObjectKind::Goods,
            "Maschinen, Baugruppen und Ersatzteile – Export weltweit, See- und Luftfracht",
        )),
        (L::Fire, _) if c.site == AUGSBURG => {
            for (name, year, value) in AUGSBURG_BUILDINGS {
                let mut o = at_address(ObjectKind::Building, *name, c.street, &c.town);
                (o.construction_year, o.value_minor) = (Some(*year), Some(value * 100));
                objects.push(o);
            }
        }
        (L::Engineering, _) if c.site == AUGSBURG && description.starts_with("Maschinen") => {
            for (make, model, name, year, value) in AUGSBURG_MACHINES {
                let mut o = at_address(
                    ObjectKind::Machine,
                    format!("{name} {make} {model}"),
                    c.street,
                    &c.town,
                );
                (o.manufacturer, o.model) = ((*make).into(), (*model).into());
                (o.construction_year, o.value_minor) = (Some(*year), Some(value * 100));
                objects.push(o);
            }
        }
        (L::Engineering, _) if description.starts_with("Bauleistung") => objects.push(at_address(
            ObjectKind::Building,
            "Erweiterung Halle 3 (Rohbau und Ausbau)",
            c.street,
            &c.town,
        )),
        (L::MotorFleet, _) => objects = fleet(&mut s.rng, c, 8),
        (L::Motor, _) => objects.push(vehicle(&mut s.rng, &CARS[3..5], &c.town)),
        _ => {
            let first = business_objects(s, k, c.street, &c.town, c.site).await?;
            return Ok(first.into_iter().collect());
        }
    }
    let mut ids = Vec::new();
    for mut o in objects {
        if o.site.is_empty() && o.kind != ObjectKind::Goods {
            o.site = c.site.into();
        }
        if o.country == "DE" {
            o.country = c.country.into();
        }
        o.currency = c.currency.into();
        ids.push(s.add_object(k, o).await?);
    }
    Ok(ids)
}

/// `n` vehicles of a company; plates in the company's country's format.
pub(crate) fn fleet(rng: &mut Rng, c: &Company, n: usize) -> Vec<NewObject> {
    (0..n)
        .map(|i| {
            let models = if i % 3 == 0 {
                CARS
            } else {
                COMMERCIAL_VEHICLES
            };
            let mut o = vehicle(rng, models, &c.town);
            if c.country != "DE" {
                o.plate = foreign_plate(rng, c.country);
            }
            (o.street, o.site) = (c.street.into(), c.site.into());
            o
        })
        .collect()
}

fn foreign_plate(rng: &mut Rng, country: &str) -> String {
    let mut letters = |n: usize| -> String {
        (0..n)
            .map(|_| char::from(*rng.pick(PLATE_LETTERS)))
            .collect()
    };
    let (a, b) = (letters(2), letters(2));
    match country {
        "FR" => format!("{a}-{}-{b}", rng.digits(3)),
        "CH" => format!("BS {}", rng.range(10_000, 999_999)),
        _ => format!("{a}{}-{}", b.chars().next().unwrap_or('X'), rng.digits(4)),
    }
}
