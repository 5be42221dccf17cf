//! Typed records: one module per group of Satzarten, each with its field table.

mod claim;
mod collection;
mod contract;
mod partner;
mod risk;
mod risk_tables;
mod vorsatz;

pub use claim::{Claim, ClaimSettlement};
pub use collection::{Collection, CollectionPart, Participant, Participation};
pub use contract::Contract;
pub use partner::{BankAccount, Communication, Partner, normalise_email};
pub use risk::{InsuredPerson, LineKind, LineOfBusiness, RiskAddress, RiskLevel, Vehicle};
pub use vorsatz::{Nachsatz, Vorsatz};

use crate::field::Fields;
use crate::layout::{self, LayoutId};
use crate::record::{RawReason, RecordKind};

/// Reads the typed content for a layout; everything without a table stays raw.
pub(crate) fn read_kind(id: &LayoutId, r: &mut Fields<'_>) -> RecordKind {
    match id.satzart {
        1 => RecordKind::Vorsatz(vorsatz::read_vorsatz(r)),
        100 => RecordKind::Partner(Box::new(partner::read_partner(r))),
        200 => RecordKind::Contract(Box::new(contract::read_contract(r))),
        210 | 220 => match risk::read_line_of_business(id, r) {
            Some(lob) => RecordKind::LineOfBusiness(Box::new(lob)),
            None => RecordKind::Raw(RawReason::NotTyped),
        },
        300 => RecordKind::Participation(collection::read_participation(r)),
        400 => RecordKind::Collection(Box::new(collection::read_collection(r))),
        410 => RecordKind::CollectionPart(collection::read_collection_part(r)),
        500 => RecordKind::Claim(Box::new(claim::read_claim(r))),
        550 => RecordKind::ClaimSettlement(claim::read_claim_settlement(r)),
        9999 => RecordKind::Nachsatz(vorsatz::read_nachsatz(r)),
        s if layout::is_company_specific(s) => RecordKind::Raw(RawReason::CompanySpecific),
        s if layout::is_standard(s) => RecordKind::Raw(RawReason::NotTyped),
        _ => RecordKind::Raw(RawReason::Unknown),
    }
}
