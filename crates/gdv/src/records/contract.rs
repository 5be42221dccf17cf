//! 0200 Allgemeiner Vertragsteil: the contract itself.

use serde::Serialize;

use crate::codes::{CollectionType, ContractStatus, PaymentFrequency};
use crate::field::{F, Fields, f, fl};
use crate::record::{RecordKey, read_key};
use crate::value::{Currency, Decimal, GdvDate, Money};

/// 0200 contract data. Maps to a contract in the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contract {
    pub key: RecordKey,
    pub collection_type: Option<CollectionType>,
    pub start: Option<GdvDate>,
    pub end: Option<GdvDate>,
    /// Hauptfälligkeit (main due date).
    pub main_due_date: Option<GdvDate>,
    pub payment_frequency: Option<PaymentFrequency>,
    pub status: Option<ContractStatus>,
    /// Abgangsgrund (Anlage 5) when cancelled.
    pub cancellation_reason: Option<String>,
    /// Abgangsdatum.
    pub cancellation_date: Option<GdvDate>,
    pub change_reason: Option<String>,
    pub change_date: Option<GdvDate>,
    /// Anteil in % (three decimals) for co-insurance.
    pub share_percent: Option<Decimal>,
    pub currency: Currency,
    /// Gesamtbeitrag netto (in Kranken the monthly target premium).
    pub net_premium: Option<Money>,
    /// Gesamtbeitrag brutto (TD2).
    pub gross_premium: Option<Money>,
    pub customer_number_insurer: Option<String>,
    pub customer_number_broker: Option<String>,
    pub term_discount_percent: Option<Decimal>,
    pub application_date: Option<GdvDate>,
    /// Kündigungsklausel (TD2).
    pub cancellation_clause: Option<String>,
    /// VS-Nr. des Vermittlers (TD2).
    pub broker_policy_number: Option<String>,
    pub product_form: Option<String>,
    pub product_name: Option<String>,
    /// druckaufbereitete VS-Nr. (TD2).
    pub printable_policy_number: Option<String>,
}

const WAEHRUNG: F = f(1, 113, 115, "Waehrungsschluessel");
const GESBEITRAG_NETTO: F = fl(1, 116, 127, 2, "GesamtbeitragNetto");
const GESBEITRAG_BRUTTO: F = fl(2, 72, 83, 2, "GesamtbeitragBrutto");

pub(crate) fn read_contract(r: &mut Fields<'_>) -> Contract {
    let currency = r.currency(Some(WAEHRUNG));
    Contract {
        key: read_key(r),
        collection_type: r.code(f(1, 43, 43, "Inkassoart"), CollectionType::from_code),
        start: r.date(f(1, 44, 51, "Vertragsbeginn")),
        end: r.date(f(1, 52, 59, "Vertragsablauf")),
        main_due_date: r.date(f(1, 60, 67, "Hauptfaelligkeit")),
        payment_frequency: r.code(f(1, 68, 68, "Zahlungsweise"), PaymentFrequency::from_code),
        status: r.code(f(1, 69, 69, "Vertragsstatus"), ContractStatus::from_code),
        cancellation_reason: r.text_trim(f(1, 70, 71, "Abgangsgrund")),
        cancellation_date: r.date(f(1, 72, 79, "Abgangsdatum")),
        change_reason: r.text_trim(f(1, 80, 89, "Aenderungsgrund")),
        change_date: r.date(f(1, 90, 97, "Aenderungsdatum")),
        share_percent: r.decimal(fl(1, 99, 103, 3, "AnteilInProzent")),
        currency,
        net_premium: r.money(GESBEITRAG_NETTO, None, currency),
        gross_premium: r.money(GESBEITRAG_BRUTTO, None, currency),
        customer_number_insurer: r.text_trim(f(1, 159, 175, "KundenNrVersicherer")),
        customer_number_broker: r.text_trim(f(1, 176, 192, "KundenNrVermittler")),
        term_discount_percent: r.decimal(fl(1, 197, 200, 2, "LaufzeitrabattInProzent")),
        application_date: r.date(f(1, 201, 208, "Antragsdatum")),
        cancellation_clause: r.text(f(2, 43, 43, "Kuendigungsklausel")),
        broker_policy_number: r.text_trim(f(2, 44, 60, "VsNrVermittler")),
        product_form: r.text_trim(f(2, 61, 65, "Produktform")),
        product_name: r.text(f(2, 114, 133, "Produktname")),
        printable_policy_number: r.text_trim(f(2, 84, 113, "DruckaufbereiteteVsNr")),
    }
}
