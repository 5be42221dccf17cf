//! The validation report, built while streaming: counts per package, the
//! Nachsatz checks, and every problem with its location.

use std::collections::BTreeMap;
use std::io::Read;

use serde::Serialize;

use crate::encoding::Encoding;
use crate::physical::InputStats;
use crate::problem::{Error, Problem, ProblemKind, Severity};
use crate::reader::{Item, Options, Reader};
use crate::record::{RawReason, Record, RecordKind};
use crate::value::{GdvDate, Money};

/// Problems kept in full; beyond this only counts grow, so memory stays flat.
pub const MAX_PROBLEMS: usize = 1000;

/// Record counts of a package (or of the records outside any package).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Logical records (Datensätze), Vorsatz and Nachsatz excluded.
    pub records: u64,
    /// Physical lines of those records (Teildatensätze).
    pub teildatensaetze: u64,
    /// Records per Satzart and delivered Sparte, e.g. `0220.030`.
    pub by_record_type: BTreeMap<String, u64>,
    /// Records per delivered Sparte (records with a contract key only).
    pub by_sparte: BTreeMap<String, u64>,
    /// Records read into typed fields.
    pub typed: u64,
    /// Records kept raw, by reason.
    pub raw: BTreeMap<String, u64>,
    /// Records with at least one unreadable field.
    pub with_field_errors: u64,
}

impl Counts {
    fn add(&mut self, record: &Record) {
        self.records += 1;
        self.teildatensaetze += record.parts.len() as u64;
        *self.by_record_type.entry(record_type(record)).or_default() += 1;
        if (100..=699).contains(&record.satzart())
            && let Some(sparte) = record.sparte
        {
            *self.by_sparte.entry(format!("{sparte:03}")).or_default() += 1;
        }
        match &record.kind {
            RecordKind::Raw(reason) => {
                let key = match reason {
                    RawReason::NotTyped => "not_typed",
                    RawReason::CompanySpecific => "company_specific",
                    RawReason::Unknown => "unknown",
                };
                *self.raw.entry(key.to_string()).or_default() += 1;
            }
            _ => self.typed += 1,
        }
        if !record.problems.is_empty() {
            self.with_field_errors += 1;
        }
    }
}

/// `0220.030` for Satzarten whose layout depends on the Sparte, else `0200`.
fn record_type(record: &Record) -> String {
    match (record.layout.sparte, record.sparte) {
        (Some(_), Some(sparte)) => format!("{:04}.{sparte:03}", record.satzart()),
        _ => format!("{:04}", record.satzart()),
    }
}

/// The Nachsatz totals against what was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NachsatzCheck {
    pub line: u64,
    pub declared_records: Option<u64>,
    /// Physical records between Vorsatz and Nachsatz.
    pub counted_records: u64,
    pub records_match: bool,
    pub declared_premium: Option<Money>,
    /// Σ 0200 Gesamtbeitrag netto.
    pub summed_premium: Money,
    pub premium_match: bool,
}

/// One Datenpaket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageReport {
    /// 1-based.
    pub index: usize,
    pub first_line: u64,
    pub vu_number: String,
    pub sender: Option<String>,
    pub addressee: Option<String>,
    pub period_from: Option<GdvDate>,
    pub period_to: Option<GdvDate>,
    /// Teildatensätze of the Vorsatz.
    pub vorsatz_parts: usize,
    pub counts: Counts,
    /// `None` when the package has no Nachsatz.
    pub nachsatz: Option<NachsatzCheck>,
}

/// The whole report. Serialises to JSON with serde.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub encoding: Encoding,
    pub input: InputStats,
    pub packages: Vec<PackageReport>,
    /// Records before the first Vorsatz or after a Nachsatz.
    pub outside_packages: Counts,
    /// All records of the file.
    pub totals: Counts,
    /// Problems by kind (all of them, even beyond [`MAX_PROBLEMS`]).
    pub problem_counts: BTreeMap<String, u64>,
    /// The first [`MAX_PROBLEMS`] problems, in file order.
    pub problems: Vec<Problem>,
    pub problems_truncated: bool,
}

impl Report {
    /// Number of problems of at least `severity`.
    pub fn count_at_least(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity >= severity)
            .count()
    }

    /// Whether any problem of this kind was found.
    pub fn has(&self, kind: ProblemKind) -> bool {
        self.problems.iter().any(|p| p.kind == kind)
    }
}

struct Builder {
    report: Report,
    current: Option<PackageReport>,
    premium_cents: i64,
}

