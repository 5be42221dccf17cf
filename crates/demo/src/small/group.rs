//! The industrial group "Brenner Industrie Gruppe": twelve companies in
//! Germany, France, Switzerland and the US, spread over both tenants, with
//! property, engineering, fleet, liability and cargo contracts at eight
//! sites. Dr. Stefan B. sees all of it; Jens W. only the Augsburg site.

use kp_domain::{ContractStatus, ContractType as T, CustomerKind, LineOfBusiness as L, ObjectId};

use super::Seeder;
use super::build::{ContractRef, CustomerRef};
use super::programmes::{PROGRAMMES, Programme};
use super::records::customer;
use crate::DemoError;
use crate::bank::{iban_ch, iban_de, iban_fr};
use crate::calendar::date;
use crate::data::Town;

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
    Company {
        name,
        tenant,
        street,
        town: Town {
            postal_code,
            city,
            plate,
        },
        country,
        currency,
        site,
    }
}

pub(crate) const COMPANIES: &[Company] = &[
    co(
        "Brenner Industrie Holding AG",
        1,
        "Landsberger Straße 302",
        ("80687", "München", "M"),
        "DE",
        "EUR",
        "Zentrale München",
    ),
    co(
        "Brenner Maschinenbau GmbH",
        1,
        "Werner-von-Siemens-Straße 12",
        ("86159", "Augsburg", "A"),
        "DE",
        "EUR",
        AUGSBURG,
    ),
    co(
        "Brenner Antriebstechnik GmbH",
        1,
        "Am Westpark 8",
        ("85057", "Ingolstadt", "IN"),
        "DE",
        "EUR",
        "Werk Ingolstadt",
    ),
    co(
        "Brenner Immobilien GmbH & Co. KG",
        1,
        "Landsberger Straße 302",
        ("80687", "München", "M"),
        "DE",
        "EUR",
        "Zentrale München",
    ),
    co(
        "Brenner Industrieservice GmbH",
        1,
        "Landsberger Straße 300",
        ("80687", "München", "M"),
        "DE",
        "EUR",
        "Zentrale München",
    ),
    co(
        "Brenner Logistik GmbH",
        0,
        "Altenwerder Hauptstraße 20",
        ("21129", "Hamburg", "HH"),
        "DE",
        "EUR",
        "Logistikzentrum Hamburg",
    ),
    co(
        "Brenner Kunststofftechnik GmbH",
        0,
        "Bei der Pferdehütte 12",
        ("21339", "Lüneburg", "LG"),
        "DE",
        "EUR",
        "Werk Lüneburg",
    ),
    co(
        "Brenner Handelsgesellschaft mbH",
        0,
        "Brooktorkai 20",
        ("20457", "Hamburg", "HH"),
        "DE",
        "EUR",
        "Logistikzentrum Hamburg",
    ),
    co(
        "Brenner Vertrieb Deutschland GmbH",
        0,
        "Brooktorkai 20",
        ("20457", "Hamburg", "HH"),
        "DE",
        "EUR",
        "Logistikzentrum Hamburg",
    ),
    co(
        "Brenner France SAS",
        0,
        "45 Avenue Jean Jaurès",
        ("69007", "Lyon", ""),
        "FR",
        "EUR",
        "Site de Lyon",
    ),
    co(
        "Brenner Suisse AG",
        1,
        "Hochbergerstrasse 60",
        ("4057", "Basel", ""),
        "CH",
        "CHF",
        "Werk Basel",
    ),
    co(
        "Brenner Industries Inc.",
        0,
        "2200 Westinghouse Blvd",
        ("NC 28273", "Charlotte", ""),
        "US",
        "USD",
        "Plant Charlotte",
    ),
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
    (new.street, new.postal_code, new.city, new.country) = (
        c.street.into(),
        c.town.postal_code.into(),
        c.town.city.into(),
        c.country.into(),
    );
    let slug = match c.country {
        "FR" => "brenner-france.example.fr",
        "US" | "CH" => "brenner-group.example.com",
        _ => "brenner-gruppe.example.de",
    };
    new.email = format!("versicherung.{}@{slug}", i + 1);
    let account = s.rng.digits(10);
    (new.iban, new.bic, new.phone) = match c.country {
        "FR" => (
            iban_fr("30004", "01925", &s.rng.digits(11)),
            "RHONFRPPXXX".into(),
            "+33 4 72 80 15 00".into(),
        ),
        "CH" => (
            iban_ch("00233", &account),
            "BRHACHBBXXX".into(),
            "+41 61 555 20 40".into(),
        ),
        "US" => (String::new(), String::new(), "+1 704 555 0182".into()),
        _ => (
            iban_de("70020800", &account),
            "ISBKDEMMXXX".into(),
            format!("+49 89 5510 {}", 200 + i),
        ),
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
