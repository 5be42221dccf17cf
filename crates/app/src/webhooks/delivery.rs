//! The webhook worker's step: claim due deliveries, POST each signed event
//! to its endpoint, record the outcome. A 2xx answer delivers; anything
//! else is retried with growing pauses, and a delivery that still fails
//! after [`MAX_ATTEMPTS`] (about three days) is given up. When the
//! endpoint delivered nothing in all that time it is disabled and the
//! tenant's administrators get the `webhook_disabled` mail.

use chrono::{DateTime, Duration, Utc};
use kp_domain::{Language, TenantId};
use kp_storage::webhook_deliveries::{self as store, Attempt, DueDelivery};
use kp_storage::webhooks as endpoints;
use serde_json::json;
use tokio::task::JoinSet;

use super::client::{Outcome, WebhookClient};
use super::signing;
use crate::mail_templates::{self, MailKind, MailVars};
use crate::{App, AppError};

/// Pauses after the n-th failed attempt, in minutes: 1 min, 5 min, 30 min,
/// 2 h, 6 h, 12 h, then 24 h. With [`MAX_ATTEMPTS`] a delivery is given up
/// about 69 hours (nearly three days) after its first try.
const BACKOFF_MINUTES: [i64; 7] = [1, 5, 30, 120, 360, 720, 1440];

/// Attempts after which a delivery is `failed`.
pub const MAX_ATTEMPTS: i32 = 9;

/// Requests in flight at once, so one slow receiver does not hold up the
/// others for its whole timeout.
const PARALLEL: usize = 8;

/// Finished deliveries are kept this long (the page shows the latest 100).
pub const KEEP_DAYS: i64 = 30;

/// The pause before the next try after `attempts` failed attempts, or
/// `None` when the delivery is given up.
pub fn retry_delay(attempts: i32) -> Option<Duration> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let index = usize::try_from(attempts.max(1) - 1).unwrap_or(0);
    let minutes = BACKOFF_MINUTES
        .get(index)
        .or(BACKOFF_MINUTES.last())
        .copied()
        .unwrap_or(1);
    Some(Duration::minutes(minutes))
}

/// What one call of [`deliver_due`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub claimed: usize,
    pub delivered: usize,
    pub retried: usize,
    pub failed: usize,
    /// Endpoints this round turned off after persistent failure.
    pub disabled: usize,
}

/// The JSON body of a webhook request.
pub fn body(d: &DueDelivery) -> Vec<u8> {
    let data: serde_json::Value =
        serde_json::from_str(&d.payload).unwrap_or(serde_json::Value::Null);
    let doc = json!({
        "id": d.event_id,
        "type": d.event_type,
        "occurred_at": d.occurred_at,
        "resource": { "kind": d.resource_type, "link": d.resource_link },
        "data": data,
    });
    serde_json::to_vec(&doc).unwrap_or_default()
}

/// Claims up to `batch` due deliveries and sends them, [`PARALLEL`] at a
/// time.
pub async fn deliver_due(
    app: &App,
    client: &WebhookClient,
    batch: usize,
) -> Result<DeliveryReport, AppError> {
    let due = store::claim_due(&app.db, app.clock.now(), batch).await?;
    let mut report = DeliveryReport {
        claimed: due.len(),
        ..DeliveryReport::default()
    };
    let mut queue = due.into_iter();
    let mut running = JoinSet::new();
    loop {
        while running.len() < PARALLEL {
            let Some(delivery) = queue.next() else { break };
            let (app, client) = (app.clone(), client.clone());
            running.spawn(async move {
                let outcome = send(&app, &client, &delivery).await;
                record(&app, &delivery, outcome).await
            });
        }
        let Some(done) = running.join_next().await else {
            break;
        };
        match done {
            Ok(Ok(step)) => step.add_to(&mut report),
            Ok(Err(err)) => tracing::warn!(error = %err, "webhook delivery not recorded"),
            Err(err) => tracing::warn!(error = %err, "webhook delivery task failed"),
        }
    }
    if report.claimed > 0 {
        tracing::info!(
            claimed = report.claimed,
            delivered = report.delivered,
            retried = report.retried,
            failed = report.failed,
            disabled = report.disabled,
            "webhook delivery"
        );
    }
    Ok(report)
}

