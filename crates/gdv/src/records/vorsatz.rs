//! 0001 Vorsatz and 9999 Nachsatz: the brackets of a Datenpaket.

use serde::Serialize;

use crate::field::{F, Fields, f, fl};
use crate::value::{Currency, GdvDate, Money};

/// 0001 Vorsatz (1–3 Teildatensätze).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vorsatz {
    pub vu_number: String,
    pub sender: Option<String>,
    pub addressee: Option<String>,
    /// Erstellungs-Datum Zeitraum vom.
    pub period_from: Option<GdvDate>,
    /// Erstellungs-Datum Zeitraum bis.
    pub period_to: Option<GdvDate>,
    pub agency: Option<String>,
    /// Release versions per Satzart as announced (e.g. `("0100", "1.9")`), in table order;
    /// blank entries are left out.
    pub versions: Vec<(&'static str, String)>,
}

impl Vorsatz {
    /// The announced version of a Satzart, e.g. `version("0210.050")`.
    pub fn version(&self, satzart: &str) -> Option<&str> {
        self.versions
            .iter()
            .find(|(s, _)| *s == satzart)
            .map(|(_, v)| v.as_str())
    }
}

/// Version fields of the Vorsatz: Teildatensatz, start byte (3 bytes each), Satzart.
const VERSIONS: &[(u8, u16, &str)] = &[
    (1, 96, "0001"),
    (1, 99, "0100"),
    (1, 102, "0200"),
    (1, 105, "0210.050"),
    (1, 108, "0220.051"),
    (1, 111, "0220.052"),
    (1, 114, "0220.053"),
    (1, 117, "0220.054"),
    (1, 120, "0220.059"),
    (1, 123, "0210.040"),
    (1, 126, "0220.040"),
    (1, 129, "0210.030"),
    (1, 132, "0220.030"),
    (1, 135, "0210.010"),
    (1, 138, "0220.010"),
    (1, 141, "0210.130"),
    (1, 144, "0220.130"),
    (1, 147, "0210.110"),
    (1, 150, "0220.110"),
    (1, 153, "0210.140"),
    (1, 156, "0220.140"),
    (1, 159, "0210.020"),
    (1, 162, "0220.020"),
    (1, 165, "0210.070"),
    (1, 168, "0220.070"),
    (1, 171, "0210.000"),
    (1, 174, "0220.000"),
    (1, 177, "0210.510"),
    (1, 180, "0220.510"),
    (1, 183, "0210.080"),
    (1, 186, "0220.080"),
    (1, 189, "0210.170"),
    (1, 192, "0220.170"),
    (1, 195, "0250"),
    (1, 198, "0260"),
    (1, 201, "0210.190"),
    (1, 204, "0220.190"),
    (1, 207, "0220.055"),
    (1, 210, "0300"),
    (1, 213, "0400"),
    (1, 216, "0410"),
    (1, 219, "0430"),
    (1, 222, "0500"),
    (1, 225, "9999"),
    (1, 228, "0420"),
    (1, 231, "0450"),
    (1, 234, "0550"),
    (1, 243, "0350"),
    (2, 96, "0211.050"),
    (2, 99, "0221.051"),
    (2, 102, "0221.052"),
    (2, 105, "0221.053"),
    (2, 108, "0221.054"),
    (2, 111, "0221.059"),
    (2, 114, "0221.055"),
    (2, 117, "0211.040"),
    (2, 120, "0221.040"),
    (2, 123, "0221.030"),
    (2, 126, "0211.010"),
    (2, 129, "0221.010"),
    (2, 132, "0211.130"),
    (2, 135, "0221.130"),
    (2, 138, "0211.110"),
    (2, 141, "0221.110"),
    (2, 144, "0211.140"),
    (2, 147, "0221.140"),
    (2, 150, "0221.070"),
    (2, 153, "0211.000"),
    (2, 156, "0221.000"),
    (2, 159, "0221.510"),
    (2, 162, "0211.080"),
    (2, 165, "0221.080"),
    (2, 168, "0211.170"),
    (2, 171, "0221.170"),
    (2, 174, "0251"),
    (2, 177, "0211.190"),
    (2, 180, "0221.190"),
    (2, 183, "0210.550"),
    (2, 186, "0220.550"),
    (2, 189, "0270"),
    (2, 192, "0280"),
    (2, 195, "0291"),
    (2, 198, "0292"),
    (2, 201, "0293"),
    (2, 204, "0294"),
    (2, 207, "0295"),
    (2, 210, "0052"),
    (2, 213, "0102"),
    (2, 216, "0212"),
    (2, 219, "0352"),
    (2, 222, "0362"),
    (2, 225, "0382"),
    (2, 228, "9950"),
    (2, 231, "9952"),
    (2, 234, "0210.580"),
    (2, 237, "0220.580"),
    (2, 240, "0372"),
    (2, 243, "0600"),
    (3, 96, "0392"),
    (3, 99, "0230.010"),
    (3, 102, "0202"),
    (3, 105, "0222"),
    (3, 108, "0230.030"),
    (3, 111, "0390"),
    (3, 114, "0342"),
    (3, 117, "9951"),
    (3, 120, "0210.560"),
    (3, 123, "0220.560"),
    (3, 126, "0210.570"),
    (3, 129, "0220.570"),
    (3, 132, "0210.684"),
    (3, 135, "0220.684"),
    (3, 138, "0212.050"),
    (3, 141, "0230.140"),
    (3, 144, "0230.050"),
];

