//! `kundenportal tenant create` and `tenant list` on an empty database: a
//! broker starts without demo data.

use crate::{kundenportal, stderr_line};

#[test]
fn tenants_are_created_listed_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let create = |key: &str, name: &str| {
        kundenportal(
            &[
                "tenant",
                "create",
                "--key",
                key,
                "--name",
                name,
                "--data-dir",
                "d",
            ],
            dir.path(),
        )
    };
    let ok = create("hamburg", "Hanse Assekuranz Hamburg");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("created tenant hamburg (id 1)"));
    assert!(
        create("muenchen-2", "Hanse Assekuranz München")
            .status
            .success()
    );

    assert!(stderr_line(&create("hamburg", "Noch einmal")).contains("already exists"));
    assert!(stderr_line(&create("Hamburg", "Groß")).contains("not a tenant key"));
    let dash = kundenportal(
        &[
            "tenant",
            "create",
            "--key=-x",
            "--name",
            "Strich",
            "--data-dir",
            "d",
        ],
        dir.path(),
    );
    assert!(stderr_line(&dash).contains("not a tenant key"));
    assert!(stderr_line(&create("bremen", "  ")).contains("needs a name"));

    let list = kundenportal(&["tenant", "list", "--data-dir", "d"], dir.path());
    assert!(list.status.success());
    let text = String::from_utf8_lossy(&list.stdout).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[1].starts_with("hamburg") && lines[1].contains("Hanse Assekuranz Hamburg"));
    assert!(lines[2].starts_with("muenchen-2") && lines[2].contains("München"));
}