impl Builder {
    fn problem(&mut self, problem: Problem) {
        let kind = serde_json::to_value(problem.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        *self.report.problem_counts.entry(kind).or_default() += 1;
        if self.report.problems.len() < MAX_PROBLEMS {
            self.report.problems.push(problem);
        } else {
            self.report.problems_truncated = true;
        }
    }

    fn record(&mut self, record: Record) {
        for p in &record.problems {
            self.problem(p.clone());
        }
        self.report.totals.add(&record);
        match &mut self.current {
            Some(pkg) => {
                pkg.counts.add(&record);
                if let RecordKind::Contract(c) = &record.kind {
                    self.premium_cents += c.net_premium.map_or(0, |m| m.cents);
                }
            }
            None => self.report.outside_packages.add(&record),
        }
    }

    fn start(&mut self, record: Record) {
        for p in &record.problems {
            self.problem(p.clone());
        }
        let index = self.report.packages.len() + 1;
        let mut pkg = PackageReport {
            index,
            first_line: record.line(),
            vu_number: String::new(),
            sender: None,
            addressee: None,
            period_from: None,
            period_to: None,
            vorsatz_parts: record.parts.len(),
            counts: Counts::default(),
            nachsatz: None,
        };
        if let RecordKind::Vorsatz(v) = record.kind {
            pkg.vu_number = v.vu_number;
            pkg.sender = v.sender;
            pkg.addressee = v.addressee;
            pkg.period_from = v.period_from;
            pkg.period_to = v.period_to;
        }
        self.current = Some(pkg);
        self.premium_cents = 0;
    }

    fn end(&mut self, nachsatz: Option<Record>) {
        let Some(record) = nachsatz else {
            if let Some(pkg) = self.current.take() {
                self.report.packages.push(pkg);
            }
            return;
        };
        for p in &record.problems {
            self.problem(p.clone());
        }
        let RecordKind::Nachsatz(n) = &record.kind else {
            return;
        };
        let Some(mut pkg) = self.current.take() else {
            return;
        };
        let counted = pkg.counts.teildatensaetze;
        let summed = Money::eur(self.premium_cents);
        let check = NachsatzCheck {
            line: record.line(),
            declared_records: n.record_count,
            counted_records: counted,
            records_match: n.record_count == Some(counted),
            declared_premium: n.total_premium,
            summed_premium: summed,
            premium_match: n.total_premium.map_or(0, |m| m.cents) == summed.cents,
        };
        if !check.records_match {
            self.problem(
                Problem::new(
                    Severity::Warning,
                    ProblemKind::NachsatzCountMismatch,
                    record.line(),
                    format!(
                        "Nachsatz says {} records, the package has {counted}",
                        n.record_count.map_or("no".to_string(), |c| c.to_string())
                    ),
                )
                .at(5)
                .field("AnzahlSaetze")
                .raw(record.raw_field(1, 5, 14).unwrap_or_default()),
            );
        }
        if !check.premium_match {
            self.problem(
                Problem::new(
                    Severity::Warning,
                    ProblemKind::NachsatzPremiumMismatch,
                    record.line(),
                    format!(
                        "Nachsatz premium total {} differs from the sum of the 0200 premiums {summed}",
                        n.total_premium.map_or("(blank)".to_string(), |m| m.to_string())
                    ),
                )
                .at(25)
                .field("Gesamtbeitrag")
                .raw(record.raw_field(1, 25, 39).unwrap_or_default()),
            );
        }
        pkg.nachsatz = Some(check);
        self.report.packages.push(pkg);
    }
}

/// Reads a whole file and builds its report. Memory does not grow with the
/// file: records are counted and dropped as they stream past.
pub fn read_report<R: Read>(input: R, options: Options) -> Result<Report, Error> {
    let mut reader = Reader::new(input, options)?;
    let mut b = Builder {
        report: Report {
            encoding: reader.encoding(),
            input: InputStats::default(),
            packages: Vec::new(),
            outside_packages: Counts::default(),
            totals: Counts::default(),
            problem_counts: BTreeMap::new(),
            problems: Vec::new(),
            problems_truncated: false,
        },
        current: None,
        premium_cents: 0,
    };
    for item in reader.by_ref() {
        match item? {
            Item::PackageStart(r) => b.start(r),
            Item::Record(r) => b.record(r),
            Item::PackageEnd(n) => b.end(n),
            Item::Problem(p) => b.problem(p),
        }
    }
    if let Some(pkg) = b.current.take() {
        b.report.packages.push(pkg);
    }
    b.report.input = reader.input_stats().clone();
    Ok(b.report)
}
