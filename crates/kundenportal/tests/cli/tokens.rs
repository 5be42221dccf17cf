//! `kundenportal token create`: a token for a tenant by key, printed once
//! and stored only as its hash.

use crate::{kundenportal, stderr_line};

#[test]
fn tokens_are_made_for_a_tenant_with_known_scopes() {
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
    let token = |tenant: &str, scopes: &[&str]| {
        let mut args = vec![
            "token",
            "create",
            "--tenant",
            tenant,
            "--name",
            "AMS",
            "--data-dir",
            "d",
            "--scopes",
        ];
        args.extend_from_slice(scopes);
        kundenportal(&args, dir.path())
    };
    let ok = token("hh", &["read:contracts", "write:contracts", "events"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let out = String::from_utf8_lossy(&ok.stdout).into_owned();
    let secret = out
        .lines()
        .find_map(|l| l.strip_prefix("token (shown only once): "))
        .unwrap()
        .to_owned();
    assert!(secret.starts_with("kp_") && secret.len() == 67, "{secret}");

    // Stored as a hash: the token's text is nowhere in the database file.
    let db = std::fs::read(dir.path().join("d/kundenportal.db")).unwrap();
    let wal = std::fs::read(dir.path().join("d/kundenportal.db-wal")).unwrap_or_default();
    for bytes in [&db, &wal] {
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()));
    }

    assert!(stderr_line(&token("nowhere", &["events"])).contains("no tenant with key"));
    assert!(stderr_line(&token("hh", &["read:everything"])).contains("not a scope"));
}
