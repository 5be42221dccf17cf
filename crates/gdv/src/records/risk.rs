//! 0210 (vertragsspezifisch) and 0220 (spartenspezifisch) records: what is
//! insured, for how much, at which premium. One struct for all lines of
//! business, filled from a per-layout table in `risk_tables`.

use serde::Serialize;

use super::risk_tables::{RiskLayout, risk_layout};
use crate::codes::ContractStatus;
use crate::field::Fields;
use crate::layout::LayoutId;
use crate::record::{RecordKey, read_key};
use crate::value::{Currency, GdvDate, Money};

/// Line of business (Sparte group) of a 0210/0220 record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LineKind {
    Leben,
    Kranken,
    Unfall,
    Haftpflicht,
    /// Kraftfahrt; 0220 records are split into KH (051), Vollkasko (052), Teilkasko (053).
    Kfz,
    Rechtsschutz,
    /// Feuer and other Sach-Sparten sharing the 080 layout.
    FeuerSach,
    Glas,
    Hausrat,
    Wohngebaeude,
    Transport,
    TechnischeVersicherungen,
}

/// Whether the record describes the contract part (0210) or a risk/person (0220).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RiskLevel {
    /// 0210 Vertragsspezifischer Teil.
    Contract,
    /// 0220 Spartenspezifischer Teil (insured person, object or coverage).
    Risk,
}

/// An insured person (Unfall, Leben, Kranken).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InsuredPerson {
    /// Running number of the insured person within the contract.
    pub number: Option<String>,
    pub name: Option<String>,
    pub first_name: Option<String>,
    pub birth_date: Option<GdvDate>,
}

/// Vehicle data (0210.050).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vehicle {
    pub make: Option<String>,
    pub model: Option<String>,
    /// Hersteller-Schlüssel-Nr. (HSN).
    pub hsn: Option<String>,
    /// Typschlüssel-Nr. (TSN).
    pub tsn: Option<String>,
    /// Fahrzeug-Identifizierungsnummer (VIN).
    pub vin: Option<String>,
    /// Amtliches Kennzeichen.
    pub plate: Option<String>,
    pub first_registration: Option<GdvDate>,
}

/// Address of the insured risk (Hausrat, Wohngebäude, Glas, Haftpflicht).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskAddress {
    pub country: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub street: Option<String>,
}

/// A 0210 or 0220 record. Maps to an insured object in the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineOfBusiness {
    pub key: RecordKey,
    pub level: RiskLevel,
    pub kind: LineKind,
    pub status: Option<ContractStatus>,
    /// Beginn (of the risk or, for persons, Einschluss).
    pub start: Option<GdvDate>,
    /// Ausschluss / Ablauf.
    pub end: Option<GdvDate>,
    pub change_date: Option<GdvDate>,
    pub currency: Currency,
    /// The premium of this part (Gesamtbeitrag for 0210, the risk's premium for 0220).
    pub premium: Option<Money>,
    /// Versicherungssumme, where the layout has one.
    pub sum_insured: Option<Money>,
    pub product_name: Option<String>,
    pub tariff: Option<String>,
    /// Description of the insured risk or object.
    pub description: Option<String>,
    /// Running number of the object or risk within the contract.
    pub object_number: Option<String>,
    pub insured_person: Option<InsuredPerson>,
    pub vehicle: Option<Vehicle>,
    pub risk_address: Option<RiskAddress>,
    /// Schadenfreiheitsklasse (Kfz-Haftpflicht and Vollkasko).
    pub no_claims_class: Option<String>,
    /// Wagnisart (Leben) or Wagnisart/Risikoart code (Haftpflicht, Rechtsschutz).
    pub risk_type: Option<String>,
}

/// Reads a 0210/0220 record if its layout has a table; `None` keeps it raw.
pub(crate) fn read_line_of_business(id: &LayoutId, r: &mut Fields<'_>) -> Option<LineOfBusiness> {
    let table = risk_layout(id)?;
    Some(read_with(table, id, r))
}

fn read_with(t: &RiskLayout, id: &LayoutId, r: &mut Fields<'_>) -> LineOfBusiness {
    let currency = r.currency(t.currency);
    let insured_person = t.person.map(|p| InsuredPerson {
        number: r.opt_text(p.number).map(|s| s.trim().to_string()),
        name: r.opt_text(p.name),
        first_name: r.opt_text(p.first_name),
        birth_date: r.opt_date(p.birth_date),
    });
    let vehicle = t.vehicle.map(|v| Vehicle {
        make: r.text(v.make),
        model: r.text(v.model),
        hsn: r.text_trim(v.hsn),
        tsn: r.text_trim(v.tsn),
        vin: r.text_trim(v.vin),
        plate: r.text_trim(v.plate),
        first_registration: r.date(v.first_registration),
    });
    let risk_address = t.address.map(|a| RiskAddress {
        country: r.opt_text(a.country),
        postcode: r.text_trim(a.postcode),
        city: r.text(a.city),
        street: r.text(a.street),
    });
    LineOfBusiness {
        key: read_key(r),
        level: if id.satzart == 210 {
            RiskLevel::Contract
        } else {
            RiskLevel::Risk
        },
        kind: t.kind,
        status: r.opt_status(t.status),
        start: r.opt_date(t.start),
        end: r.opt_date(t.end),
        change_date: r.opt_date(t.changed),
        currency,
        premium: r.opt_money(t.premium, currency),
        sum_insured: r.opt_money(t.sum_insured, currency),
        product_name: r.opt_text(t.product),
        tariff: r.opt_text(t.tariff),
        description: r.opt_text(t.description),
        object_number: r.opt_text(t.object_number).map(|s| s.trim().to_string()),
        insured_person,
        vehicle,
        risk_address,
        no_claims_class: r.opt_text(t.no_claims_class).map(|s| s.trim().to_string()),
        risk_type: r.opt_text(t.risk_type).map(|s| s.trim().to_string()),
    }
}
