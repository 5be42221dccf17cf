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
    // Links in mails start with the address users reach the portal at.
    let mut app = app;
    app.policy.public_url = settings.public_url.trim_end_matches('/').to_owned();
    if let Some(name) = &file.broker_name {
        app.policy.broker_name = name.clone();
    }
    let config = kp_web::WebConfig {
        secure_cookies: settings.public_url.starts_with("https://"),
        body_limit_bytes: file.http.body_limit_bytes,
        video_upload_limit_bytes: file.http.video_upload_limit_bytes,
        request_timeout_secs: file.http.request_timeout_secs,
        broker_name: file
            .broker_name
            .clone()
            .unwrap_or_else(|| "Kundenportal".to_owned()),
        trusted_proxies: settings.trusted_proxies.clone(),
        metrics_allow: settings.metrics_allow.clone(),
        theme_dir: Some(settings.data.data_dir.join("theme")),
        api_body_limit_bytes: file.api.body_limit_bytes,
        api_bulk_batch_size: file.api.bulk_batch_size,
        api_document_limit_bytes: file.api.document_limit_bytes,
        api_import_limit_bytes: file.api.import_limit_bytes,
    };
    let templates = settings.data.data_dir.join("templates");
    let state = kp_web::state(
        app.clone(),
        config,
        Some(templates),
        kp_web::metrics_handle(),
    );
    let router = kp_web::router(state);
    let mailer = mailer(file.smtp.as_ref())?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(housekeeping(app.clone(), stop_rx.clone()));
    let webhook_client = kp_app::webhooks::client::WebhookClient::new(Duration::from_secs(
        file.webhooks.timeout_secs,
    ))
    .map_err(|err| anyhow::anyhow!("cannot set up the webhook client: {err}"))?;
    let webhooks = tokio::spawn(super::webhook_worker::run(
        app.clone(),
        webhook_client,
        stop_rx.clone(),
    ));
    let outbox = tokio::spawn(outbox_worker(app.clone(), mailer, stop_rx));
    tracing::info!(address = %settings.listen, url = %settings.public_url, "serving");
    kp_web::serve(listener, router, shutdown_signal())
        .await
        .context("HTTP server failed")?;
    let _ = stop_tx.send(true);
    let _ = worker.await;
    let _ = outbox.await;
    let _ = webhooks.await;
    app.close().await;
    Ok(())
}

/// Periodic clean-up of expired sessions, old login attempts and audit
/// entries past their retention.
async fn housekeeping(app: App, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tokio::select! {
            _ = tick.tick() => {
                if let Err(err) = kp_app::auth::prune(&app).await {
                    tracing::warn!(error = %err, "housekeeping failed");
                }
                if let Err(err) = kp_app::outbox::prune(&app).await {
                    tracing::warn!(error = %err, "outbox housekeeping failed");
                }
                if let Err(err) = kp_app::password_reset::prune(&app).await {
                    tracing::warn!(error = %err, "link housekeeping failed");
                }
                if let Err(err) = kp_app::api::idempotency::prune(&app).await {
                    tracing::warn!(error = %err, "idempotency housekeeping failed");
                }
                if let Err(err) = kp_app::webhooks::delivery::prune(&app).await {
                    tracing::warn!(error = %err, "webhook housekeeping failed");
                }
                if let Err(err) = kp_app::audit_log::purge(&app).await {
                    tracing::warn!(error = %err, "audit log retention failed");
                }
            }
            _ = stop.changed() => break,
        }
    }
}

/// The SMTP client, checked before serving so a bad `[smtp]` section stops
/// the start. Without one, mails stay queued until it is configured.
fn mailer(smtp: Option<&kp_mail::SmtpSettings>) -> Result<Option<kp_mail::Mailer>> {
    let Some(smtp) = smtp else {
        tracing::info!(
            "mail delivery is off (no [smtp] section in the config file); queued mails wait in the outbox"
        );
        return Ok(None);
    };
    let mailer = kp_mail::Mailer::new(smtp).map_err(|err| {
        let detail = match err {
            kp_mail::MailError::Settings(detail) => detail,
            other => other.to_string(),
        };
        anyhow::anyhow!(
            "invalid [smtp] section in the config file: {detail} (setting [smtp] in --config)"
        )
    })?;
    tracing::info!(host = %smtp.host, port = smtp.port, "mail delivery on");
    Ok(Some(mailer))
}

/// Delivers queued mails every few seconds and keeps the `outbox_mails`
/// gauge current. Stopping abandons a batch mid-way: its claimed mails
/// become due again when their lease runs out.
async fn outbox_worker(
    app: App,
    mailer: Option<kp_mail::Mailer>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    const BATCH: usize = 20;
    let mut deliver = tokio::time::interval(Duration::from_secs(5));
    deliver.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut gauges = tokio::time::interval(Duration::from_secs(60));
    loop {
        tokio::select! {
            _ = deliver.tick(), if mailer.is_some() => {
                let Some(mailer) = &mailer else { continue };
                let round = async {
                    // A full batch means more may be waiting: keep going.
                    loop {
                        match kp_app::outbox::deliver_due(&app, mailer, BATCH).await {
                            Ok(report) if report.claimed == BATCH => continue,
                            Ok(report) => return !report.is_empty(),
                            Err(err) => {
                                tracing::warn!(error = %err, "mail delivery failed");
                                return false;
                            }
                        }
                    }
                };
                let worked = tokio::select! {
                    worked = round => worked,
                    _ = stop.changed() => break,
                };
                if worked {
                    update_outbox_gauges(&app).await;
                }
            }
            _ = gauges.tick() => update_outbox_gauges(&app).await,
            _ = stop.changed() => break,
        }
    }
}

async fn update_outbox_gauges(app: &App) {
    match kp_app::outbox::counts_by_status(app).await {
        Ok(counts) => {
            for (status, n) in counts.iter() {
                metrics::gauge!("outbox_mails", "status" => status.as_str()).set(n as f64);
            }
        }
        Err(err) => tracing::warn!(error = %err, "cannot count outbox mails"),
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
