//! `kundenportal import gdv --tenant KEY FILE…`: each file through
//! `kp_app::gdv_import`, with a progress bar on stderr and the report on
//! stdout.

use std::io::Write;

use anyhow::{Result, anyhow};
use indicatif::{ProgressBar, ProgressStyle};
use kp_app::gdv_import::{self, Actor, ImportReport, Tally};

use crate::cli::ImportGdvArgs;
use crate::{runtime, settings};

pub async fn gdv(args: &ImportGdvArgs) -> Result<()> {
    let settings = settings::resolve(&args.data)?;
    runtime::init_logging(&settings);
    let app = runtime::app(&settings).await?;
    let tenant = gdv_import::tenant_by_key(&app, &args.tenant)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let actor = Actor::CommandLine {
        user: std::env::var("USER").unwrap_or_default(),
    };
    let mut failed = 0;
    for path in &args.files {
        let file = tokio::fs::File::open(path)
            .await
            .map_err(|e| anyhow!("cannot open {}: {e}", path.display()))?;
        let size = file.metadata().await.map(|m| m.len()).unwrap_or(0);
        let name = path.display().to_string();
        let bar = bar(size, &name);
        let report = gdv_import::import_with_progress(&app, tenant, file, &name, &actor, |p| {
            bar.set_length(p.total_bytes);
            bar.set_position(p.bytes);
            bar.set_message(format!("{} records", p.records));
        })
        .await
        .map_err(|e| anyhow!("{name}: {e}"))?;
        bar.finish_and_clear();
        let mut out = std::io::stdout().lock();
        if args.json {
            writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        } else {
            print(&mut out, &report)?;
        }
        if !report.status().is_ok() {
            failed += 1;
        }
    }
    app.close().await;
    if failed > 0 {
        return Err(anyhow!(
            "{failed} of {} files had errors; see the report above",
            args.files.len()
        ));
    }
    Ok(())
}

fn bar(size: u64, name: &str) -> ProgressBar {
    // Hidden when stderr is not a terminal (scripts, tests).
    let bar = ProgressBar::new(size);
    bar.set_style(
        ProgressStyle::with_template("{prefix} [{bar:30}] {bytes}/{total_bytes} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix(name.to_owned());
    bar
}

fn tally(out: &mut impl Write, what: &str, t: &Tally) -> std::io::Result<()> {
    writeln!(
        out,
        "  {what:<14} {:>7} created {:>7} updated {:>7} unchanged",
        t.created, t.updated, t.unchanged
    )
}

/// The report as text: what the file held, what was written, what was
/// kept raw, then every warning and error with file, line and column.
fn print(out: &mut impl Write, r: &ImportReport) -> std::io::Result<()> {
    writeln!(
        out,
        "{}: {} (import {}, {} bytes, sha256 {}, {})",
        r.file_name,
        r.status().as_str(),
        r.import_id,
        r.size_bytes,
        r.sha256,
        r.encoding
    )?;
    writeln!(out, "  packages {}, records {}", r.packages, r.records)?;
    let types: Vec<String> = r
        .records_by_type
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    if !types.is_empty() {
        writeln!(out, "  records by type: {}", types.join(", "))?;
    }
    let w = &r.written;
    tally(out, "insurers", &w.insurers)?;
    tally(out, "customers", &w.customers)?;
    tally(out, "contracts", &w.contracts)?;
    tally(out, "objects", &w.objects)?;
    tally(out, "claims", &w.claims)?;
    tally(out, "finance items", &w.finance_items)?;
    tally(out, "raw records", &w.raw_records)?;
    if !r.kept_raw_by_reason.is_empty() {
        let reasons: Vec<String> = r
            .kept_raw_by_reason
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        writeln!(out, "  kept raw: {}", reasons.join(", "))?;
        for k in &r.kept_raw {
            writeln!(
                out,
                "    line {} {} ({}) policy {}",
                k.line, k.record_type, k.reason, k.policy_number
            )?;
        }
    }
    writeln!(out, "  warnings: {}", r.warnings_total)?;
    for m in &r.warnings {
        writeln!(out, "    warning: {m}")?;
    }
    writeln!(out, "  errors: {}", r.errors_total)?;
    for m in &r.errors {
        writeln!(out, "    error: {m}")?;
    }
    Ok(())
}
