//! From the reader's typed records to the portal's columns: pure functions,
//! no I/O. Codes follow docs/gdv-import.md.

use chrono::NaiveDate;
use gdv::codes::{AddressKind, ContractStatus, Gender, PaymentFrequency, Salutation};
use gdv::records::{LineKind, LineOfBusiness as Risk, Partner, RiskLevel};
use gdv::{GdvDate, Money};
use kp_domain::{LineOfBusiness, ObjectKind};
use kp_storage::gdv_import::{CustomerFields, ObjectFields};

/// A GDV date as a calendar date; an unknown day or month is the first.
pub fn date(d: Option<GdvDate>) -> Option<NaiveDate> {
    let d = d?;
    if d.year == 0 {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::from(d.year),
        u32::from(d.month.unwrap_or(1)),
        u32::from(d.day.unwrap_or(1)),
    )
}

/// The Hauptfälligkeit as the portal shows it, `DD.MM.`.
pub fn main_due(d: Option<GdvDate>) -> String {
    match d {
        Some(GdvDate {
            month: Some(m),
            day,
            ..
        }) => format!("{:02}.{m:02}.", day.unwrap_or(1)),
        _ => String::new(),
    }
}

pub fn cents(m: Option<Money>) -> i64 {
    m.map_or(0, |m| m.cents)
}

/// The portal's line of business for a delivered Sparte.
pub fn line_of_business(sparte: Option<u16>, company: bool) -> LineOfBusiness {
    match sparte.unwrap_or(0) {
        10 => LineOfBusiness::Life,
        20 => LineOfBusiness::Health,
        30 => LineOfBusiness::Accident,
        40 if company => LineOfBusiness::GeneralLiability,
        40 => LineOfBusiness::PersonalLiability,
        50..=59 => LineOfBusiness::Motor,
        70 => LineOfBusiness::LegalExpenses,
        80..=89 => LineOfBusiness::Fire,
        110 => LineOfBusiness::Glass,
        130 => LineOfBusiness::HouseholdContents,
        140 => LineOfBusiness::ResidentialBuilding,
        170..=179 => LineOfBusiness::Engineering,
        190..=199 => LineOfBusiness::Cargo,
        _ => LineOfBusiness::Other,
    }
}

/// Vertragsstatus (Anlage 24) → the portal's status. Paid-up contracts are
/// still in force; dormant ones are suspended.
pub fn contract_status(s: Option<&ContractStatus>) -> &'static str {
    match s {
        Some(ContractStatus::Cancelled) => "cancelled",
        Some(ContractStatus::Dormant | ContractStatus::DormantPremiumFree) => "suspended",
        _ => "active",
    }
}

/// Zahlungsweise → payment frequency; "other" and "premium free" count as
/// yearly (the premium shown is then the yearly one the file gives).
pub fn payment_frequency(p: Option<&PaymentFrequency>) -> &'static str {
    match p {
        Some(PaymentFrequency::Monthly) => "monthly",
        Some(PaymentFrequency::Quarterly) => "quarterly",
        Some(PaymentFrequency::HalfYearly) => "half_yearly",
        Some(PaymentFrequency::SinglePayment) => "single",
        _ => "yearly",
    }
}

/// Whether a 0100 names the policyholder (role 01, or no role given).
pub fn is_policy_holder(p: &Partner) -> bool {
    matches!(p.role, None | Some(AddressKind::PolicyHolder))
}

fn is_company(p: &Partner) -> bool {
    matches!(
        p.salutation,
        Some(Salutation::Company | Salutation::Association)
    ) || matches!(p.gender, Some(Gender::LegalEntity))
}

fn text(s: &Option<String>) -> String {
    s.as_deref().map(str::trim).unwrap_or_default().to_owned()
}

