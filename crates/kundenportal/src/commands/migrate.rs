//! `kundenportal migrate`.

use std::io::Write;

use anyhow::Result;
use kp_storage::migrate;

use crate::cli::DataArgs;
use crate::{runtime, settings};

pub async fn run(args: &DataArgs) -> Result<()> {
    let settings = settings::resolve(args)?;
    runtime::init_logging(&settings);
    let db = runtime::open_db(&settings).await?;
    let ran = migrate::run(&db).await?;
    let mut out = std::io::stdout().lock();
    if ran.is_empty() {
        writeln!(
            out,
            "database is up to date ({} migrations)",
            migrate::MIGRATIONS.len()
        )?;
    }
    for m in ran {
        writeln!(out, "applied migration {:04} {}", m.version, m.name)?;
    }
    db.close().await;
    Ok(())
}
