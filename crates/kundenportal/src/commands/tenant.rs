//! `kundenportal tenant create` and `kundenportal tenant list`.

use std::io::Write;

use anyhow::{Result, anyhow};

use crate::cli::{DataArgs, TenantCreateArgs};
use crate::{runtime, settings};

pub async fn create(args: &TenantCreateArgs) -> Result<()> {
    let settings = settings::resolve(&args.data)?;
    runtime::init_logging(&settings);
    let app = runtime::app(&settings).await?;
    let id = kp_app::tenants::create(&app, &args.key, &args.name)
        .await
        .map_err(|e| match e {
            kp_app::AppError::Conflict => anyhow!("a tenant with key {} already exists", args.key),
            other => anyhow!("{other}"),
        })?;
    writeln!(
        std::io::stdout().lock(),
        "created tenant {} (id {id}): {}",
        args.key,
        args.name.trim()
    )?;
    app.close().await;
    Ok(())
}

pub async fn list(args: &DataArgs) -> Result<()> {
    let settings = settings::resolve(args)?;
    runtime::init_logging(&settings);
    let app = runtime::app(&settings).await?;
    let tenants = kp_app::tenants::list(&app).await?;
    let width = tenants
        .iter()
        .map(|t| t.key.len())
        .max()
        .unwrap_or(0)
        .max(3);
    let mut out = std::io::stdout().lock();
    writeln!(out, "{:<width$}  {:>4}  name", "key", "id")?;
    for t in &tenants {
        writeln!(out, "{:<width$}  {:>4}  {}", t.key, t.id, t.name)?;
    }
    app.close().await;
    Ok(())
}
