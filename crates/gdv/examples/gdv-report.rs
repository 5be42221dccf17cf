//! Prints the validation report of a GDV file.
//!
//! `cargo run -p gdv --example gdv-report -- FILE [--json] [--encoding latin1|cp850|utf8]`

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut path = None;
    let mut json = false;
    let mut options = gdv::Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--encoding" => {
                options.encoding = match args.next().as_deref() {
                    Some("latin1" | "iso-8859-1") => Some(gdv::Encoding::Latin1),
                    Some("cp850") => Some(gdv::Encoding::Cp850),
                    Some("utf8" | "utf-8") => Some(gdv::Encoding::Utf8),
                    other => {
                        eprintln!("unknown encoding {other:?}; use latin1, cp850 or utf8");
                        return ExitCode::from(2);
                    }
                }
            }
            _ => path = Some(arg),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: gdv-report FILE [--json] [--encoding latin1|cp850|utf8]");
        return ExitCode::from(2);
    };
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let report = match gdv::read_report(std::io::BufReader::new(file), options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let text = if json {
        match serde_json::to_string_pretty(&report) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: cannot serialise report: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        report.to_text()
    };
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
