//! Command-line interface. Every option that touches data also reads an
//! environment variable, and a TOML file given with `--config` fills in
//! what neither sets.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "kundenportal",
    version,
    about = "Customer portal for insurance brokers"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server and the background workers.
    Serve(ServeArgs),
    /// Apply pending database migrations, report what ran, and exit.
    Migrate(DataArgs),
    /// Create the database if needed, load the demo data set when it is
    /// empty, print the demo logins, then serve.
    Demo(DemoArgs),
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage tenants (a broker's branches or companies).
    Tenant {
        #[command(subcommand)]
        command: TenantCommand,
    },
    /// Manage API tokens of the back office.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Import data files into a tenant.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import GDV VU-Vermittler files (customers, contracts, objects,
    /// claims, finance items); a second import of the same file changes
    /// nothing. Exits non-zero when a file had errors.
    Gdv(ImportGdvArgs),
}

#[derive(Debug, Args)]
pub struct ImportGdvArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Key of the tenant the data belongs to (`kundenportal tenant list`).
    #[arg(long)]
    pub tenant: String,
    /// Print each report as JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// The GDV files, imported one after the other.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token and print it (shown only once).
    Create(TokenCreateArgs),
}

#[derive(Debug, Args)]
pub struct TokenCreateArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Key of the tenant the token works for (`kundenportal tenant list`).
    #[arg(long)]
    pub tenant: String,
    /// What the token is for, e.g. the back-office system's name.
    #[arg(long)]
    pub name: String,
    /// Scopes: read:<resource>, write:<resource>, events, imports.
    #[arg(long, num_args = 1.., required = true)]
    pub scopes: Vec<String>,
    /// Lifetime in days.
    #[arg(long, default_value_t = 365)]
    pub days: i64,
}

#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Create a tenant with a short key that scripts name it by.
    Create(TenantCreateArgs),
    /// List the tenants: key, id and name.
    List(DataArgs),
}

#[derive(Debug, Args)]
pub struct TenantCreateArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Short key: 2 to 32 lower-case letters, digits or hyphens.
    #[arg(long)]
    pub key: String,
    /// The tenant's name as the portal shows it.
    #[arg(long)]
    pub name: String,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a staff administrator. The password is read from stdin when
    /// it is piped in, otherwise generated and printed once.
    CreateAdmin(CreateAdminArgs),
}

/// Where the data lives; shared by every subcommand that touches data.
#[derive(Debug, Args, Clone, Default)]
pub struct DataArgs {
    /// Directory for the SQLite database and the documents.
    #[arg(long, env = "KUNDENPORTAL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database URL: sqlite:PATH or postgres://… (default: SQLite file in the data directory).
    #[arg(long, env = "KUNDENPORTAL_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
    /// TOML settings file (see docs/configuration.md).
    #[arg(long, env = "KUNDENPORTAL_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Address and port to listen on.
    #[arg(long, env = "KUNDENPORTAL_LISTEN", value_name = "ADDR")]
    pub listen: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum DemoSize {
    /// The people of the user journeys: about 40 customers, 150 contracts.
    #[default]
    Small,
    /// Benchmark scale: 100,000 contracts and more.
    Large,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub serve: ServeArgs,
    /// Size of the demo data set.
    #[arg(long, value_enum, default_value_t = DemoSize::Small)]
    pub size: DemoSize,
    /// Seed for the large data set.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct CreateAdminArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// E-mail address of the new administrator (the login).
    #[arg(long)]
    pub email: String,
    /// Display name.
    #[arg(long, default_value = "Administrator")]
    pub name: String,
}