fn join(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The vehicle registration country codes of the 0100 as ISO codes.
fn country(code: &Option<String>) -> String {
    match text(code).as_str() {
        "" | "D" | "DE" => "DE".to_owned(),
        "A" => "AT".to_owned(),
        "F" => "FR".to_owned(),
        "I" => "IT".to_owned(),
        "E" => "ES".to_owned(),
        "B" => "BE".to_owned(),
        "L" => "LU".to_owned(),
        "NL" => "NL".to_owned(),
        other => other.chars().take(3).collect(),
    }
}

/// A customer from the policyholder's 0100.
pub fn customer(p: &Partner, number: &str) -> CustomerFields {
    let company = is_company(p);
    let name1 = text(&p.name1);
    let name2 = text(&p.name2);
    let name3 = text(&p.name3);
    let (first_name, last_name, company_name) = if company {
        (String::new(), String::new(), join(&[name1.clone(), name2]))
    } else {
        (name3.clone(), name1.clone(), String::new())
    };
    let mut display_name = if company {
        company_name.clone()
    } else {
        join(&[text(&p.title), name3, name1])
    };
    if display_name.is_empty() {
        display_name = number.to_owned();
    }
    let phone = p
        .communications
        .iter()
        .find(|c| !c.kind.as_ref().is_some_and(|k| k.is_email()))
        .map(|c| c.value.trim().to_owned())
        .unwrap_or_default();
    let account = p
        .bank_accounts
        .iter()
        .find(|b| b.iban.is_some())
        .cloned()
        .unwrap_or_default();
    CustomerFields {
        kind: if company { "company" } else { "person" }.to_owned(),
        salutation: p
            .salutation
            .as_ref()
            .map(|s| s.code().to_owned())
            .unwrap_or_default(),
        first_name,
        last_name,
        company_name,
        display_name,
        birth_date: date(p.birth_date),
        street: text(&p.street),
        postal_code: text(&p.postcode),
        city: text(&p.city),
        country: country(&p.country),
        email: p.email().unwrap_or_default(),
        phone,
        iban: text(&account.iban),
        bic: text(&account.bic),
        account_holder: text(&account.holder),
    }
}

/// A customer known only by its number (a contract without its 0100).
pub fn customer_by_number(number: &str) -> CustomerFields {
    CustomerFields {
        kind: "person".to_owned(),
        salutation: String::new(),
        first_name: String::new(),
        last_name: String::new(),
        company_name: String::new(),
        display_name: number.to_owned(),
        birth_date: None,
        street: String::new(),
        postal_code: String::new(),
        city: String::new(),
        country: "DE".to_owned(),
        email: String::new(),
        phone: String::new(),
        iban: String::new(),
        bic: String::new(),
        account_holder: String::new(),
    }
}

/// An insured object for a 0210/0220 record, or `None` when the record
/// describes no object (a 0210 contract part, a Kfz coverage).
pub fn object(r: &Risk) -> Option<ObjectFields> {
    let mut o = ObjectFields {
        contract_id: 0,
        kind: ObjectKind::Other.as_str().to_owned(),
        description: String::new(),
        street: String::new(),
        postal_code: String::new(),
        city: String::new(),
        country: String::new(),
        plate: String::new(),
        vin: String::new(),
        manufacturer: String::new(),
        model: String::new(),
        value_minor: r.sum_insured.map(|m| m.cents),
        currency: r.currency.as_str().to_owned(),
    };
    let fallback = join(&[text(&r.description), text(&r.product_name), text(&r.tariff)]);
    if let Some(v) = &r.vehicle {
        o.kind = ObjectKind::Vehicle.as_str().to_owned();
        o.manufacturer = text(&v.make);
        o.model = text(&v.model);
        o.plate = text(&v.plate);
        o.vin = text(&v.vin);
        o.description = join(&[o.manufacturer.clone(), o.model.clone(), o.plate.clone()]);
    } else if let Some(p) = &r.insured_person {
        o.kind = ObjectKind::Person.as_str().to_owned();
        o.description = join(&[text(&p.first_name), text(&p.name)]);
    } else if let Some(a) = r.risk_address.as_ref().filter(|a| {
        a.street.as_deref().is_some_and(|s| !s.trim().is_empty())
            || a.city.as_deref().is_some_and(|s| !s.trim().is_empty())
    }) {
        o.kind = match r.kind {
            LineKind::Wohngebaeude | LineKind::FeuerSach => ObjectKind::Building,
            _ => ObjectKind::Location,
        }
        .as_str()
        .to_owned();
        o.street = text(&a.street);
        o.postal_code = text(&a.postcode);
        o.city = text(&a.city);
        o.country = country(&a.country);
        o.description = join(&[o.street.clone(), o.postal_code.clone(), o.city.clone()]);
    } else if r.level == RiskLevel::Risk && r.kind != LineKind::Kfz {
        o.kind = match r.kind {
            LineKind::Transport => ObjectKind::Goods,
            LineKind::TechnischeVersicherungen => ObjectKind::Machine,
            _ => ObjectKind::Other,
        }
        .as_str()
        .to_owned();
        o.description = fallback.clone();
    } else {
        return None;
    }
    if o.description.is_empty() {
        o.description = if fallback.is_empty() {
            text(&r.object_number)
        } else {
            fallback
        };
    }
    Some(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_due_dates() {
        assert_eq!(
            date(GdvDate::new(2004, Some(5), None)),
            NaiveDate::from_ymd_opt(2004, 5, 1)
        );
        assert_eq!(date(GdvDate::ymd(0, 5, 1)), None);
        assert_eq!(main_due(GdvDate::ymd(0, 5, 1)), "01.05.");
        assert_eq!(main_due(None), "");
    }

    #[test]
    fn sparten_map_to_lines_of_business() {
        assert_eq!(line_of_business(Some(51), false), LineOfBusiness::Motor);
        assert_eq!(
            line_of_business(Some(40), true),
            LineOfBusiness::GeneralLiability
        );
        assert_eq!(line_of_business(Some(0), false), LineOfBusiness::Other);
        assert_eq!(line_of_business(None, false), LineOfBusiness::Other);
    }

    #[test]
    fn statuses_and_frequencies() {
        assert_eq!(
            contract_status(Some(&ContractStatus::Cancelled)),
            "cancelled"
        );
        assert_eq!(
            contract_status(Some(&ContractStatus::PremiumFree)),
            "active"
        );
        assert_eq!(contract_status(None), "active");
        assert_eq!(
            payment_frequency(Some(&PaymentFrequency::Monthly)),
            "monthly"
        );
        assert_eq!(
            payment_frequency(Some(&PaymentFrequency::Unknown("7".into()))),
            "yearly"
        );
    }
}
