//! The GDV import's reader-to-database rate (issue 11 benchmark): the
//! largest sample file of `../shared/data/gdv`, repeated until it holds at
//! least 1,000,000 logical records, imported into a fresh SQLite database.
//! Each copy gets its own VU number (bytes 5–9 of every line), so every
//! copy is new data rather than a repeat the import would find unchanged.
//!
//! `cargo run --release -p kp-app --example gdv-import-bench [-- RECORDS]`
//! (or `bench/gdv-import.sh`). Prints records/s and the peak resident
//! memory; the database and the file live in a temporary directory.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use kp_app::gdv_import::{self, Actor};
use kp_app::{App, Policy, SystemClock};
use kp_documents::BlobStore;
use kp_storage::{Db, migrate};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/gdv");

fn largest_sample() -> Option<PathBuf> {
    let mut best: Option<(u64, PathBuf)> = None;
    for sub in ["oboehm-gdv.xport", "vendis-opengdv"] {
        for entry in std::fs::read_dir(Path::new(SAMPLES).join(sub)).ok()? {
            let path = entry.ok()?.path();
            if path.file_name().is_some_and(|n| n == "LICENSE.txt") {
                continue;
            }
            let size = std::fs::metadata(&path).ok()?.len();
            if best.as_ref().is_none_or(|(s, _)| size > *s) {
                best = Some((size, path));
            }
        }
    }
    best.map(|(_, p)| p)
}

fn peak_rss_kib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "?".to_owned())
}

#[tokio::main]
async fn main() {
    let wanted: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let Some(sample) = largest_sample() else {
        println!("skipping: GDV samples not found at {SAMPLES}");
        return;
    };
    let bytes = std::fs::read(&sample).unwrap();
    let per_copy = gdv::read_report(&bytes[..], gdv::Options::default())
        .unwrap()
        .totals
        .records;
    let copies = wanted.div_ceil(per_copy);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("repeated.gdv");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        for copy in 0..copies {
            let vu = format!("{:05}", 10_000 + copy % 90_000);
            for line in bytes.split_inclusive(|b| *b == b'\n') {
                if line.len() > 9 && line[..4].iter().all(u8::is_ascii_digit) {
                    out.write_all(&line[..4]).unwrap();
                    out.write_all(vu.as_bytes()).unwrap();
                    out.write_all(&line[9..]).unwrap();
                } else {
                    out.write_all(line).unwrap();
                }
            }
        }
    }
    let size = std::fs::metadata(&file).unwrap().len();
    println!(
        "{}: {per_copy} records × {copies} copies = {} records, {:.1} MiB",
        sample.file_name().unwrap().to_string_lossy(),
        per_copy * copies,
        size as f64 / 1_048_576.0
    );
    let db = Db::open_sqlite_file(&dir.path().join("bench.db"))
        .await
        .unwrap();
    migrate::run(&db).await.unwrap();
    let app = App::new(
        db,
        BlobStore::local(dir.path().join("documents")),
        Arc::new(SystemClock),
        Policy::default(),
    );
    let tenant = kp_app::tenants::create(&app, "bench", "Benchmark")
        .await
        .unwrap();
    let actor = Actor::CommandLine {
        user: "bench".to_owned(),
    };
    let input = tokio::fs::File::open(&file).await.unwrap();
    let started = Instant::now();
    let report = gdv_import::import(&app, tenant, input, "repeated.gdv", &actor)
        .await
        .unwrap();
    let secs = started.elapsed().as_secs_f64();
    let w = &report.written;
    println!("status: {}", report.status().as_str());
    println!(
        "written: {} customers, {} contracts, {} objects, {} claims, {} finance items, {} raw records created",
        w.customers.created,
        w.contracts.created,
        w.objects.created,
        w.claims.created,
        w.finance_items.created,
        w.raw_records.created
    );
    println!(
        "{} records in {secs:.1} s: {:.0} records/s ({:.1} MiB/s), peak RSS {}",
        report.records,
        report.records as f64 / secs,
        size as f64 / 1_048_576.0 / secs,
        peak_rss_kib()
    );
    app.close().await;
}
