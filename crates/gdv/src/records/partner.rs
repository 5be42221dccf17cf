//! 0100 Adressteil: a person or company in a role on a contract.

use serde::Serialize;

use crate::codes::{AddressKind, CommunicationType, Gender, PaymentMethod, Salutation};
use crate::field::{Fields, f};
use crate::record::{RecordKey, read_key};
use crate::value::GdvDate;

/// 0100 partner data. Maps to a customer in the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Partner {
    pub key: RecordKey,
    pub salutation: Option<Salutation>,
    /// Name1: surname or company name.
    pub name1: Option<String>,
    /// Name2: second name line (e.g. `c/o …`, company suffix).
    pub name2: Option<String>,
    /// Name3: first name(s) for natural persons.
    pub name3: Option<String>,
    pub title: Option<String>,
    pub country: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    /// Street including house number.
    pub street: Option<String>,
    pub po_box: Option<String>,
    pub birth_date: Option<GdvDate>,
    pub nationality: Option<String>,
    /// Adresskennzeichen: the partner's role (01 policy holder, 09 insured person, …).
    pub role: Option<AddressKind>,
    pub gender: Option<Gender>,
    /// Kunden-Nr. at the insurer (TD2).
    pub customer_number_insurer: Option<String>,
    /// Kunden-Nr. at the broker (TD2).
    pub customer_number_broker: Option<String>,
    pub communications: Vec<Communication>,
    pub payment_method: Option<PaymentMethod>,
    pub bank_accounts: Vec<BankAccount>,
    pub birth_name: Option<String>,
    pub birth_place: Option<String>,
    pub sepa_mandate_reference: Option<String>,
    pub sepa_mandate_date: Option<GdvDate>,
}

impl Partner {
    /// The first e-mail address, with the DIN 66003 `§` and the `(a)` spelling
    /// turned into `@`.
    pub fn email(&self) -> Option<String> {
        self.communications
            .iter()
            .find(|c| c.kind.as_ref().is_some_and(CommunicationType::is_email))
            .map(|c| normalise_email(&c.value))
    }
}

/// Maps the legacy spellings of `@` seen in real files to `@`.
pub fn normalise_email(raw: &str) -> String {
    raw.trim().replace('§', "@").replace("(a)", "@")
}

/// A phone number, fax or e-mail entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Communication {
    pub kind: Option<CommunicationType>,
    pub value: String,
}

/// A bank account; old files give Konto/BLZ, newer ones IBAN/BIC.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct BankAccount {
    pub account_number: Option<String>,
    pub bank_code: Option<String>,
    pub holder: Option<String>,
    pub bank_name: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
}

impl BankAccount {
    fn is_empty(&self) -> bool {
        *self == BankAccount::default()
    }
}

pub(crate) fn read_partner(r: &mut Fields<'_>) -> Partner {
    let mut communications = Vec::new();
    // TD2: four entries of type (2) + number (20); TD3: three of type (2) + text (60).
    for i in 0..4u16 {
        let start = 157 + i * 22;
        push_communication(r, &mut communications, 2, start, start + 21);
    }
    for i in 0..3u16 {
        let start = 43 + i * 62;
        push_communication(r, &mut communications, 3, start, start + 61);
    }
    let first = BankAccount {
        account_number: r.text_trim(f(2, 107, 118, "Kontonummer1")),
        bank_code: r.text_trim(f(2, 119, 126, "BLZ1")),
        holder: r.text(f(2, 127, 156, "AbweichenderKontoinhaber1")),
        bank_name: r.text(f(4, 73, 102, "NameKreditinstitut1")),
        iban: r.text_trim(f(4, 209, 242, "IBAN1")),
        bic: r.text_trim(f(4, 187, 197, "BIC1")),
    };
    let second = BankAccount {
        account_number: r.text_trim(f(4, 107, 118, "Kontonummer2")),
        bank_code: r.text_trim(f(4, 119, 126, "BLZ2")),
        holder: None,
        bank_name: r.text(f(4, 157, 186, "NameKreditinstitut2")),
        iban: r.text_trim(f(5, 43, 76, "IBAN2")),
        bic: r.text_trim(f(4, 198, 208, "BIC2")),
    };
    Partner {
        key: read_key(r),
        salutation: r.code(f(1, 43, 43, "Anredeschluessel"), Salutation::from_code),
        name1: r.text(f(1, 44, 73, "Name1")),
        name2: r.text(f(1, 74, 103, "Name2")),
        name3: r.text(f(1, 104, 133, "Name3")),
        title: r.text(f(1, 134, 153, "Titel")),
        country: r.text(f(1, 154, 156, "Laenderkennzeichen")),
        postcode: r.text_trim(f(1, 157, 162, "Postleitzahl")),
        city: r.text(f(1, 163, 187, "Ort")),
        street: r.text(f(1, 188, 217, "Strasse")),
        po_box: r.text_trim(f(1, 218, 225, "Postfach")),
        birth_date: r.date(f(1, 226, 233, "Geburtsdatum")),
        nationality: r.text(f(1, 234, 236, "Staatsangehoerigkeit")),
        role: r.code(f(1, 237, 238, "Adresskennzeichen"), AddressKind::from_code),
        gender: r.code(f(1, 255, 255, "Geschlecht"), Gender::from_code),
        customer_number_insurer: r.text_trim(f(2, 43, 59, "KundenNrVersicherer")),
        customer_number_broker: r.text_trim(f(2, 60, 76, "KundenNrVermittler")),
        communications,
        payment_method: r.code(f(2, 245, 245, "Zahlungsart"), PaymentMethod::from_code),
        bank_accounts: [first, second]
            .into_iter()
            .filter(|b| !b.is_empty())
            .collect(),
        birth_name: r.text(f(4, 43, 72, "Geburtsname")),
        birth_place: r.text(f(5, 77, 106, "Geburtsort")),
        sepa_mandate_reference: r.text_trim(f(5, 195, 229, "SEPAMandatsreferenz")),
        sepa_mandate_date: r.date(f(5, 230, 237, "MandatDatum")),
    }
}

fn push_communication(r: &Fields<'_>, out: &mut Vec<Communication>, td: u8, start: u16, end: u16) {
    let value = r.text_trim(f(td, start + 2, end, "Kommunikationsnummer"));
    if let Some(value) = value {
        out.push(Communication {
            kind: r.code(
                f(td, start, start + 1, "Kommunikationstyp"),
                CommunicationType::from_code,
            ),
            value,
        });
    }
}
