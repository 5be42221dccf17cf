//! Builds the pieces every command shares: logging, the database with its
//! migrations applied, the blob store and the application.

use std::sync::Arc;

use anyhow::Result;
use kp_app::{App, SystemClock};
use kp_documents::BlobStore;
use kp_storage::{Db, migrate};

use crate::settings::Settings;

pub fn init_logging(settings: &Settings) {
    let filter = std::env::var("RUST_LOG")
        .ok()
        .or_else(|| settings.file.log.clone())
        .unwrap_or_else(|| "info,sqlx=warn".to_owned());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .try_init();
}

/// Opens the database (refusing unknown schemes) without migrating.
pub async fn open_db(settings: &Settings) -> Result<Db> {
    if settings.database_url.starts_with("sqlite:") {
        crate::settings::prepare_data_dir(&settings.data_dir)?;
    }
    Ok(Db::connect(&settings.database_url).await?)
}

/// Opens and migrates the database and assembles the application.
pub async fn app(settings: &Settings) -> Result<App> {
    let db = migrated_db(settings).await?;
    assemble(db, settings)
}

/// Opens and migrates the database; for commands that load data before
/// the application runs (`demo`).
pub async fn migrated_db(settings: &Settings) -> Result<Db> {
    crate::settings::prepare_data_dir(&settings.data_dir)?;
    let db = open_db(settings).await?;
    let ran = migrate::run(&db).await?;
    for m in &ran {
        tracing::info!(version = m.version, name = m.name, "applied migration");
    }
    Ok(db)
}

/// The document store, sealing blobs with `[security] encryption_key`
/// when one is configured (the application does the same in
/// `App::with_encryption_key`; `demo` seeds through this store before the
/// application exists).
pub fn blobs(settings: &Settings) -> Result<BlobStore> {
    let store = BlobStore::local(settings.data_dir.join("documents"));
    Ok(match settings.file.security.encryption_key()? {
        Some(key) => store.with_key(key.blob_key()),
        None => store,
    })
}

/// The application over an opened database.
pub fn assemble(db: Db, settings: &Settings) -> Result<App> {
    let mut policy = settings
        .file
        .security
        .policy(settings.file.cache.home_counts_secs)?;
    policy.webhooks_allow_private_targets = settings.file.webhooks.allow_private_targets;
    let app = App::new(
        db,
        BlobStore::local(settings.data_dir.join("documents")),
        Arc::new(SystemClock),
        policy,
    );
    Ok(match settings.file.security.encryption_key()? {
        Some(key) => app.with_encryption_key(key),
        None => {
            tracing::warn!(
                "no [security] encryption_key configured: documents are stored unencrypted \
                 and nobody can set up two-factor authentication (see docs/configuration.md)"
            );
            app
        }
    })
}
