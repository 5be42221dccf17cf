//! One module per subcommand.

mod demo;
mod import;
mod migrate;
mod serve;
mod tenant;
mod token;
mod user;
mod webhook_worker;

use anyhow::Result;

use crate::cli::{Cli, Command, ImportCommand, TenantCommand, TokenCommand, UserCommand};

pub async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Serve(args) => serve::run(&args).await,
        Command::Migrate(args) => migrate::run(&args).await,
        Command::Demo(args) => demo::run(&args).await,
        Command::User {
            command: UserCommand::CreateAdmin(args),
        } => user::create_admin(&args).await,
        Command::Tenant {
            command: TenantCommand::Create(args),
        } => tenant::create(&args).await,
        Command::Tenant {
            command: TenantCommand::List(args),
        } => tenant::list(&args).await,
        Command::Token {
            command: TokenCommand::Create(args),
        } => token::create(&args).await,
        Command::Import {
            command: ImportCommand::Gdv(args),
        } => import::gdv(&args).await,
    }
}
