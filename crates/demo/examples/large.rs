//! Loads the large demo set into a fresh SQLite database and times it:
//! `cargo run --release -p kp-demo --example large -- DIR [SEED]`.
//! DIR must not yet hold a database; it receives `large.db` and the
//! documents folder.
#![allow(clippy::print_stdout)]

use std::cell::Cell;
use std::path::PathBuf;
use std::time::Instant;

use kp_demo::{LargeOptions, Progress};
use kp_documents::BlobStore;
use kp_storage::users::{self, UserRef};
use kp_storage::{Db, home, migrate};

/// Prints each stage with the time it took.
struct Stages {
    start: Instant,
    current: Cell<Option<(String, Instant)>>,
}

impl Stages {
    fn finish_stage(&self) {
        if let Some((name, since)) = self.current.take() {
            println!("  {name:<10} {:>7.1} s", since.elapsed().as_secs_f64());
        }
    }
}

impl Progress for Stages {
    fn stage(&self, name: &str, _total: u64) {
        self.finish_stage();
        self.current.set(Some((name.to_owned(), Instant::now())));
    }
    fn advance(&self, _n: u64) {}
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: large DIR [SEED]")?);
    let seed: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(2026);
    std::fs::create_dir_all(&dir)?;
    let db = Db::open_sqlite_file(&dir.join("large.db")).await?;
    migrate::run(&db).await?;
    let blobs = BlobStore::local(dir.join("documents"));
    let stages = Stages {
        start: Instant::now(),
        current: Cell::new(None),
    };
    let summary = kp_demo::seed_large(&db, &blobs, &LargeOptions { seed }, &stages).await?;
    stages.finish_stage();
    println!("{summary:#?}");
    println!(
        "large set loaded in {:.1} s",
        stages.start.elapsed().as_secs_f64()
    );
    home_counts(&db).await?;
    db.close().await;
    Ok(())
}

/// Times the home-page counts of the journey users on the loaded set; Dr.
/// B.'s (5,000 contracts of the group) is the benchmark case.
async fn home_counts(db: &Db) -> Result<(), Box<dyn std::error::Error>> {
    for login in kp_demo::logins()
        .iter()
        .filter(|l| l.role.starts_with("customer"))
    {
        let Some(creds) = users::credentials_by_email(db, login.email).await? else {
            continue;
        };
        let UserRef::Portal(id) = creds.user else {
            continue;
        };
        let Some(principal) = users::principal(db, UserRef::Portal(id)).await? else {
            continue;
        };
        let start = Instant::now();
        let counts = home::counts(db, &principal.scope).await?;
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "home counts of {:<42} {ms:>7.1} ms  {counts:?}",
            login.email
        );
    }
    Ok(())
}
