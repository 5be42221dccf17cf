//! Access to external tools that not every developer machine has.

use std::process::Command;

/// Whether `tool` can be run. When it cannot, the test is skipped with a
/// note on stderr, unless `KUNDENPORTAL_TEST_TOOLS=1` demands every tool
/// (as CI does), in which case the test fails.
pub fn available(tool: &str, probe_arg: &str) -> bool {
    let found = Command::new(tool).arg(probe_arg).output().is_ok();
    if !found {
        let required = std::env::var("KUNDENPORTAL_TEST_TOOLS").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "{tool} is required (KUNDENPORTAL_TEST_TOOLS=1) but was not found"
        );
        eprintln!("skipping: {tool} is not installed (install poppler-utils)");
    }
    found
}

/// Text of `pdf` as extracted by `pdftotext`, optionally for one page only.
pub fn pdftotext(pdf: &[u8], page: Option<u32>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = Command::new("pdftotext");
    cmd.arg("-enc").arg("UTF-8");
    if let Some(page) = page {
        cmd.arg("-f")
            .arg(page.to_string())
            .arg("-l")
            .arg(page.to_string());
    }
    let output = cmd.arg(&path).arg("-").output().unwrap();
    assert!(
        output.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Page count as reported by `pdfinfo` (same package as `pdftotext`).
pub fn pdf_pages(pdf: &[u8]) -> u32 {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = String::from_utf8_lossy(&output.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo output: {info}"))
}

/// Metadata as reported by `pdfinfo`.
pub fn pdfinfo(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new("pdfinfo").arg(&path).output().unwrap();
    assert!(output.status.success(), "pdfinfo failed");
    String::from_utf8(output.stdout).unwrap()
}
