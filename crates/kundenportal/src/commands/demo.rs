//! `kundenportal demo`: a ready-to-try portal with the demo data set.

use std::io::Write;
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{DemoArgs, DemoSize};
use crate::commands::serve;
use crate::{runtime, settings};

pub async fn run(args: &DemoArgs) -> Result<()> {
    let mut settings = settings::resolve_serve(&args.serve)?;
    runtime::init_logging(&settings.data);
    demo_security(&mut settings.data)?;
    let db = runtime::migrated_db(&settings.data).await?;
    let blobs = runtime::blobs(&settings.data)?;
    let listener = serve::bind(&settings).await?;
    let fresh = kp_demo::is_empty(&db)
        .await
        .context("cannot inspect the database")?;
    if fresh {
        let started = Instant::now();
        match args.size {
            DemoSize::Small => kp_demo::seed(&db, &blobs)
                .await
                .context("loading the demo data failed")?,
            DemoSize::Large => {
                let progress = Bar::new();
                let summary = kp_demo::seed_large(
                    &db,
                    &blobs,
                    &kp_demo::LargeOptions { seed: args.seed },
                    &progress,
                )
                .await
                .context("loading the large demo data failed")?;
                progress.finish();
                tracing::info!(?summary, "large demo data loaded");
            }
        }
        tracing::info!(
            seconds = started.elapsed().as_secs_f64(),
            "demo data loaded"
        );
    } else {
        tracing::info!("database already holds data; demo data not loaded again");
    }
    let app = runtime::assemble(db.clone(), &settings.data)?;
    if fresh {
        kp_demo::enrol_two_factor(&db, &app)
            .await
            .context("enrolling the demo's two-factor user failed")?;
    }
    print_logins(&settings.public_url)?;
    serve::serve(app, &settings, listener).await
}

fn print_logins(url: &str) -> Result<()> {
    let logins = kp_demo::logins();
    let role_width = logins
        .iter()
        .map(|l| l.role.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let email_width = logins
        .iter()
        .map(|l| l.email.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let mut out = std::io::stdout().lock();
    writeln!(out)?;
    writeln!(out, "Kundenportal demo is running at {url}")?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<role_width$}  {:<email_width$}  password",
        "role", "e-mail"
    )?;
    for l in &logins {
        writeln!(
            out,
            "{:<role_width$}  {:<email_width$}  {}",
            l.role, l.email, l.password
        )?;
    }
    writeln!(out)?;
    // After the table (the browser suite reads the table up to the blank
    // line): this login stops at the consent page, not at the home page.
    let consent = kp_demo::consent_login();
    writeln!(
        out,
        "Must accept the terms first ({}): {}  password {}",
        consent.role, consent.email, consent.password
    )?;
    let household = kp_demo::household_login();
    writeln!(
        out,
        "Household login ({}): {}  password {}",
        household.role, household.email, household.password
    )?;
    writeln!(out)?;
    print_totp_login(&mut out)?;
    out.flush()?;
    Ok(())
}

/// A second table after the first one's blank line, so that tools reading
/// the first (the browser suite's every-login journey) see only logins
/// that need no second factor.
fn print_totp_login(out: &mut impl Write) -> Result<()> {
    let totp = kp_demo::totp_login();
    let l = &totp.login;
    writeln!(
        out,
        "Two-factor sign-in: add this key to an authenticator app (time-based, \
         6 digits, 30 s), sign in with the password, then enter the app's code."
    )?;
    writeln!(out, "two-factor role  {}", l.role)?;
    writeln!(out, "two-factor login  {}  {}", l.email, l.password)?;
    writeln!(out, "two-factor key  {}", totp.secret)?;
    writeln!(out)?;
    Ok(())
}

/// Progress of the large data set on stderr.
struct Bar {
    bar: ProgressBar,
}

impl Bar {
    fn new() -> Bar {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{msg:<24} [{bar:40}] {pos}/{len} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Bar { bar }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl kp_demo::Progress for Bar {
    fn stage(&self, name: &str, total: u64) {
        self.bar.set_message(name.to_owned());
        self.bar.set_length(total);
        self.bar.set_position(0);
    }

    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }
}

/// The demo needs no configuration for two-factor sign-in: without a
/// configured key it keeps one in `<data-dir>/encryption.key` (made once,
/// so enrolments survive a restart), and administrators are not forced to
/// enrol unless the configuration says so (the demo logins stay usable).
fn demo_security(settings: &mut settings::Settings) -> Result<()> {
    let security = &mut settings.file.security;
    security.admins_need_two_factor.get_or_insert(false);
    if security.encryption_key.is_some() {
        return Ok(());
    }
    let path = settings.data_dir.join("encryption.key");
    let key = match std::fs::read_to_string(&path) {
        Ok(text) => text.trim().to_owned(),
        Err(_) => {
            let key = kp_app::secret_box::EncryptionKey::random().to_hex();
            std::fs::create_dir_all(&settings.data_dir)
                .with_context(|| format!("cannot create {}", settings.data_dir.display()))?;
            std::fs::write(&path, &key)
                .with_context(|| format!("cannot write {}", path.display()))?;
            key
        }
    };
    tracing::info!(path = %path.display(), "demo: encryption key for two-factor secrets");
    security.encryption_key = Some(key);
    Ok(())
}
