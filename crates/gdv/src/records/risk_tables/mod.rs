//! Field positions of the 0210/0220 layouts the crate types, from VUVM2023.xml.
//! To type another layout, add a `RiskLayout` constant (0210 in `contract_part`,
//! 0220 in `risk_part`) and map it in [`risk_layout`].

mod contract_part;
mod risk_part;

use super::risk::LineKind;
use crate::field::{F, f, fl};
use crate::layout::LayoutId;
use contract_part::*;
use risk_part::*;

#[derive(Clone, Copy)]
pub(crate) struct PersonFields {
    pub number: Option<F>,
    pub name: Option<F>,
    pub first_name: Option<F>,
    pub birth_date: Option<F>,
}

#[derive(Clone, Copy)]
pub(crate) struct VehicleFields {
    pub make: F,
    pub model: F,
    pub hsn: F,
    pub tsn: F,
    pub vin: F,
    pub plate: F,
    pub first_registration: F,
}

#[derive(Clone, Copy)]
pub(crate) struct AddressFields {
    pub country: Option<F>,
    pub postcode: F,
    pub city: F,
    pub street: F,
}

/// Where a layout keeps the values of [`super::LineOfBusiness`]; `None` = not in this layout.
#[derive(Clone, Copy)]
pub(crate) struct RiskLayout {
    pub kind: LineKind,
    pub status: Option<F>,
    pub start: Option<F>,
    pub end: Option<F>,
    pub changed: Option<F>,
    pub currency: Option<F>,
    pub premium: Option<F>,
    pub sum_insured: Option<F>,
    pub product: Option<F>,
    pub tariff: Option<F>,
    pub description: Option<F>,
    pub object_number: Option<F>,
    pub no_claims_class: Option<F>,
    pub risk_type: Option<F>,
    pub person: Option<PersonFields>,
    pub vehicle: Option<VehicleFields>,
    pub address: Option<AddressFields>,
}

const BASE: RiskLayout = RiskLayout {
    kind: LineKind::Leben,
    status: None,
    start: None,
    end: None,
    changed: None,
    currency: None,
    premium: None,
    sum_insured: None,
    product: None,
    tariff: None,
    description: None,
    object_number: None,
    no_claims_class: None,
    risk_type: None,
    person: None,
    vehicle: None,
    address: None,
};

/// The frequent 0210 opening: status, Beginn, Ausschluss, Änderungsdatum from `status_at`.
const fn dates_0210(kind: LineKind, status_at: u16) -> RiskLayout {
    RiskLayout {
        kind,
        status: Some(f(1, status_at, status_at, "Vertragsstatus")),
        start: Some(f(1, status_at + 1, status_at + 8, "Beginn")),
        end: Some(f(1, status_at + 9, status_at + 16, "Ausschluss")),
        changed: Some(f(1, status_at + 17, status_at + 24, "Aenderungsdatum")),
        ..BASE
    }
}

const fn premium(td: u8, start: u16, end: u16) -> Option<F> {
    Some(fl(td, start, end, 2, "GesamtbeitragInWE"))
}

const fn sum(td: u8, start: u16, end: u16) -> Option<F> {
    Some(f(td, start, end, "VersicherungssummeInWE"))
}

const fn currency(td: u8, start: u16) -> Option<F> {
    Some(f(td, start, start + 2, "Waehrungsschluessel"))
}

const fn product(td: u8, start: u16, end: u16) -> Option<F> {
    Some(f(td, start, end, "Produktname"))
}

const fn tariff(td: u8, start: u16, end: u16) -> Option<F> {
    Some(f(td, start, end, "Tarifbezeichnung"))
}

const fn address(
    td: u8,
    country: Option<u16>,
    postcode: u16,
    city: u16,
    street: u16,
) -> Option<AddressFields> {
    Some(AddressFields {
        country: match country {
            Some(c) => Some(f(td, c, c + 2, "LKZRisikoanschrift")),
            None => None,
        },
        postcode: f(td, postcode, postcode + 5, "PLZRisikoanschrift"),
        city: f(td, city, city + 24, "Risikoort"),
        street: f(td, street, street + 29, "RisikoStr"),
    })
}

/// The table for a layout, or `None` to keep the record raw.
pub(crate) fn risk_layout(id: &LayoutId) -> Option<&'static RiskLayout> {
    let table = match (id.satzart, id.sparte?, id.variant, id.group) {
        (210, 10, ..) => &LEBEN_0210,
        (210, 20, ..) => &KRANKEN_0210,
        (210, 30, ..) => &UNFALL_0210,
        (210, 40, ..) => &HAFTPFLICHT_0210,
        (210, 50, ..) => &KFZ_0210,
        (210, 70, ..) => &RECHTSSCHUTZ_0210,
        (210, 80, ..) => &FEUER_0210,
        (210, 110, ..) => &GLAS_0210,
        (210, 130, ..) => &HAUSRAT_0210,
        (210, 140, ..) => &WOHNGEBAEUDE_0210,
        (210, 170, ..) => &TECHNIK_0210,
        (210, 190, ..) => &TRANSPORT_0210,
        (220, 10, Some("0"), _) => &LEBEN_PERSON,
        (220, 10, Some("13"), Some(1)) => &LEBEN_13,
        (220, 10, Some("2"), Some(1)) => &LEBEN_2,
        (220, 10, Some("48" | "5" | "7"), Some(1)) => &LEBEN_TD2_TARIFF,
        (220, 10, Some("6"), Some(1)) => &LEBEN_6,
        (220, 10, Some("9"), Some(1)) => &LEBEN_WAGNIS,
        (220, 20, Some("1"), _) => &KRANKEN_PERSON,
        (220, 20, Some("2"), _) => &KRANKEN_TARIFF,
        (220, 30, ..) => &UNFALL_PERSON,
        (220, 40, ..) => &HAFTPFLICHT_0220,
        (220, 51, ..) => &KFZ_KH,
        (220, 52, ..) => &KFZ_VOLLKASKO,
        (220, 53, ..) => &KFZ_TEILKASKO,
        (220, 70, ..) => &RECHTSSCHUTZ_0220,
        (220, 80, ..) => &FEUER_0220,
        (220, 110, ..) => &GLAS_0220,
        (220, 130, ..) => &HAUSRAT_0220,
        (220, 140, ..) => &WOHNGEBAEUDE_0220,
        (220, 170, ..) => &TECHNIK_0220,
        (220, 190, ..) => &TRANSPORT_0220,
        _ => return None,
    };
    Some(table)
}
