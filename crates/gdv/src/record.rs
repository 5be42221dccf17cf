//! A logical record (Datensatz) with its raw Teildatensätze and its typed content.

use serde::Serialize;

use crate::encoding::LineCharset;
use crate::field::{Fields, f};
use crate::layout::{self, LayoutId};
use crate::problem::Problem;
use crate::records::{
    Claim, ClaimSettlement, Collection, CollectionPart, Contract, LineOfBusiness, Nachsatz,
    Participation, Partner, Vorsatz,
};

/// One physical 256-byte record as read (after decoding to one byte per character).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Teildatensatz {
    /// The Teildatensatz number read from the layout's position, if it has one.
    pub number: Option<u8>,
    /// Physical line (1-based).
    pub line: u64,
    pub bytes: Box<[u8; 256]>,
}

/// Why a record is kept raw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RawReason {
    /// A GDV Satzart this crate has no typed fields for (e.g. 0211, 0221, 0350).
    NotTyped,
    /// A company-specific Satzart 0800–0899.
    CompanySpecific,
    /// A Satzart that is not in the GDV description at all.
    Unknown,
}

/// The typed content of a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "data")]
pub enum RecordKind {
    /// 0001 Vorsatz.
    Vorsatz(Vorsatz),
    /// 0100 Adressteil (partner).
    Partner(Box<Partner>),
    /// 0200 Allgemeiner Vertragsteil (contract).
    Contract(Box<Contract>),
    /// 0210 Vertragsspezifischer / 0220 Spartenspezifischer Teil.
    LineOfBusiness(Box<LineOfBusiness>),
    /// 0300 Beteiligung.
    Participation(Participation),
    /// 0400 Inkasso.
    Collection(Box<Collection>),
    /// 0410 Inkasso Teilsparte.
    CollectionPart(CollectionPart),
    /// 0500 Schaden-Information.
    Claim(Box<Claim>),
    /// 0550 Schaden-Abrechnung (Transport).
    ClaimSettlement(ClaimSettlement),
    /// 9999 Nachsatz.
    Nachsatz(Nachsatz),
    /// Kept raw: see [`Record::parts`] for the bytes.
    Raw(RawReason),
}

/// The common key of records 0100–0600 (bytes 1–42).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordKey {
    pub vu_number: String,
    /// Bündelungskennzeichen `1`: the contract is a bundle (Sparte 000 in 0200).
    pub bundled: bool,
    /// Sparte as delivered (bytes 11–13).
    pub sparte: Option<u16>,
    /// Versicherungsschein-Nr., trimmed; never parsed as a number.
    pub policy_number: String,
    /// Folgenummer (bytes 31–32).
    pub sequence: Option<u64>,
    /// Geschäftsstelle/Vermittler (bytes 33–42).
    pub agency: String,
}

/// A logical record: the Teildatensätze that belong together, and what was read from them.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub layout: LayoutId,
    /// Sparte as delivered in bytes 11–13 (not the layout's Sparte).
    pub sparte: Option<u16>,
    /// The raw Teildatensätze, in file order. Fields not typed are available here.
    pub parts: Vec<Teildatensatz>,
    pub kind: RecordKind,
    /// Fields that could not be read.
    pub problems: Vec<Problem>,
    charset: LineCharset,
}

impl Record {
    pub(crate) fn build(layout: LayoutId, parts: Vec<Teildatensatz>, charset: LineCharset) -> Self {
        let sparte = parts
            .first()
            .and_then(|p| layout::digits_at(&p.bytes, 11, 3));
        let mut fields = Fields::new(&parts, charset);
        let kind = crate::records::read_kind(&layout, &mut fields);
        let problems = std::mem::take(&mut fields.problems);
        Record {
            layout,
            sparte,
            parts,
            kind,
            problems,
            charset,
        }
    }

    pub fn satzart(&self) -> u16 {
        self.layout.satzart
    }

    /// First physical line of the record.
    pub fn line(&self) -> u64 {
        self.parts.first().map_or(0, |p| p.line)
    }

    /// The key in bytes 1–42 (meaningful for Satzarten 0100–0600).
    pub fn key(&self) -> RecordKey {
        let fields = Fields::new(&self.parts[..self.parts.len().min(1)], self.charset);
        read_key(&fields)
    }

    /// Text of any field by Teildatensatz and 1-based inclusive byte range, for
    /// fields this crate does not type. `None` if the Teildatensatz is absent.
    pub fn raw_field(&self, td: u8, start: u16, end: u16) -> Option<String> {
        if start == 0 || end < start || end > 256 {
            return None;
        }
        let part = self
            .parts
            .iter()
            .find(|p| p.number.unwrap_or(1) == td)
            .or_else(|| (td == 1).then(|| self.parts.first()).flatten())?;
        Some(
            self.charset
                .decode(&part.bytes[usize::from(start) - 1..usize::from(end)]),
        )
    }

    /// The decoded text of every Teildatensatz (256 characters each), in file
    /// order: the record as delivered, for keeping it raw.
    pub fn parts_text(&self) -> Vec<String> {
        self.parts
            .iter()
            .map(|p| self.charset.decode(&p.bytes[..]))
            .collect()
    }

    /// Whether the record has typed fields.
    pub fn is_typed(&self) -> bool {
        !matches!(self.kind, RecordKind::Raw(_))
    }
}

pub(crate) fn read_key(fields: &Fields<'_>) -> RecordKey {
    RecordKey {
        vu_number: fields.text(f(1, 5, 9, "VuNr")).unwrap_or_default(),
        bundled: fields
            .text(f(1, 10, 10, "Buendelungskennzeichen"))
            .as_deref()
            == Some("1"),
        sparte: fields
            .text_trim(f(1, 11, 13, "Sparte"))
            .and_then(|s| s.parse().ok()),
        policy_number: fields
            .text_trim(f(1, 14, 30, "Versicherungsschein-Nr"))
            .unwrap_or_default(),
        sequence: fields
            .text_trim(f(1, 31, 32, "Folgenummer"))
            .and_then(|s| s.parse().ok()),
        agency: fields
            .text_trim(f(1, 33, 42, "GeschaeftsstelleVermittler"))
            .unwrap_or_default(),
    }
}
