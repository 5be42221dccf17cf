//! Delivery of queued mails: claim what is due, send each over SMTP and
//! record the outcome. Transient failures are retried with growing pauses;
//! permanent ones (5xx reply, malformed address) end the mail at once, as
//! do too many transient ones. Run by the worker in `serve`; never from a
//! request.

use chrono::{DateTime, Duration, Utc};
use kp_mail::{MailError, Mailer, OutgoingMail};
use kp_storage::outbox::{self, OutboxMail};

use crate::{App, AppError};

/// Attempts after which a mail that keeps failing transiently is dead.
pub const MAX_ATTEMPTS: i32 = 8;

/// Sent mails are kept this long, for support questions ("did the
/// notification go out?"), then deleted by [`prune`].
pub const KEEP_SENT_DAYS: i64 = 30;

/// Housekeeping: deletes sent mails older than [`KEEP_SENT_DAYS`].
pub async fn prune(app: &App) -> Result<u64, AppError> {
    let before = app.clock.now() - Duration::days(KEEP_SENT_DAYS);
    Ok(outbox::delete_sent_before(&app.db, before).await?)
}

/// Mails by delivery status, for the `outbox_mails` gauge.
pub async fn counts_by_status(app: &App) -> Result<outbox::OutboxCounts, AppError> {
    Ok(outbox::counts_by_status(&app.db).await?)
}

/// Pause after the n-th failed attempt, in minutes; the last value repeats.
/// With [`MAX_ATTEMPTS`] a mail is given up about 29 hours after the first
/// try, long enough for an admin to fix a broken relay overnight.
const BACKOFF_MINUTES: [i64; 6] = [1, 5, 15, 60, 240, 720];

/// What one call of [`deliver_due`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub claimed: usize,
    pub sent: usize,
    /// Failed transiently, scheduled for another attempt.
    pub retried: usize,
    pub dead: usize,
    /// Claimed but handed back untried (server unreachable or time up).
    pub released: usize,
}

impl DeliveryReport {
    pub fn is_empty(&self) -> bool {
        self.claimed == 0
    }
}

/// The pause before the next try after `attempts` finished attempts, or
/// `None` when the mail should be given up.
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

/// Claims up to `batch` due mails and sends them one after another.
///
/// When the server cannot be reached at all (a transient error without an
/// SMTP reply), the rest of the batch is released untried until the same
/// time as the failed mail: trying them now would only wait for more
/// timeouts, and they should not lose attempts to an outage they never saw.
pub async fn deliver_due(
    app: &App,
    mailer: &Mailer,
    batch: usize,
) -> Result<DeliveryReport, AppError> {
    let claimed_at = app.clock.now();
    let mails = outbox::claim_due(&app.db, claimed_at, batch).await?;
    let mut report = DeliveryReport {
        claimed: mails.len(),
        ..DeliveryReport::default()
    };
    // Stop well before the lease ends so no other worker takes a mail we
    // are still sending.
    let send_until = claimed_at + outbox::LEASE / 2;
    let mut queue = mails.into_iter();
    while let Some(mail) = queue.next() {
        let now = app.clock.now();
        if now >= send_until {
            let rest: Vec<i64> = std::iter::once(mail.id)
                .chain(queue.map(|m| m.id))
                .collect();
            report.released += release(app, &rest, now, now).await?;
            break;
        }
        match mailer.send(&outgoing(&mail)).await {
            Ok(()) => {
                outbox::mark_sent(&app.db, mail.id, app.clock.now()).await?;
                tracing::debug!(mail = mail.id, template = %mail.template, "mail sent");
                report.sent += 1;
            }
            Err(err) => match record_failure(app, &mail, &err).await? {
                Some(next) => {
                    report.retried += 1;
                    if err.smtp_code().is_none() {
                        let rest: Vec<i64> = queue.map(|m| m.id).collect();
                        report.released += release(app, &rest, app.clock.now(), next).await?;
                        break;
                    }
                }
                None => report.dead += 1,
            },
        }
    }
    if !report.is_empty() {
        tracing::info!(
            claimed = report.claimed,
            sent = report.sent,
            retried = report.retried,
            dead = report.dead,
            released = report.released,
            "outbox delivery"
        );
    }
    Ok(report)
}

/// Stores the failure and returns the next attempt time, `None` if dead.
async fn record_failure(
    app: &App,
    mail: &OutboxMail,
    err: &MailError,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let now = app.clock.now();
    let attempts = mail.attempts + 1;
    let next = if err.is_transient() {
        retry_delay(attempts).map(|delay| now + delay)
    } else {
        None
    };
    outbox::mark_failed(&app.db, mail.id, now, &err.to_string(), next).await?;
    // A server reply may quote recipient addresses, so its text goes to the
    // database and debug level only; connection errors carry none.
    let code = err.smtp_code();
    match (next, code) {
        (Some(next), None) => tracing::warn!(
            mail = mail.id, attempts, %next, error = %err,
            "mail server unreachable, will retry"
        ),
        (Some(next), Some(code)) => {
            tracing::warn!(mail = mail.id, attempts, %next, code, "mail deferred by server, will retry");
        }
        (None, _) => tracing::warn!(
            mail = mail.id,
            attempts,
            code,
            transient = err.is_transient(),
            "mail given up (status dead)"
        ),
    }
    tracing::debug!(mail = mail.id, error = %err, "mail delivery failed");
    Ok(next)
}

async fn release(
    app: &App,
    ids: &[i64],
    now: DateTime<Utc>,
    next: DateTime<Utc>,
) -> Result<usize, AppError> {
    let n = outbox::release(&app.db, ids, now, next).await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

fn outgoing(mail: &OutboxMail) -> OutgoingMail {
    OutgoingMail {
        to: mail.recipients.clone(),
        subject: mail.subject.clone(),
        html: mail.body_html.clone(),
        text: mail.body_text.clone(),
        // kp-mail generates one; the sender's domain, which a stable id
        // should carry, is not known here.
        message_id: None,
        reply_to: None,
        from: mail.sender.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_then_caps_then_gives_up() {
        let minutes: Vec<Option<i64>> = (1..=MAX_ATTEMPTS)
            .map(|a| retry_delay(a).map(|d| d.num_minutes()))
            .collect();
        assert_eq!(
            minutes,
            [
                Some(1),
                Some(5),
                Some(15),
                Some(60),
                Some(240),
                Some(720),
                Some(720),
                None
            ]
        );
    }
}
