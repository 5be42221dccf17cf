//! The industrial group "Brenner Industrie Gruppe": twelve companies in
//! Germany, France, Switzerland and the US, spread over both tenants, with
//! property, engineering, fleet, liability and cargo contracts at eight
//! sites. Dr. Stefan B. sees all of it; Jens W. only the Augsburg site.

use kp_domain::{ContractStatus, ContractType as T, CustomerKind, LineOfBusiness as L, ObjectId};

use super::Seeder;
use super::build::{ContractRef, CustomerRef, customer};
use crate::bank::{iban_ch, iban_de, iban_fr};
use crate::calendar::date;
use crate::data::Town;
use crate::DemoError;

pub(crate) const AUGSBURG: &str = "Werk Augsburg";

pub(crate) struct Company {
    pub name: &'static str,
    pub tenant: usize,
    pub street: &'static str,
    pub town: Town,
    pub country: &'static str,
    pub currency: &'static str,
    pub site: &'static str,
}

const fn co(
    name: &'static str,
    tenant: usize,
    street: &'static str,
    (postal_code, city, plate): (&'static str, &'static str, &'static str),
    country: &'static str,
    currency: &'static str,
    site: &'static str,
) -> Company {
    Company { name, tenant, street, town: Town { postal_code, city, plate }, country, currency, site }
}

pub(crate) const COMPANIES: &[Company] = &[
    co("Brenner Industrie Holding AG", 1, "Landsberger Straße 302", ("80687", "München", "M"), "DE", "EUR", "Zentrale München"),
    co("Brenner Maschinenbau GmbH", 1, "Werner-von-Siemens-Straße 12", ("86159", "Augsburg", "A"), "DE", "EUR", AUGSBURG),
    co("Brenner Antriebstechnik GmbH", 1, "Am Westpark 8", ("85057", "Ingolstadt", "IN"), "DE", "EUR", "Werk Ingolstadt"),
    co("Brenner Immobilien GmbH & Co. KG", 1, "Landsberger Straße 302", ("80687", "München", "M"), "DE", "EUR", "Zentrale München"),
    co("Brenner Industrieservice GmbH", 1, "Landsberger Straße 300", ("80687", "München", "M"), "DE", "EUR", "Zentrale München"),
    co("Brenner Logistik GmbH", 0, "Altenwerder Hauptstraße 20", ("21129", "Hamburg", "HH"), "DE", "EUR", "Logistikzentrum Hamburg"),
    co("Brenner Kunststofftechnik GmbH", 0, "Bei der Pferdehütte 12", ("21339", "Lüneburg", "LG"), "DE", "EUR", "Werk Lüneburg"),
    co("Brenner Handelsgesellschaft mbH", 0, "Brooktorkai 20", ("20457", "Hamburg", "HH"), "DE", "EUR", "Logistikzentrum Hamburg"),
    co("Brenner Vertrieb Deutschland GmbH", 0, "Brooktorkai 20", ("20457", "Hamburg", "HH"), "DE", "EUR", "Logistikzentrum Hamburg"),
    co("Brenner France SAS", 0, "45 Avenue Jean Jaurès", ("69007", "Lyon", ""), "FR", "EUR", "Site de Lyon"),
    co("Brenner Suisse AG", 1, "Hochbergerstrasse 60", ("4057", "Basel", ""), "CH", "CHF", "Werk Basel"),
    co("Brenner Industries Inc.", 0, "2200 Westinghouse Blvd", ("NC 28273", "Charlotte", ""), "US", "USD", "Plant Charlotte"),
];

/// One contract of the group: company, line, type, description, yearly net
/// premium and sum insured in whole units of the company's currency.
struct Programme(usize, L, T, &'static str, i64, Option<i64>);

pub(super) const PROGRAMME_COUNT: usize = PROGRAMMES.len();

const PROGRAMMES: &[Programme] = &[
    Programme(0, L::GeneralLiability, T::Framework, "Konzern-Betriebs- und Umwelthaftpflicht (Masterpolice)", 184_000, Some(20_000_000)),
    Programme(0, L::CommercialContents, T::Framework, "Sachversicherungsprogramm Inhalt Deutschland (Feuer, ED, LW, Sturm, BU)", 96_500, Some(85_000_000)),
    Programme(0, L::Cargo, T::OpenCover, "Generalpolice Warentransport weltweit (offene Police)", 38_000, Some(2_000_000)),
    Programme(0, L::LegalExpenses, T::Individual, "Firmen-Rechtsschutz für Gewerbetreibende", 4_800, Some(1_000_000)),
    Programme(0, L::Accident, T::Framework, "Gruppenunfallversicherung Konzern", 12_400, Some(250_000)),
    Programme(0, L::Motor, T::Individual, "Dienstwagen Vorstand", 1_480, None),
    Programme(1, L::Fire, T::Individual, "Feuerversicherung Werk Augsburg", 42_000, Some(38_000_000)),
    Programme(1, L::Engineering, T::Individual, "Maschinenversicherung Werk Augsburg", 28_500, Some(9_500_000)),
    Programme(1, L::MotorFleet, T::Fleet, "Werksfuhrpark Augsburg", 18_900, None),
    Programme(1, L::GeneralLiability, T::Individual, "Produkthaftpflicht Maschinenbau inkl. Rückruf", 36_000, Some(10_000_000)),
    Programme(1, L::Engineering, T::Individual, "Bauleistungsversicherung Erweiterung Halle 3", 6_200, Some(4_200_000)),
    Programme(2, L::Fire, T::Individual, "Feuerversicherung Werk Ingolstadt", 21_000, Some(17_500_000)),
    Programme(2, L::Engineering, T::Individual, "Maschinenversicherung Werk Ingolstadt", 14_200, Some(5_800_000)),
    Programme(2, L::GeneralLiability, T::Individual, "Betriebshaftpflicht Antriebstechnik", 19_800, Some(10_000_000)),
    Programme(2, L::MotorFleet, T::Fleet, "Fuhrpark Ingolstadt", 9_600, None),
    Programme(3, L::Fire, T::Individual, "Gebäudeversicherung Konzernzentrale", 15_300, Some(24_000_000)),
    Programme(3, L::ResidentialBuilding, T::Individual, "Wohngebäude Werkswohnungen Ingolstadt", 6_900, Some(3_400_000)),
    Programme(3, L::Glass, T::Individual, "Glasversicherung Fassade Konzernzentrale", 2_100, None),
    Programme(4, L::MotorFleet, T::Fleet, "Servicefahrzeuge Deutschland", 24_800, None),
    Programme(4, L::GeneralLiability, T::Individual, "Betriebshaftpflicht Montage und Service", 11_700, Some(5_000_000)),
    Programme(4, L::Engineering, T::Individual, "Fahrbare Arbeitsmaschinen", 5_400, Some(900_000)),
    Programme(5, L::MotorFleet, T::Fleet, "Lkw-Flotte Logistik", 46_000, None),
    Programme(5, L::Cargo, T::Individual, "Verkehrshaftung und Warentransport Inland", 17_500, Some(1_500_000)),
    Programme(5, L::CommercialContents, T::Individual, "Lagerinhalt Logistikzentrum Hamburg", 13_900, Some(12_000_000)),
    Programme(5, L::GeneralLiability, T::Individual, "Betriebshaftpflicht Logistik", 8_300, Some(5_000_000)),
    Programme(6, L::Fire, T::Individual, "Feuerversicherung Werk Lüneburg", 16_800, Some(14_000_000)),
    Programme(6, L::Engineering, T::Individual, "Maschinenversicherung Spritzgießanlagen", 12_600, Some(6_500_000)),
    Programme(6, L::GeneralLiability, T::Individual, "Betriebs- und Produkthaftpflicht Kunststoff", 14_100, Some(10_000_000)),
    Programme(6, L::CommercialContents, T::Individual, "Inhaltsversicherung Werk Lüneburg", 7_900, Some(6_000_000)),
    Programme(7, L::Cargo, T::Individual, "Transportversicherung Import Fernost", 22_400, Some(3_000_000)),
    Programme(7, L::GeneralLiability, T::Individual, "Betriebshaftpflicht Handel", 5_600, Some(5_000_000)),
    Programme(7, L::LegalExpenses, T::Individual, "Firmen-Vertragsrechtsschutz", 3_200, Some(500_000)),
    Programme(8, L::MotorFleet, T::Fleet, "Außendienst-Flotte Vertrieb", 31_500, None),
    Programme(8, L::GeneralLiability, T::Individual, "Betriebshaftpflicht Vertrieb", 4_400, Some(5_000_000)),
    Programme(8, L::CommercialContents, T::Individual, "Büroinhalt Vertriebsbüro Hamburg", 1_900, Some(800_000)),
    Programme(9, L::GeneralLiability, T::Individual, "Responsabilité civile générale", 27_300, Some(10_000_000)),
    Programme(9, L::CommercialContents, T::Individual, "Multirisque industrielle site de Lyon", 18_600, Some(15_000_000)),
    Programme(9, L::MotorFleet, T::Fleet, "Flotte automobile France", 12_800, None),
    Programme(10, L::Fire, T::Individual, "Feuer- und Elementarversicherung Werk Basel", 31_000, Some(26_000_000)),
    Programme(10, L::Engineering, T::Individual, "Maschinenversicherung Werk Basel", 15_500, Some(7_000_000)),
    Programme(10, L::GeneralLiability, T::Individual, "Betriebshaftpflicht Schweiz", 12_900, Some(10_000_000)),
    Programme(11, L::GeneralLiability, T::Individual, "Commercial General Liability", 48_000, Some(5_000_000)),
    Programme(11, L::CommercialContents, T::Individual, "Commercial Property Plant Charlotte", 29_500, Some(18_000_000)),
    Programme(11, L::MotorFleet, T::Fleet, "Commercial Auto Fleet", 16_400, None),
];

pub(super) async fn seed(s: &mut Seeder<'_>) -> Result<(), DemoError> {
    let mut customers = Vec::new();
    for (i, c) in COMPANIES.iter().enumerate() {
        customers.push(company(s, i, c).await?);
    }
    let mut contracts = Vec::new();
    for (n, p) in PROGRAMMES.iter().enumerate() {
        let c = &COMPANIES[p.0];
        contracts.push(programme(s, &customers[p.0], c, p, n).await?);
    }
    s.group = customers.clone();
    s.journey.holding = customers.first().cloned();
    s.journey.france = customers.get(9).cloned();
    super::group_claims::seed(s, &contracts).await
}

async fn company(s: &mut Seeder<'_>, i: usize, c: &Company) -> Result<CustomerRef, DemoError> {
    let mut new = customer(CustomerKind::Company, c.name);
    new.organization_id = Some(s.base.organization);
    new.company_name = c.name.into();
    (new.street, new.postal_code, new.city, new.country) =
        (c.street.into(), c.town.postal_code.into(), c.town.city.into(), c.country.into());
    let slug = match c.country {
        "FR" => "brenner-france.example.fr",
        "US" | "CH" => "brenner-group.example.com",
        _ => "brenner-gruppe.example.de",
    };
    new.email = format!("versicherung.{}@{slug}", i + 1);
    let account = s.rng.digits(10);
    (new.iban, new.bic, new.phone) = match c.country {
        "FR" => (iban_fr("30004", "01925", &s.rng.digits(11)), "RHONFRPPXXX".into(), "+33 4 72 80 15 00".into()),
        "CH" => (iban_ch("00233", &account), "BRHACHBBXXX".into(), "+41 61 555 20 40".into()),
        "US" => (String::new(), String::new(), "+1 704 555 0182".into()),
        _ => (iban_de("70020800", &account), "ISBKDEMMXXX".into(), format!("+49 89 5510 {}", 200 + i)),
    };
    new.account_holder = c.name.into();
    s.add_customer(new, c.tenant, c.country == "FR").await
}

async fn programme(
    s: &mut Seeder<'_>,
    cust: &CustomerRef,
    c: &Company,
    p: &Programme,
    n: usize,
) -> Result<(ContractRef, Vec<ObjectId>), DemoError> {
    let &Programme(_, lob, contract_type, description, net, sum) = p;
    let mut plan = s.plan(lob);
    plan.contract_type = contract_type;
    plan.description = description.into();
    plan.net = net * 100;
    plan.sum_insured = sum.map(|v| v * 100);
    plan.deductible = plan.deductible.map(|d| d * 10);
    plan.currency = c.currency;
    plan.start = date(2018 + (n % 7) as i32, [1, 4, 7, 10][n % 4], 1);
    plan.frequency = kp_domain::PaymentFrequency::Yearly;
    plan.insurer = match c.country {
        "FR" => 8,
        "CH" => 9,
        "US" => 10,
        _ => plan.insurer,
    };
    if description.starts_with("Bauleistung") {
        (plan.status, plan.end) = (ContractStatus::Expired, Some(date(2025, 6, 30)));
    }
    let k = s.add_contract(cust, plan).await?;
    if lob == L::Cargo && contract_type == T::OpenCover {
        s.journey.open_cover = Some(k.clone());
    }
    let objects = super::group_objects::seed(s, &k, c, description).await?;
    Ok((k, objects))
}
