//! The check before writing: the reader's report, its problems as the
//! import's warnings and errors, and whether the file must be rejected.

use gdv::{Problem, Report, Severity};

use super::report::{ImportReport, Message};

/// Problems that make a file unsafe to import in part: it is not GDV from
/// some line on, was cut off, or is not in the encoding it appears to be.
const STRUCTURAL: &[&str] = &[
    "not_a_record",
    "trailing_garbage",
    "invalid_utf8",
    "missing_nachsatz",
    "missing_vorsatz",
];

/// Problem kinds that are errors (the others are warnings).
const ERRORS: &[&str] = &[
    "not_a_record",
    "trailing_garbage",
    "invalid_utf8",
    "undetermined_layout",
    "invalid_date",
    "invalid_number",
    "invalid_sign",
    "missing_nachsatz",
    "missing_vorsatz",
];

fn kind(p: &Problem) -> String {
    serde_json::to_value(p.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Copies counts and problems into the import report; true when the file
/// must be rejected.
pub(super) fn take(report: &mut ImportReport, checked: &Report, file: &str) -> bool {
    report.encoding = format!("{:?}", checked.encoding);
    report.packages = checked.packages.len() as u64;
    report.records = checked.totals.records;
    report.records_by_type = checked.totals.by_record_type.clone();
    for p in &checked.problems {
        let m = Message {
            file: file.to_owned(),
            line: p.line,
            column: p.column,
            field: p.field.map(str::to_owned),
            kind: kind(p),
            message: match &p.raw {
                Some(raw) => format!("{} (read {raw:?})", p.message),
                None => p.message.clone(),
            },
        };
        if p.severity >= Severity::Error {
            report.error(m);
        } else {
            report.warn(m);
        }
    }
    // Problems beyond the reader's list are counted only.
    let listed = |errors: bool| {
        checked
            .problems
            .iter()
            .filter(|p| (p.severity >= Severity::Error) == errors)
            .count() as u64
    };
    let total = |errors: bool| {
        checked
            .problem_counts
            .iter()
            .filter(|(k, _)| ERRORS.contains(&k.as_str()) == errors)
            .map(|(_, n)| n)
            .sum::<u64>()
    };
    report.errors_total += total(true).saturating_sub(listed(true));
    report.warnings_total += total(false).saturating_sub(listed(false));
    checked
        .problem_counts
        .keys()
        .any(|k| STRUCTURAL.contains(&k.as_str()))
}
