//! The webhook worker of `serve`: delivers due webhook deliveries every
//! few seconds (`kp_app::webhooks::delivery`) and keeps the
//! `webhook_deliveries` gauge current.

use std::time::Duration;

use kp_app::App;
use kp_app::webhooks::client::WebhookClient;
use kp_app::webhooks::delivery;

/// Deliveries claimed per round; a full round means more may be waiting.
const BATCH: usize = 50;

/// Runs until `stop` changes. Stopping abandons a round mid-way: its
/// claimed deliveries become due again when their lease runs out.
pub async fn run(app: App, client: WebhookClient, mut stop: tokio::sync::watch::Receiver<bool>) {
    let mut deliver = tokio::time::interval(Duration::from_secs(5));
    deliver.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut gauges = tokio::time::interval(Duration::from_secs(60));
    loop {
        tokio::select! {
            _ = deliver.tick() => {
                let round = async {
                    loop {
                        match delivery::deliver_due(&app, &client, BATCH).await {
                            Ok(report) if report.claimed == BATCH => continue,
                            Ok(_) => return,
                            Err(err) => {
                                tracing::warn!(error = %err, "webhook delivery failed");
                                return;
                            }
                        }
                    }
                };
                tokio::select! {
                    () = round => {}
                    _ = stop.changed() => break,
                }
            }
            _ = gauges.tick() => update_gauges(&app).await,
            _ = stop.changed() => break,
        }
    }
}

async fn update_gauges(app: &App) {
    match delivery::counts_by_status(app).await {
        Ok(counts) => {
            for status in ["pending", "sending", "delivered", "failed"] {
                let n = counts
                    .iter()
                    .find(|(s, _)| s == status)
                    .map_or(0, |(_, n)| *n);
                metrics::gauge!("webhook_deliveries", "status" => status).set(n as f64);
            }
        }
        Err(err) => tracing::warn!(error = %err, "cannot count webhook deliveries"),
    }
}
