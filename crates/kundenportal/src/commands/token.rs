//! `kundenportal token create`: a back-office token for scripts and the
//! first connection, printed once.

use std::io::Write;

use anyhow::{Result, anyhow};

use crate::cli::TokenCreateArgs;
use crate::{runtime, settings};

pub async fn create(args: &TokenCreateArgs) -> Result<()> {
    let settings = settings::resolve(&args.data)?;
    runtime::init_logging(&settings);
    let app = runtime::app(&settings).await?;
    let created =
        kp_app::api_tokens::create(&app, &args.tenant, &args.name, &args.scopes, args.days)
            .await
            .map_err(|e| anyhow!("{e}"))?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "created API token {} for tenant {} (id {}), valid {} days",
        args.name.trim(),
        args.tenant,
        created.id,
        args.days
    )?;
    writeln!(out, "token (shown only once): {}", created.token)?;
    app.close().await;
    Ok(())
}
