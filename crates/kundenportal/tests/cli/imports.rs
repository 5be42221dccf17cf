//! `kundenportal import gdv`: a sample file imported twice (the second time
//! unchanged), a file that is not GDV refused with its place and a
//! non-zero exit. Skipped with a message where the samples are absent.

use std::path::Path;

use crate::kundenportal;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/gdv");

#[test]
fn gdv_files_are_imported_once_and_bad_ones_refused() {
    let sample = Path::new(SAMPLES).join("vendis-opengdv/muster_bestand.gdv");
    if !sample.exists() {
        eprintln!("skipping: GDV samples not found at {SAMPLES}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let tenant = kundenportal(
        &[
            "tenant",
            "create",
            "--key",
            "hh",
            "--name",
            "Hamburg",
            "--data-dir",
            "d",
        ],
        dir.path(),
    );
    assert!(tenant.status.success());
    let file = sample.to_str().unwrap();
    let import = |files: &[&str]| {
        let mut args = vec!["import", "gdv", "--tenant", "hh", "--data-dir", "d"];
        args.extend_from_slice(files);
        kundenportal(&args, dir.path())
    };
    let first = import(&[file]);
    let out = String::from_utf8_lossy(&first.stdout).into_owned();
    assert!(
        first.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(out.contains(": imported (import 1"), "{out}");
    // "  contracts      14 created …": the number after the label.
    let created = |out: &str, what: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(what))
            .and_then(|l| l.split_whitespace().nth(what.split(' ').count()))
            .unwrap()
            .to_owned()
    };
    assert_ne!(created(&out, "contracts"), "0", "{out}");
    assert!(
        out.contains("records by type: 0001") || out.contains("0200:"),
        "{out}"
    );

    let second = import(&[file]);
    let again = String::from_utf8_lossy(&second.stdout).into_owned();
    assert!(second.status.success());
    for what in ["customers", "contracts", "objects", "raw records"] {
        assert_eq!(created(&again, what), "0", "{what}: {again}");
    }

    std::fs::write(
        dir.path().join("letter.gdv"),
        "Sehr geehrte Damen und Herren,\n",
    )
    .unwrap();
    let bad = import(&["letter.gdv", file]);
    assert!(!bad.status.success());
    let out = String::from_utf8_lossy(&bad.stdout).into_owned();
    let err = String::from_utf8_lossy(&bad.stderr).into_owned();
    assert!(out.contains("letter.gdv: rejected"), "{out}");
    assert!(
        out.contains("does not start with a four-digit Satzart"),
        "{out}"
    );
    assert!(err.contains("1 of 2 files had errors"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let unknown = kundenportal(
        &[
            "import",
            "gdv",
            "--tenant",
            "nowhere",
            "--data-dir",
            "d",
            file,
        ],
        dir.path(),
    );
    assert!(crate::stderr_line(&unknown).contains("no tenant with key"));
}