pub(crate) fn read_vorsatz(r: &mut Fields<'_>) -> Vorsatz {
    let versions = VERSIONS
        .iter()
        .filter_map(|(td, start, satzart)| {
            r.text(f(*td, *start, start + 2, "Version"))
                .map(|v| (*satzart, v.trim().to_string()))
        })
        .collect();
    Vorsatz {
        vu_number: r.text(f(1, 5, 9, "VuNr")).unwrap_or_default(),
        sender: r.text(f(1, 10, 39, "Absender")),
        addressee: r.text(f(1, 40, 69, "Adressat")),
        period_from: r.date(f(1, 70, 77, "ErstellungsDatumZeitraumVom")),
        period_to: r.date(f(1, 78, 85, "ErstellungsDatumZeitraumBis")),
        agency: r.text(f(1, 86, 95, "GeschaeftsstelleVermittler")),
        versions,
    }
}

/// 9999 Nachsatz: the totals the sender claims for the package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Nachsatz {
    /// Anzahl der Sätze: physical records between Vorsatz and Nachsatz.
    pub record_count: Option<u64>,
    pub agency: Option<String>,
    /// Σ 0200 Gesamtbeitrag netto.
    pub total_premium: Option<Money>,
    /// Σ 0400 Gesamtbeitrag brutto.
    pub total_gross_premium: Option<Money>,
    /// Σ 0400 Provision.
    pub total_commission: Option<Money>,
    /// Σ 0500 Versicherungsleistungen.
    pub total_benefits: Option<Money>,
    /// Σ 0500 Schadenbearbeitungskosten.
    pub total_claim_costs: Option<Money>,
}

const ANZAHL: F = f(1, 5, 14, "AnzahlSaetze");
const GESBEITRAG: F = fl(1, 25, 39, 2, "Gesamtbeitrag");
const GESBEITRAG_BRUTTO: F = fl(1, 40, 53, 2, "GesamtbeitragBrutto");
const PROVISION: F = fl(1, 55, 68, 2, "Gesamtprovision");
const LEISTUNGEN: F = fl(1, 70, 83, 2, "Verssleistungen");
const KOSTEN: F = fl(1, 85, 98, 2, "Schadenbearbeitungskosten");

pub(crate) fn read_nachsatz(r: &mut Fields<'_>) -> Nachsatz {
    let eur = Currency::EUR;
    Nachsatz {
        record_count: r.number(ANZAHL),
        agency: r.text(f(1, 15, 24, "GeschaeftsstelleVermittler")),
        total_premium: r.money(GESBEITRAG, None, eur),
        total_gross_premium: r.money(GESBEITRAG_BRUTTO, Some(f(1, 54, 54, "Vorzeichen")), eur),
        total_commission: r.money(PROVISION, Some(f(1, 69, 69, "Vorzeichen2")), eur),
        total_benefits: r.money(LEISTUNGEN, Some(f(1, 84, 84, "Vorzeichen3")), eur),
        total_claim_costs: r.money(KOSTEN, Some(f(1, 99, 99, "Vorzeichen4")), eur),
    }
}
