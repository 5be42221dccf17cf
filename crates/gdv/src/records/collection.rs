//! 0300 Beteiligung and 0400/0410 Inkasso: who shares the contract, and the
//! premiums and commissions that were booked.

use serde::Serialize;

use crate::codes::{CollectionType, PaymentFrequency};
use crate::field::{Fields, f, fl};
use crate::record::{RecordKey, read_key};
use crate::value::{Decimal, GdvDate, Money};

/// 0300 Beteiligung (co-insurance shares).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participation {
    pub key: RecordKey,
    pub change_date: Option<GdvDate>,
    /// Anteil des Versicherers am Vertrag in % (three decimals).
    pub insurer_share: Option<Decimal>,
    /// Anteil des Vermittlers am Vertrag in %.
    pub broker_share: Option<Decimal>,
    /// Up to three participating insurers of this Teildatensatz.
    pub participants: Vec<Participant>,
}

/// One participating insurer of a 0300 record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participant {
    pub vu_number: String,
    pub share: Option<Decimal>,
}

pub(crate) fn read_participation(r: &mut Fields<'_>) -> Participation {
    let mut participants = Vec::new();
    for start in [77u16, 137, 197] {
        if let Some(vu_number) = r.text_trim(f(1, start, start + 4, "VuNrBeteiligtenGesellschaft"))
        {
            let share = r.decimal(fl(
                1,
                start + 5,
                start + 9,
                3,
                "AnteilBeteiligtenGesellschaft",
            ));
            participants.push(Participant { vu_number, share });
        }
    }
    Participation {
        key: read_key(r),
        change_date: r.date(f(1, 43, 50, "Aenderungsdatum")),
        insurer_share: r.decimal(fl(1, 51, 55, 3, "AnteilVersicherersAmVertrag")),
        broker_share: r.decimal(fl(1, 56, 61, 3, "AnteilVermittlersAmVertrag")),
        participants,
    }
}

/// 0400 Inkasso: a premium booking with commission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Collection {
    pub key: RecordKey,
    pub collection_type: Option<CollectionType>,
    /// Sollstellungsart.
    pub booking_kind: Option<String>,
    pub booking_date: Option<GdvDate>,
    pub period_from: Option<GdvDate>,
    pub period_to: Option<GdvDate>,
    pub payment_frequency: Option<PaymentFrequency>,
    pub net_premium: Option<Money>,
    pub insurance_tax: Option<Money>,
    pub gross_premium: Option<Money>,
    pub commission: Option<Money>,
    /// Name Versicherungsnehmer (TD2).
    pub policy_holder_name: Option<String>,
    /// Abrechnungsbetrag (TD2).
    pub settlement_amount: Option<Money>,
}

pub(crate) fn read_collection(r: &mut Fields<'_>) -> Collection {
    let cur = r.currency(Some(f(1, 107, 109, "Waehrungsschluessel")));
    let sign = |start: u16, name: &'static str| Some(f(1, start, start, name));
    Collection {
        key: read_key(r),
        collection_type: r.code(f(1, 43, 43, "Inkassoart"), CollectionType::from_code),
        booking_kind: r.text_trim(f(1, 44, 45, "Sollstellungsart")),
        booking_date: r.date(f(1, 46, 53, "Buchungsdatum")),
        period_from: r.date(f(1, 54, 61, "AbrechnungszeitraumVon")),
        period_to: r.date(f(1, 62, 69, "AbrechnungszeitraumBis")),
        payment_frequency: r.code(f(1, 70, 70, "Zahlungsweise"), PaymentFrequency::from_code),
        net_premium: r.money(
            fl(1, 110, 120, 2, "GesbeitragNettoInWE"),
            sign(121, "Vorzeichen"),
            cur,
        ),
        insurance_tax: r.money(
            fl(1, 122, 132, 2, "VerssteuerInWE"),
            sign(133, "Vorzeichen2"),
            cur,
        ),
        gross_premium: r.money(
            fl(1, 139, 149, 2, "GesbeitragBruttoInWE"),
            sign(150, "Vorzeichen4"),
            cur,
        ),
        commission: r.money(
            fl(1, 151, 161, 2, "GesProvisionsbetragInWE"),
            sign(162, "Vorzeichen5"),
            cur,
        ),
        policy_holder_name: r.text(f(2, 77, 106, "NameVerssnehmer")),
        settlement_amount: r.money(
            fl(2, 107, 117, 2, "AbrechnungsbetragInWE"),
            Some(f(2, 118, 118, "Vorzeichen")),
            cur,
        ),
    }
}

/// 0410 Inkasso Teilsparte: net premium, tax and commission per Teilsparte.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CollectionPart {
    pub key: RecordKey,
    pub period_from: Option<GdvDate>,
    pub period_to: Option<GdvDate>,
    pub net_premium: Option<Money>,
    pub tax: Option<Money>,
    /// Teilsparten-Provisionsbetrag 1–3 summed.
    pub commission: Option<Money>,
}

pub(crate) fn read_collection_part(r: &mut Fields<'_>) -> CollectionPart {
    let cur = crate::value::Currency::EUR;
    let sign = |start: u16, name: &'static str| Some(f(1, start, start, name));
    let commissions: Vec<Money> = [(104u16, 115u16), (134, 145), (164, 175)]
        .into_iter()
        .filter_map(|(start, s)| {
            r.money(
                fl(1, start, start + 10, 2, "TeilspartenProvBetragInWE"),
                sign(s, "Vorzeichen"),
                cur,
            )
        })
        .collect();
    CollectionPart {
        key: read_key(r),
        period_from: r.date(f(1, 43, 50, "AbrechnungszeitraumVon")),
        period_to: r.date(f(1, 51, 58, "AbrechnungszeitraumBis")),
        net_premium: r.money(
            fl(1, 59, 69, 2, "TeilspartenbeitragNettoInWE"),
            sign(70, "Vorzeichen"),
            cur,
        ),
        tax: r.money(
            fl(1, 71, 81, 2, "TeilspartensteuerInWE"),
            sign(82, "Vorzeichen2"),
            cur,
        ),
        commission: (!commissions.is_empty())
            .then(|| Money::new(commissions.iter().map(|m| m.cents).sum(), cur)),
    }
}
