//! Throughput and memory benchmark: writes a synthetic GDV file of about one
//! million logical records (built from the test fixtures) to the temp
//! directory, reads it with `read_report` and prints records/s and the peak
//! resident memory (VmHWM). A tenth of the size is read first, so the two
//! peaks show whether memory grows with the file.
//!
//! `cargo run --release -p gdv --example gdv-bench [-- CONTRACTS]` (default 100000
//! contracts of 10 records each).

use std::io::{BufWriter, Write};
use std::time::Instant;

#[path = "../tests/gdv/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let contracts: u64 = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 100_000,
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "peak memory before reading: {} KiB", vm_hwm_kib())?;
    for n in [contracts / 10, contracts] {
        let path = std::env::temp_dir().join(format!("gdv-bench-{}-{n}.gdv", std::process::id()));
        let (lines, bytes) = write_file(&path, n.max(1))?;
        let start = Instant::now();
        let file = std::fs::File::open(&path)?;
        let report = gdv::read_report(std::io::BufReader::new(file), gdv::Options::default())?;
        let secs = start.elapsed().as_secs_f64();
        std::fs::remove_file(&path)?;
        let records = report.totals.records;
        writeln!(
            out,
            "{records} records ({lines} lines, {:.0} MiB) in {secs:.2} s: {:.0} records/s, {:.0} lines/s, {:.0} MiB/s; problems {}; peak memory {} KiB",
            bytes as f64 / 1_048_576.0,
            records as f64 / secs,
            lines as f64 / secs,
            bytes as f64 / 1_048_576.0 / secs,
            report.problems.len(),
            vm_hwm_kib(),
        )?;
    }
    Ok(())
}

/// One package: a Vorsatz, `contracts` times the fixture contract, a Nachsatz.
fn write_file(path: &std::path::Path, contracts: u64) -> std::io::Result<(u64, u64)> {
    let mut w = BufWriter::new(std::fs::File::create(path)?);
    let template = fixtures::package("0", 41141);
    let body = &template[1..template.len() - 1];
    let mut lines = 0u64;
    let mut bytes = 0u64;
    let mut emit =
        |w: &mut BufWriter<std::fs::File>, line: &fixtures::Line| -> std::io::Result<()> {
            let mut encoded = gdv::encoding::encode_latin1(&line.text());
            encoded.extend_from_slice(b"\r\n");
            bytes += encoded.len() as u64;
            lines += 1;
            w.write_all(&encoded)
        };
    emit(&mut w, &template[0])?;
    for i in 0..contracts {
        let policy = format!("{:>17}", 10_000_000 + i);
        for line in body {
            emit(&mut w, &line.clone().set(14, &policy))?;
        }
    }
    let count = contracts * body.len() as u64;
    emit(&mut w, &fixtures::nachsatz(count, 41141 * contracts))?;
    w.flush()?;
    Ok((lines, bytes))
}

/// Peak resident set size from /proc/self/status (Linux); 0 elsewhere.
fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}
