//! What a contract of each line of business looks like: names in German and
//! French, typical premium and sum insured, deductible, insurance tax.

use kp_domain::LineOfBusiness as L;

/// Typical figures of a line of business (euros, yearly net premium).
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    pub name_de: &'static str,
    pub name_fr: &'static str,
    /// Product name on the policy, e.g. "Hausratversicherung Premium".
    pub product: &'static str,
    pub premium: (i64, i64),
    /// `None` for lines without a sum insured (motor, liability per event).
    pub sum_insured: Option<(i64, i64)>,
    pub deductible: Option<i64>,
    /// Index into the insurer table of the demo set.
    pub insurer: usize,
}

const fn p(
    name_de: &'static str,
    name_fr: &'static str,
    product: &'static str,
    premium: (i64, i64),
    sum_insured: Option<(i64, i64)>,
    deductible: Option<i64>,
    insurer: usize,
) -> Profile {
    Profile {
        name_de,
        name_fr,
        product,
        premium,
        sum_insured,
        deductible,
        insurer,
    }
}

pub fn profile(lob: L) -> Profile {
    match lob {
        L::Life => p(
            "Leben",
            "Vie",
            "Risikolebensversicherung",
            (240, 900),
            Some((100_000, 400_000)),
            None,
            3,
        ),
        L::Health => p(
            "Kranken",
            "Santé",
            "Krankenzusatzversicherung",
            (300, 1_200),
            None,
            None,
            3,
        ),
        L::Accident => p(
            "Unfall",
            "Accident",
            "Unfallversicherung Plus",
            (120, 480),
            Some((100_000, 500_000)),
            None,
            0,
        ),
        L::PersonalLiability => p(
            "Privathaftpflicht",
            "Responsabilité civile privée",
            "Privathaftpflicht Komfort",
            (60, 140),
            Some((10_000_000, 50_000_000)),
            Some(150),
            1,
        ),
        L::GeneralLiability => p(
            "Betriebshaftpflicht",
            "Responsabilité civile entreprise",
            "Betriebshaftpflichtversicherung",
            (1_800, 24_000),
            Some((5_000_000, 20_000_000)),
            Some(2_500),
            0,
        ),
        L::Motor => p(
            "Kfz",
            "Automobile",
            "Kfz-Versicherung (Haftpflicht, Vollkasko)",
            (380, 1_300),
            None,
            Some(300),
            5,
        ),
        L::MotorFleet => p(
            "Kfz-Flotte",
            "Flotte automobile",
            "Flottenversicherung",
            (9_000, 60_000),
            None,
            Some(1_000),
            5,
        ),
        L::LegalExpenses => p(
            "Rechtsschutz",
            "Protection juridique",
            "Privat-, Berufs- und Verkehrsrechtsschutz",
            (240, 420),
            Some((1_000_000, 1_000_000)),
            Some(150),
            4,
        ),
        L::Fire => p(
            "Feuer",
            "Incendie",
            "Feuerversicherung Industrie",
            (6_000, 45_000),
            Some((5_000_000, 40_000_000)),
            Some(10_000),
            1,
        ),
        L::Glass => p(
            "Glas",
            "Bris de glace",
            "Glasversicherung",
            (60, 180),
            None,
            None,
            1,
        ),
        L::HouseholdContents => p(
            "Hausrat",
            "Contenu du logement",
            "Hausratversicherung Premium",
            (90, 320),
            Some((40_000, 120_000)),
            Some(150),
            1,
        ),
        L::ResidentialBuilding => p(
            "Wohngebäude",
            "Bâtiment d'habitation",
            "Wohngebäudeversicherung (Feuer, Leitungswasser, Sturm/Hagel)",
            (420, 1_400),
            Some((350_000, 900_000)),
            Some(500),
            1,
        ),
        L::Cargo => p(
            "Transport",
            "Transport de marchandises",
            "Warentransportversicherung",
            (2_500, 30_000),
            Some((250_000, 2_000_000)),
            Some(1_000),
            6,
        ),
        L::Engineering => p(
            "Technische Versicherung",
            "Assurances techniques",
            "Maschinenversicherung",
            (3_000, 28_000),
            Some((500_000, 6_000_000)),
            Some(5_000),
            7,
        ),
        L::CommercialContents => p(
            "Inhalt/Gewerbe",
            "Contenu professionnel",
            "Inhaltsversicherung (Feuer, ED, Leitungswasser, Sturm)",
            (900, 12_000),
            Some((150_000, 3_000_000)),
            Some(1_000),
            2,
        ),
        // The demo sets hold no contracts of other Sparten (GDV import only).
        L::Other => p(
            "Sonstige",
            "Autres",
            "Sonstige Versicherung",
            (100, 1_000),
            None,
            None,
            0,
        ),
    }
}

/// Insurance tax in per mille of the net premium: 19 % in Germany, life
/// insurance is exempt, Swiss stamp duty is 5 %, the US entity's policies
/// are shown without tax.
pub fn tax_permille(lob: L, currency: &str) -> i64 {
    match (lob, currency) {
        (L::Life, _) => 0,
        (_, "CHF") => 50,
        (_, "USD") => 0,
        _ => 190,
    }
}

/// Gross premium from net, rounded to the cent.
pub fn gross(net_minor: i64, lob: L, currency: &str) -> i64 {
    net_minor + (net_minor * tax_permille(lob, currency) + 500) / 1000
}

/// A two-letter product code for policy numbers.
pub fn code(lob: L) -> &'static str {
    match lob {
        L::Life => "LV",
        L::Health => "KV",
        L::Accident => "UV",
        L::PersonalLiability => "PH",
        L::GeneralLiability => "BH",
        L::Motor => "KF",
        L::MotorFleet => "FL",
        L::LegalExpenses => "RS",
        L::Fire => "FE",
        L::Glass => "GL",
        L::HouseholdContents => "HR",
        L::ResidentialBuilding => "WG",
        L::Cargo => "TR",
        L::Engineering => "TV",
        L::CommercialContents => "IG",
        L::Other => "SO",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gross_adds_insurance_tax() {
        assert_eq!(gross(10_000, L::Motor, "EUR"), 11_900);
        assert_eq!(gross(10_000, L::Life, "EUR"), 10_000);
        assert_eq!(gross(10_000, L::Cargo, "CHF"), 10_500);
    }
}
