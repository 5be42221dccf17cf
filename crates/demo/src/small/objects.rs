//! Insured objects: vehicles with plates and VINs, buildings, machines,
//! sites, persons and goods.

use kp_domain::{ContractId, ObjectKind};
use kp_storage::write::objects::NewObject;

use crate::calendar::created;
use crate::data::{PLATE_LETTERS, Town};
use crate::rng::Rng;

/// An object with the given kind and description and empty details; the
/// seeder fills in contract, external id and time.
pub(crate) fn object(kind: ObjectKind, description: impl Into<String>) -> NewObject {
    NewObject {
        contract_id: ContractId(0),
        external_id: String::new(),
        kind,
        description: description.into(),
        site: String::new(),
        street: String::new(),
        postal_code: String::new(),
        city: String::new(),
        country: "DE".into(),
        plate: String::new(),
        vin: String::new(),
        manufacturer: String::new(),
        model: String::new(),
        construction_year: None,
        value_minor: None,
        currency: "EUR".into(),
        created_at: created(),
    }
}

/// An object at an address.
pub(crate) fn at_address(
    kind: ObjectKind,
    description: impl Into<String>,
    street: &str,
    town: &Town,
) -> NewObject {
    let mut o = object(kind, description);
    o.street = street.into();
    o.postal_code = town.postal_code.into();
    o.city = town.city.into();
    o
}

/// A German number plate such as `HH-MK 482`.
pub(crate) fn plate(rng: &mut Rng, prefix: &str) -> String {
    let letters = 1 + rng.below(2) as usize;
    let middle: String = (0..letters)
        .map(|_| char::from(*rng.pick(PLATE_LETTERS)))
        .collect();
    format!("{prefix}-{middle} {}", rng.range(1, 9999))
}

/// A 17-character VIN: manufacturer id, `ZZZ` filler as European makers
/// use it, model code, model year letter, plant and serial.
pub(crate) fn vin(rng: &mut Rng, wmi: &str, year: i32) -> String {
    const YEAR_CODES: &[u8] = b"ABCDEFGHJKLMNPRSTVWXY123456789";
    const ALNUM: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    let year_code = YEAR_CODES[((year - 2010).rem_euclid(30)) as usize];
    let model: String = (0..2).map(|_| char::from(*rng.pick(ALNUM))).collect();
    let plant = char::from(*rng.pick(ALNUM));
    format!(
        "{wmi:.3}ZZZ{model}Z{}{plant}{}",
        char::from(year_code),
        rng.digits(6)
    )
}

/// A vehicle from `models` registered in `town`.
pub(crate) fn vehicle(rng: &mut Rng, models: &[(&str, &str, &str, i64)], town: &Town) -> NewObject {
    let (make, model, wmi, price) = *rng.pick(models);
    let year = rng.range(2016, 2026) as i32;
    let mut o = object(ObjectKind::Vehicle, format!("{make} {model}"));
    o.plate = plate(rng, town.plate);
    o.vin = vin(rng, wmi, year);
    o.manufacturer = make.into();
    o.model = model.into();
    o.construction_year = Some(year);
    // Current value: the new price less 8 % a year, in whole euros.
    let age = i64::from(2026 - year);
    o.value_minor = Some(price * 100 * (100 - (8 * age).min(70)) / 100 / 100 * 100);
    o.postal_code = town.postal_code.into();
    o.city = town.city.into();
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vins_have_17_characters_and_plates_the_prefix() {
        let mut rng = Rng::new(1);
        for _ in 0..50 {
            assert_eq!(vin(&mut rng, "WVW", 2021).len(), 17);
            assert!(plate(&mut rng, "HH").starts_with("HH-"));
        }
    }
}
