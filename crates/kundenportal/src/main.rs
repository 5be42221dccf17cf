//! The `kundenportal` binary: parses the command line and the settings,
//! then runs one subcommand. Everything else lives in the library crates.

mod cli;
mod commands;
mod runtime;
mod settings;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line naming the problem and the setting to change.
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
