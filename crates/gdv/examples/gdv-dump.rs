//! Lists the logical records of a GDV file, one per line: first line,
//! layout, Teildatensatz numbers and what was read. For checking how a file
//! is grouped: `cargo run -p gdv --example gdv-dump -- FILE`.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: gdv-dump FILE");
        return ExitCode::from(2);
    };
    let file = match std::fs::File::open(&path) {
        Ok(f) => std::io::BufReader::new(f),
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let reader = match gdv::Reader::new(file, gdv::Options::default()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    for item in reader {
        let line = match item {
            Ok(gdv::Item::PackageStart(r)) => format!("--- package start {}", describe(&r)),
            Ok(gdv::Item::Record(r)) => describe(&r),
            Ok(gdv::Item::PackageEnd(Some(r))) => format!("--- package end {}", describe(&r)),
            Ok(gdv::Item::PackageEnd(None)) => "--- package end without Nachsatz".to_string(),
            Ok(gdv::Item::Problem(p)) => format!("!!! {p}"),
            Err(e) => format!("!!! {e}"),
        };
        if writeln!(out, "{line}").is_err() {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn describe(r: &gdv::Record) -> String {
    let tds: Vec<String> = r
        .parts
        .iter()
        .map(|p| p.number.map_or("-".to_string(), |n| n.to_string()))
        .collect();
    let kind = match &r.kind {
        gdv::RecordKind::Raw(reason) => format!("raw ({reason:?})"),
        other => {
            let json = serde_json::to_string(other).unwrap_or_default();
            json.chars().take(160).collect()
        }
    };
    let problems = if r.problems.is_empty() {
        String::new()
    } else {
        format!(" [{} field problems]", r.problems.len())
    };
    format!(
        "{:>6} {:<16} TD {:<10} {kind}{problems}",
        r.line(),
        r.layout.to_string(),
        tds.join(",")
    )
}
