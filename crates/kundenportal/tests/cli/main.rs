//! The binary's behaviour on good and bad input: one clear line, never a
//! panic or a surprise database.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::io::Write;
use std::process::{Command, Output, Stdio};

mod imports;
mod tenants;
mod tokens;

fn kundenportal(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kundenportal"))
        .args(args)
        .current_dir(dir)
        .env_remove("KUNDENPORTAL_DATABASE_URL")
        .env_remove("KUNDENPORTAL_DATA_DIR")
        .env_remove("KUNDENPORTAL_LISTEN")
        .env_remove("KUNDENPORTAL_CONFIG")
        .env("RUST_LOG", "error")
        .output()
        .unwrap()
}

fn stderr_line(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !out.status.success(),
        "expected failure, got success: {text}"
    );
    assert!(!text.contains("panicked"), "{text}");
    let lines: Vec<_> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {text}");
    lines[0].to_owned()
}

#[test]
fn every_subcommand_has_help() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["demo", "--help"],
        vec!["user", "--help"],
        vec!["user", "create-admin", "--help"],
        vec!["tenant", "--help"],
        vec!["tenant", "create", "--help"],
        vec!["tenant", "list", "--help"],
        vec!["token", "--help"],
        vec!["token", "create", "--help"],
        vec!["import", "--help"],
        vec!["import", "gdv", "--help"],
    ] {
        let out = kundenportal(&args, dir.path());
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Usage"), "{args:?}: {text}");
    }
    let serve = String::from_utf8_lossy(&kundenportal(&["serve", "--help"], dir.path()).stdout)
        .into_owned();
    for option in [
        "--listen",
        "--data-dir",
        "--database-url",
        "--config",
        "KUNDENPORTAL_LISTEN",
    ] {
        assert!(serve.contains(option), "serve --help lacks {option}");
    }
}

#[test]
fn unknown_database_scheme_is_refused_without_creating_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = kundenportal(&["migrate", "--database-url", "sqlit://x.db"], dir.path());
    let line = stderr_line(&out);
    assert!(
        line.contains("unknown scheme") && line.contains("--database-url"),
        "{line}"
    );
    assert!(!dir.path().join("x.db").exists());
}

#[test]
fn unreachable_postgres_names_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let out = kundenportal(
        &[
            "migrate",
            "--database-url",
            "postgres://kp:secret@127.0.0.1:9/kp",
        ],
        dir.path(),
    );
    let line = stderr_line(&out);
    assert!(
        line.contains("cannot connect to PostgreSQL") && line.contains("KUNDENPORTAL_DATABASE_URL"),
        "{line}"
    );
    assert!(!line.contains("secret"), "password leaked: {line}");
}

#[test]
fn a_data_directory_that_cannot_be_created_names_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("occupied"), b"a file, not a directory").unwrap();
    let out = kundenportal(&["migrate", "--data-dir", "occupied/data"], dir.path());
    let line = stderr_line(&out);
    assert!(
        line.contains("data directory") && line.contains("--data-dir"),
        "{line}"
    );
}

#[test]
fn a_port_in_use_names_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = kundenportal(&["serve", "--data-dir", "d", "--listen", &addr], dir.path());
    let line = stderr_line(&out);
    assert!(
        line.contains("cannot listen on") && line.contains("--listen"),
        "{line}"
    );
}

#[test]
fn a_malformed_config_file_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("kp.toml"),
        "listen = \"127.0.0.1:1\"\nbroker_nam = \"x\"\n",
    )
    .unwrap();
    let out = kundenportal(&["migrate", "--config", "kp.toml"], dir.path());
    let line = stderr_line(&out);
    assert!(
        line.contains("kp.toml") && line.contains("broker_nam") && line.contains("--config"),
        "{line}"
    );
    std::fs::write(
        dir.path().join("kp.toml"),
        "broker_name = \"x\"\nlisten = [\n",
    )
    .unwrap();
    let line = stderr_line(&kundenportal(
        &["migrate", "--config", "kp.toml"],
        dir.path(),
    ));
    assert!(
        line.contains("kp.toml") && line.contains("line 2"),
        "{line}"
    );
}

#[test]
fn the_example_config_file_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/kundenportal.example.toml"
    );
    let out = kundenportal(
        &["migrate", "--config", example, "--data-dir", "d"],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn migrate_reports_what_ran_and_then_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let first = kundenportal(&["migrate", "--data-dir", "d"], dir.path());
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("applied migration 0001 core"));
    assert!(dir.path().join("d/kundenportal.db").exists());
    let second = kundenportal(&["migrate", "--data-dir", "d"], dir.path());
    assert!(String::from_utf8_lossy(&second.stdout).contains("up to date"));
}

#[test]
fn create_admin_reads_the_password_from_stdin_and_refuses_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let run = |password: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kundenportal"))
            .args([
                "user",
                "create-admin",
                "--email",
                "Chef@Example.com",
                "--data-dir",
                "d",
            ])
            .current_dir(dir.path())
            .env("RUST_LOG", "error")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(password.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let short = run("short\n");
    assert!(stderr_line(&short).contains("at least 12 characters"));
    let ok = run("a-long-enough-password\n");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(stdout.contains("created administrator") && !stdout.contains("a-long-enough-password"));
    let again = run("a-long-enough-password\n");
    assert!(stderr_line(&again).contains("already exists"));
}

/// The error line of `serve` started with `toml` as its config file.
fn serve_error_with_config(toml: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kp.toml"), toml).unwrap();
    let out = kundenportal(
        &[
            "serve",
            "--config",
            "kp.toml",
            "--data-dir",
            "d",
            "--listen",
            "127.0.0.1:0",
        ],
        dir.path(),
    );
    stderr_line(&out)
}

#[test]
fn a_bad_address_range_names_the_setting() {
    for (toml, setting) in [
        (
            "[http]\ntrusted_proxies = [\"10.0.0.0/8\", \"10.0.0.300/8\"]\n",
            "trusted_proxies",
        ),
        ("[metrics]\nallow = [\"127.0.0.1/33\"]\n", "allow"),
    ] {
        let line = serve_error_with_config(toml);
        assert!(
            line.contains(setting) && line.contains("--config") && line.contains("10.0.0.0/8"),
            "{line}"
        );
    }
}

#[test]
fn a_nonsensical_security_setting_names_the_setting() {
    let line = serve_error_with_config("[security]\nlogin_delay_max_secs = 0\n");
    assert!(
        line.contains("login_delay_max_secs") && line.contains("--config"),
        "{line}"
    );
}
