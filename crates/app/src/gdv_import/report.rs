//! The import report: what the file held, what was written, what was kept
//! raw, and every warning and error with its place. Stored as JSON with the
//! import and printed by the command line.

use std::collections::BTreeMap;

use kp_storage::gdv_import::Outcome;
use serde::{Deserialize, Serialize};

/// Entries kept in the lists of the report; beyond, only counts grow.
pub const MAX_LISTED: usize = 1000;

/// How an import ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Everything was read and written.
    Imported,
    /// Written, but some records could not be read and were kept raw.
    ImportedWithErrors,
    /// Nothing written: the file is not GDV, truncated or broken in its structure.
    Rejected,
    /// Stopped by a database or read error; whole contracts written before it stay.
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Imported => "imported",
            Status::ImportedWithErrors => "imported_with_errors",
            Status::Rejected => "rejected",
            Status::Failed => "failed",
        }
    }

    pub fn is_ok(self) -> bool {
        self == Status::Imported
    }
}

/// Created / updated / unchanged of one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Tally {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
}

impl Tally {
    pub fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Created => self.created += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.created + self.updated + self.unchanged
    }

    /// Nothing was created or updated.
    pub fn is_unchanged(&self) -> bool {
        self.created == 0 && self.updated == 0
    }
}

/// The records written, per kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Written {
    pub insurers: Tally,
    pub customers: Tally,
    pub contracts: Tally,
    pub objects: Tally,
    pub claims: Tally,
    pub finance_items: Tally,
    pub raw_records: Tally,
}

impl Written {
    pub fn is_unchanged(&self) -> bool {
        [
            &self.insurers,
            &self.customers,
            &self.contracts,
            &self.objects,
            &self.claims,
            &self.finance_items,
            &self.raw_records,
        ]
        .iter()
        .all(|t| t.is_unchanged())
    }
}

/// A warning or error with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Message {
    pub file: String,
    pub line: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The reader's problem kind or the import's own (`not_imported`, …).
    pub kind: String,
    pub message: String,
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(field) = &self.field {
            write!(f, " [{field}]")?;
        }
        Ok(())
    }
}

/// A record kept raw on its contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct KeptRaw {
    pub line: u64,
    pub record_type: String,
    /// `not_typed`, `company_specific`, `unknown` (the reader's), or
    /// `not_mapped` (typed, but the portal has no place for it),
    /// `field_errors`, `no_contract`.
    pub reason: String,
    /// The contract's policy number, empty outside a contract.
    pub policy_number: String,
}

/// The whole report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub import_id: i64,
    pub status: Option<Status>,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: u64,
    pub encoding: String,
    pub packages: u64,
    /// Logical records per Satzart (and Sparte where the layout depends on it).
    pub records_by_type: BTreeMap<String, u64>,
    pub records: u64,
    /// Σ 0200 Gesamtbeitrag netto of the contracts written, in minor units
    /// (as the reader's Nachsatz check sums them).
    pub contract_premium_net_minor: i64,
    pub written: Written,
    pub kept_raw_by_reason: BTreeMap<String, u64>,
    pub kept_raw: Vec<KeptRaw>,
    pub warnings: Vec<Message>,
    pub warnings_total: u64,
    pub errors: Vec<Message>,
    pub errors_total: u64,
}

impl ImportReport {
    pub fn warn(&mut self, m: Message) {
        self.warnings_total += 1;
        if self.warnings.len() < MAX_LISTED {
            self.warnings.push(m);
        }
    }

    pub fn error(&mut self, m: Message) {
        self.errors_total += 1;
        if self.errors.len() < MAX_LISTED {
            self.errors.push(m);
        }
    }

    pub fn raw(&mut self, r: KeptRaw) {
        *self.kept_raw_by_reason.entry(r.reason.clone()).or_default() += 1;
        if self.kept_raw.len() < MAX_LISTED {
            self.kept_raw.push(r);
        }
    }

    pub fn status(&self) -> Status {
        self.status.unwrap_or(Status::Failed)
    }
}
