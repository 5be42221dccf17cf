//! Demo data of Kundenportal.
//!
//! [`seed`] loads the small, realistic set — a German broker with two
//! tenants, about 40 customers and 150 contracts, and the people of the
//! user journeys (`JOURNEYS.md`) with fixed logins ([`logins`]). It is the
//! same on every run: dates are anchored at 2026-10-01 and every choice
//! comes from a PRNG with a fixed seed. [`seed_large`] adds a bulk set of
//! 100,000 contracts for load tests, deterministic from its seed.
//!
//! All writes go through `kp_storage::write`; this crate holds no SQL.

mod accounts;
mod bank;
mod calendar;
mod data;
mod error;
mod images;
mod large;
mod lobs;
mod pdfs;
mod rng;
mod small;

use kp_documents::BlobStore;
use kp_storage::Db;

pub use error::DemoError;
pub use large::{
    LargeOptions, LargeSizes, LargeSummary, NoProgress, Progress, seed_large, seed_large_with,
};

/// A login of the demo set, for printing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub role: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub language: &'static str,
}

/// The fixed demo logins: staff first, then portal users.
pub fn logins() -> Vec<DemoLogin> {
    accounts::ACCOUNTS
        .iter()
        .map(|a| DemoLogin {
            role: a.role,
            email: a.email,
            password: a.password,
            language: a.language,
        })
        .collect()
}

/// The demo login who must accept the terms of use and privacy notice
/// before anything else (not among [`logins`]).
pub fn consent_login() -> DemoLogin {
    let a = accounts::CONSENT_ACCOUNT;
    DemoLogin {
        role: a.role,
        email: a.email,
        password: a.password,
        language: a.language,
    }
}

/// The one login of the demo household (not among [`logins`]).
pub fn household_login() -> DemoLogin {
    let a = accounts::HOUSEHOLD_ACCOUNT;
    DemoLogin {
        role: a.role,
        email: a.email,
        password: a.password,
        language: a.language,
    }
}

/// The demo login with TOTP already enrolled: its secret in base32, for
/// an authenticator app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoTotpLogin {
    pub login: DemoLogin,
    pub secret: &'static str,
}

pub fn totp_login() -> DemoTotpLogin {
    let a = accounts::TOTP_ACCOUNT;
    DemoTotpLogin {
        login: DemoLogin {
            role: a.role,
            email: a.email,
            password: a.password,
            language: a.language,
        },
        secret: accounts::TOTP_SECRET,
    }
}

/// Enrols the fixed TOTP secret of [`totp_login`] after [`seed`] or
/// [`seed_large`]; needs the application because the secret is sealed
/// with its encryption key.
pub async fn enrol_two_factor(db: &Db, app: &kp_app::App) -> Result<(), DemoError> {
    let email = accounts::TOTP_ACCOUNT.email;
    let Some(creds) = kp_storage::users::credentials_by_email(db, email).await? else {
        return Err(DemoError::Incomplete(email));
    };
    kp_app::two_factor::manage::enrol_fixed(app, creds.user, accounts::TOTP_SECRET)
        .await
        .map_err(|e| DemoError::TwoFactor(e.to_string()))
}

/// True when the database holds no tenant, i.e. nothing to overwrite.
pub async fn is_empty(db: &Db) -> Result<bool, DemoError> {
    Ok(kp_storage::users::all_tenant_ids(db).await?.is_empty())
}

/// Loads the small set in one transaction; refuses a non-empty database.
pub async fn seed(db: &Db, blobs: &BlobStore) -> Result<(), DemoError> {
    if !is_empty(db).await? {
        return Err(DemoError::NotEmpty);
    }
    let hashes = hash_passwords().await?;
    let (tx, _) = small::seed_small(db.begin().await?, blobs, hashes).await?;
    tx.commit().await?;
    Ok(())
}

/// Hashes every demo password once, in parallel on the blocking pool
/// (argon2 is deliberately slow).
pub(crate) async fn hash_passwords() -> Result<small::Hashes, DemoError> {
    let tasks: Vec<_> = accounts::ACCOUNTS
        .iter()
        .chain([
            &accounts::CONSENT_ACCOUNT,
            &accounts::TOTP_ACCOUNT,
            &accounts::HOUSEHOLD_ACCOUNT,
        ])
        .map(|a| {
            (
                a.email,
                tokio::spawn(kp_app::passwords::hash_blocking(a.password.to_owned())),
            )
        })
        .collect();
    let mut out = Vec::new();
    for (email, task) in tasks {
        let hash = task
            .await
            .map_err(|e| DemoError::Password(e.to_string()))?
            .map_err(|e| DemoError::Password(e.to_string()))?;
        out.push((email, hash));
    }
    Ok(small::Hashes(out))
}
