//! Plain-text rendering of a [`Report`] for people.

use std::fmt::Write;

use crate::report::{Counts, Report};

impl Report {
    /// A human-readable summary: input, packages with counts and Nachsatz
    /// checks, then every problem.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_text(&mut out);
        out
    }

    fn write_text(&self, out: &mut String) -> std::fmt::Result {
        let i = &self.input;
        writeln!(out, "Encoding: {}", self.encoding)?;
        writeln!(
            out,
            "Lines: {} records ({} CRLF, {} LF, {} without line end), {} padded, {} blank, {} overlong",
            i.records,
            i.crlf_lines,
            i.lf_lines,
            i.unterminated,
            i.padded_lines,
            i.blank_lines,
            i.overlong_lines
        )?;
        writeln!(out, "Datenpakete: {}", self.packages.len())?;
        for p in &self.packages {
            writeln!(out)?;
            writeln!(
                out,
                "Datenpaket {} (line {}): VU {} {} -> {}, {} to {}",
                p.index,
                p.first_line,
                p.vu_number,
                p.sender.as_deref().unwrap_or("-"),
                p.addressee.as_deref().unwrap_or("-"),
                p.period_from.map_or("-".into(), |d| d.to_string()),
                p.period_to.map_or("-".into(), |d| d.to_string()),
            )?;
            write_counts(out, &p.counts)?;
            match &p.nachsatz {
                Some(n) => {
                    writeln!(
                        out,
                        "  Nachsatz (line {}): records {} declared / {} read [{}], premium {} declared / {} summed [{}]",
                        n.line,
                        n.declared_records.map_or("-".into(), |c| c.to_string()),
                        n.counted_records,
                        if n.records_match { "ok" } else { "MISMATCH" },
                        n.declared_premium.map_or("-".into(), |m| m.to_string()),
                        n.summed_premium,
                        if n.premium_match { "ok" } else { "MISMATCH" },
                    )?;
                }
                None => writeln!(out, "  Nachsatz: missing")?,
            }
        }
        if self.outside_packages.records > 0 {
            writeln!(out)?;
            writeln!(out, "Outside any Datenpaket:")?;
            write_counts(out, &self.outside_packages)?;
        }
        writeln!(out)?;
        writeln!(out, "Totals:")?;
        write_counts(out, &self.totals)?;
        writeln!(out)?;
        let total: u64 = self.problem_counts.values().sum();
        writeln!(out, "Problems: {total}")?;
        for p in &self.problems {
            writeln!(out, "  {p}")?;
        }
        if self.problems_truncated {
            writeln!(out, "  … further problems counted but not listed")?;
        }
        Ok(())
    }
}

fn write_counts(out: &mut String, c: &Counts) -> std::fmt::Result {
    let raw: u64 = c.raw.values().sum();
    writeln!(
        out,
        "  {} records in {} Teildatensätze; {} typed, {} raw, {} with field errors",
        c.records, c.teildatensaetze, c.typed, raw, c.with_field_errors
    )?;
    let join = |m: &std::collections::BTreeMap<String, u64>| {
        m.iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !c.by_record_type.is_empty() {
        writeln!(out, "  by record type: {}", join(&c.by_record_type))?;
    }
    if !c.by_sparte.is_empty() {
        writeln!(out, "  by Sparte: {}", join(&c.by_sparte))?;
    }
    if !c.raw.is_empty() {
        writeln!(out, "  kept raw: {}", join(&c.raw))?;
    }
    Ok(())
}
