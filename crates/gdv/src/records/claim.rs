//! 0500 Schaden-Information and 0550 Schaden-Abrechnung (Transport).

use serde::Serialize;

use crate::codes::{ClaimDelivery, ClaimSettlement as Settled};
use crate::field::{Fields, f, fl};
use crate::record::{RecordKey, read_key};
use crate::value::{Decimal, GdvDate, Money};

/// 0500 claim information. Maps to a claim in the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    pub key: RecordKey,
    /// Schaden-Nr. VU (right-aligned; trimmed, never parsed as a number).
    pub claim_number: String,
    /// lfd. Nr. des Bearbeitungsvorgangs.
    pub process_number: Option<u64>,
    pub delivery: Option<ClaimDelivery>,
    pub processing_date: Option<GdvDate>,
    pub broker_claim_number: Option<String>,
    pub share_percent: Option<Decimal>,
    pub loss_date: Option<GdvDate>,
    pub reported_date: Option<GdvDate>,
    /// Schadensparte (may differ from the contract's Sparte).
    pub claim_sparte: Option<String>,
    /// Schadenursache code.
    pub cause: Option<String>,
    /// Zahlungsempfänger code (01 VN, 02 Anspruchsteller, …).
    pub payee: Option<String>,
    /// Zahlungsart code (01 Versicherungsleistung, 02 Zinsen, …).
    pub payment_kind: Option<String>,
    /// Betrag gemäß Zahlungsart.
    pub payment: Option<Money>,
    pub handling_costs: Option<Money>,
    pub deductible: Option<Money>,
    pub settled: Option<Settled>,
    pub risk_information: Option<String>,
    /// Höhe der Schadenreserve (TD2).
    pub reserve: Option<Money>,
}

pub(crate) fn read_claim(r: &mut Fields<'_>) -> Claim {
    let cur = r.currency(Some(f(1, 135, 137, "Waehrungsschluessel")));
    let sign = |start: u16, name: &'static str| Some(f(1, start, start, name));
    Claim {
        key: read_key(r),
        claim_number: r.text_trim(f(1, 43, 62, "SchadenNrVu")).unwrap_or_default(),
        process_number: r.number(f(1, 63, 65, "LfdNrBearbeitungsvorganges")),
        delivery: r.code(f(1, 67, 67, "Lieferart"), ClaimDelivery::from_code),
        processing_date: r.date(f(1, 68, 75, "Bearbeitungsdatum")),
        broker_claim_number: r.text_trim(f(1, 76, 95, "SchadenNrVermittlers")),
        share_percent: r.decimal(fl(1, 97, 101, 3, "AnteilInProzent")),
        loss_date: r.date(f(1, 102, 109, "Schadendatum")),
        reported_date: r.date(f(1, 110, 117, "Schadenmeldedatum")),
        claim_sparte: r.text_trim(f(1, 126, 128, "Schadensparte")),
        cause: r.text_trim(f(1, 129, 131, "Schadenursache")),
        payee: r.text_trim(f(1, 133, 134, "Zahlungsempfaenger")),
        payment_kind: r.text_trim(f(1, 138, 139, "Zahlungsart")),
        payment: r.money(
            fl(1, 140, 152, 2, "BetragGemaessZahlungsart"),
            sign(153, "Vorzeichen"),
            cur,
        ),
        handling_costs: r.money(
            fl(1, 154, 166, 2, "Schadenbearbeitungskosten"),
            sign(167, "Vorzeichen2"),
            cur,
        ),
        deductible: r.money(
            fl(1, 169, 181, 2, "Franchise"),
            sign(182, "Vorzeichen3"),
            cur,
        ),
        settled: r.code(f(1, 184, 184, "ErledigterSchaden"), Settled::from_code),
        risk_information: r.text(f(1, 216, 235, "Risikoinformation")),
        reserve: r.money(fl(2, 144, 157, 2, "HoeheSchadenreserve"), None, cur),
    }
}

/// 0550 claim settlement (Transport).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimSettlement {
    pub key: RecordKey,
    pub claim_number: String,
    pub loss_date: Option<GdvDate>,
    pub reported_date: Option<GdvDate>,
    /// Schadenbetrag 100 %.
    pub amount_total: Option<Money>,
    /// anteiliger Schadenbetrag.
    pub amount_share: Option<Money>,
    pub description: Option<String>,
}

pub(crate) fn read_claim_settlement(r: &mut Fields<'_>) -> ClaimSettlement {
    let cur = r.currency(Some(f(1, 164, 166, "Waehrungsschluessel")));
    ClaimSettlement {
        key: read_key(r),
        claim_number: r.text_trim(f(1, 43, 62, "SchadenNrVu")).unwrap_or_default(),
        loss_date: r.date(f(1, 142, 149, "Schadendatum")),
        reported_date: r.date(f(1, 150, 157, "Schadenmeldedatum")),
        amount_total: r.money(
            fl(1, 167, 177, 2, "Schadenbetrag100ProzInWE"),
            Some(f(1, 178, 178, "Vorzeichen")),
            cur,
        ),
        amount_share: r.money(
            fl(1, 188, 198, 2, "AnteiligerSchadenbetragInWE"),
            Some(f(1, 199, 199, "Vorzeichen2")),
            cur,
        ),
        description: r.text(f(1, 200, 229, "Schadenbeschreibung")),
    }
}
