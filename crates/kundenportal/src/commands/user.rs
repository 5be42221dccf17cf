//! `kundenportal user create-admin`.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, anyhow};

use crate::cli::CreateAdminArgs;
use crate::{runtime, settings};

pub async fn create_admin(args: &CreateAdminArgs) -> Result<()> {
    let settings = settings::resolve(&args.data)?;
    runtime::init_logging(&settings);
    let app = runtime::app(&settings).await?;
    let stdin = std::io::stdin();
    let (password, generated) = if stdin.is_terminal() {
        (kp_app::passwords::generate(), true)
    } else {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        let password = line.trim_end_matches(['\r', '\n']).to_owned();
        if password.is_empty() {
            return Err(anyhow!(
                "no password on stdin; pipe one in or run in a terminal to generate one"
            ));
        }
        (password, false)
    };
    let id = kp_app::staff::create_admin(&app, &args.email, &args.name, &password)
        .await
        .map_err(|e| match e {
            kp_app::AppError::Conflict => {
                anyhow!("a user with e-mail {} already exists", args.email)
            }
            other => anyhow!("{other}"),
        })?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "created administrator {} (id {id})", args.email.trim())?;
    if generated {
        writeln!(out, "password (shown only once): {password}")?;
    }
    app.close().await;
    Ok(())
}