async fn send(app: &App, client: &WebhookClient, d: &DueDelivery) -> Outcome {
    let secret = match app
        .encryption_key()
        .and_then(|key| key.open(&super::admin::purpose(d.endpoint_id), &d.secret_sealed))
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| AppError::Internal("secret not UTF-8".into()))
        }) {
        Ok(secret) => secret,
        Err(err) => {
            // Without the key nothing can be signed: a failure like any
            // other, retried, so the event is not lost while the key is
            // being fixed.
            return Outcome {
                status: None,
                error: format!("cannot sign: {err}"),
                duration: std::time::Duration::ZERO,
            };
        }
    };
    let body = body(d);
    let timestamp = app.clock.now().timestamp();
    let headers = [
        ("Kundenportal-Webhook-Id", d.event_id.to_string()),
        ("Kundenportal-Webhook-Timestamp", timestamp.to_string()),
        (
            "Kundenportal-Webhook-Signature",
            signing::sign(&secret, timestamp, &body),
        ),
    ];
    client
        .post(
            &d.url,
            app.policy.webhooks_allow_private_targets,
            &headers,
            body,
        )
        .await
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Delivered,
    Retried,
    Failed {
        disabled: bool,
    },
    /// The lease had run out and another worker owns the delivery now.
    Lost,
}

impl Step {
    fn add_to(self, report: &mut DeliveryReport) {
        match self {
            Step::Delivered => report.delivered += 1,
            Step::Retried => report.retried += 1,
            Step::Failed { disabled } => {
                report.failed += 1;
                report.disabled += usize::from(disabled);
            }
            Step::Lost => {}
        }
    }
}

async fn record(app: &App, d: &DueDelivery, outcome: Outcome) -> Result<Step, AppError> {
    let now = app.clock.now();
    let attempt = Attempt {
        status_code: outcome.status.map(i32::from),
        error: &outcome.error,
        duration_ms: i64::try_from(outcome.duration.as_millis()).unwrap_or(i64::MAX),
        at: now,
    };
    if outcome.delivered() {
        let kept = store::mark_delivered(&app.db, d.id, &attempt).await?;
        return Ok(if kept { Step::Delivered } else { Step::Lost });
    }
    let attempts = d.attempts + 1;
    let next = retry_delay(attempts).map(|pause| now + pause);
    let mut tx = app.db.begin().await?;
    if !store::mark_failed(&mut tx, d.id, &attempt, next).await? {
        return Ok(Step::Lost);
    }
    let step = match next {
        Some(next) => {
            tracing::warn!(delivery = d.id, endpoint = d.endpoint_id, attempts, %next,
                error = %outcome.error, "webhook not delivered, will retry");
            Step::Retried
        }
        None => {
            let since = d.first_attempt_at.unwrap_or(d.created_at);
            let disabled = store::disable_if_failing(&mut tx, d.endpoint_id, since, now).await?;
            tracing::warn!(delivery = d.id, endpoint = d.endpoint_id, attempts, disabled,
                error = %outcome.error, "webhook delivery given up");
            if disabled {
                tell_admins(app, &mut tx, TenantId(d.tenant_id), d.endpoint_id).await?;
            }
            Step::Failed { disabled }
        }
    };
    tx.commit().await?;
    Ok(step)
}

/// Queues the `webhook_disabled` mail to the tenant's administrators in
/// the transaction that disabled the endpoint: their name and the link to
/// the endpoint's page, nothing else.
async fn tell_admins(
    app: &App,
    tx: &mut kp_storage::Tx,
    tenant: TenantId,
    endpoint: i64,
) -> Result<(), AppError> {
    let link = app.link(&format!("/settings/webhooks/{endpoint}"));
    for admin in endpoints::tenant_admins(tx, tenant).await? {
        let vars = MailVars {
            name: admin.name.clone(),
            link: Some(link.clone()),
            ..MailVars::default()
        };
        let language = Language::parse(&admin.language).unwrap_or_default();
        mail_templates::queue(
            app,
            tx,
            Some(tenant),
            MailKind::WebhookDisabled,
            language,
            &admin.email,
            &vars,
        )
        .await?;
    }
    Ok(())
}

/// Housekeeping: deletes finished deliveries older than [`KEEP_DAYS`].
pub async fn prune(app: &App) -> Result<u64, AppError> {
    let before: DateTime<Utc> = app.clock.now() - Duration::days(KEEP_DAYS);
    Ok(store::delete_finished_before(&app.db, before).await?)
}

/// Deliveries by status, for the `webhook_deliveries` gauge.
pub async fn counts_by_status(app: &App) -> Result<Vec<(String, i64)>, AppError> {
    Ok(store::counts_by_status(&app.db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_to_a_day_and_gives_up_after_about_three_days() {
        let minutes: Vec<Option<i64>> = (1..=MAX_ATTEMPTS)
            .map(|a| retry_delay(a).map(|d| d.num_minutes()))
            .collect();
        assert_eq!(
            minutes,
            [
                Some(1),
                Some(5),
                Some(30),
                Some(120),
                Some(360),
                Some(720),
                Some(1440),
                Some(1440),
                None
            ]
        );
        let total: i64 = minutes.iter().flatten().sum();
        assert!((60 * 60..=72 * 60).contains(&total), "{total}");
    }
}
