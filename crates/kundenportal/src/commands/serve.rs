//! `kundenportal serve`: web server and background workers in one process.

use std::time::Duration;

use anyhow::{Context, Result};
use kp_app::App;

use crate::cli::ServeArgs;
use crate::runtime;
use crate::settings::{self, ServeSettings};

pub async fn run(args: &ServeArgs) -> Result<()> {
    let settings = settings::resolve_serve(args)?;
    runtime::init_logging(&settings.data);
    let app = runtime::app(&settings.data).await?;
    let listener = bind(&settings).await?;
    serve(app, &settings, listener).await
}

/// Binds before anything is printed, so that a port in use is reported
/// instead of a URL that does not work.
pub async fn bind(settings: &ServeSettings) -> Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(settings.listen)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {} (setting --listen / KUNDENPORTAL_LISTEN)",
                settings.listen
            )
        })
}

pub async fn serve(
    app: App,
    settings: &ServeSettings,
    listener: tokio::net::TcpListener,
) -> Result<()> {
    let file = &settings.data.file;
    let config = kp_web::WebConfig {
        secure_cookies: settings.public_url.starts_with("https://"),
        body_limit_bytes: file.http.body_limit_bytes,
        request_timeout_secs: file.http.request_timeout_secs,
        broker_name: file
            .broker_name
            .clone()
            .unwrap_or_else(|| "Kundenportal".to_owned()),
    };
    let templates = settings.data.data_dir.join("templates");
    let state = kp_web::state(
        app.clone(),
        config,
        Some(templates),
        kp_web::metrics_handle(),
    );
    let router = kp_web::router(state);
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(housekeeping(app.clone(), stop_rx));
    tracing::info!(address = %settings.listen, url = %settings.public_url, "serving");
    kp_web::serve(listener, router, shutdown_signal())
        .await
        .context("HTTP server failed")?;
    let _ = stop_tx.send(true);
    let _ = worker.await;
    app.db.close().await;
    Ok(())
}

/// Periodic clean-up of expired sessions and old login attempts.
async fn housekeeping(app: App, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tokio::select! {
            _ = tick.tick() => {
                if let Err(err) = kp_app::auth::prune(&app).await {
                    tracing::warn!(error = %err, "housekeeping failed");
                }
            }
            _ = stop.changed() => break,
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
