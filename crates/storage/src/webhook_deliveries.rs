//! Webhook deliveries: one row per (endpoint, event) to send, written in
//! the transaction that inserts the event (see [`crate::events::append`]
//! and its `fan_out`), claimed by the delivery worker with a
//! lease, and shown to administrators as the endpoint's delivery log.

use chrono::{DateTime, Duration, Utc};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

/// How long a claimed delivery belongs to the worker that claimed it;
/// after that another worker may take it (the first one died).
pub const LEASE: Duration = Duration::minutes(2);

/// A claimed delivery with what the request is made of.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DueDelivery {
    pub id: i64,
    pub attempts: i32,
    pub first_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub endpoint_id: i64,
    pub tenant_id: i64,
    pub url: String,
    pub secret_sealed: String,
    pub event_id: i64,
    pub event_type: String,
    pub resource_type: String,
    pub resource_link: String,
    pub payload: String,
    pub occurred_at: DateTime<Utc>,
}

/// Claims up to `limit` due deliveries of active endpoints (oldest due
/// first) for [`LEASE`].
pub async fn claim_due(db: &Db, now: DateTime<Utc>, limit: usize) -> Result<Vec<DueDelivery>> {
    const DUE: &str = "status IN ('pending', 'sending') AND next_attempt_at <= $1";
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let claim = Sql::new(format!(
        "UPDATE webhook_deliveries SET status = 'sending', next_attempt_at = $2, updated_at = $1 \
         WHERE {DUE} AND id IN (SELECT d.id FROM webhook_deliveries d \
         JOIN webhook_endpoints w ON w.id = d.endpoint_id \
         WHERE d.status IN ('pending', 'sending') AND d.next_attempt_at <= $1 \
         AND w.active = TRUE ORDER BY d.next_attempt_at, d.id LIMIT $3) RETURNING id"
    ))
    .arg(now)
    .arg(now + LEASE)
    .arg(limit);
    // Through a transaction: on SQLite only the write pool may update.
    let mut tx = db.begin().await?;
    let ids: Vec<(i64,)> = match tx.fetch_all(claim).await {
        Ok(ids) => ids,
        // Two workers' claims may lock rows in different orders on
        // PostgreSQL; the loser claims nothing this round.
        Err(err) if crate::outbox::is_deadlock(&err) => return Ok(Vec::new()),
        Err(err) => return Err(err),
    };
    tx.commit().await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(
        "SELECT d.id, d.attempts, d.first_attempt_at, d.created_at, w.id AS endpoint_id, \
         w.tenant_id, w.url, w.secret_sealed, e.id AS event_id, e.event_type, e.resource_type, \
         e.resource_link, e.payload, e.created_at AS occurred_at FROM webhook_deliveries d \
         JOIN webhook_endpoints w ON w.id = d.endpoint_id JOIN events e ON e.id = d.event_id \
         WHERE d.id IN ",
    );
    sql.bind_list(ids.into_iter().map(|(id,)| id));
    sql.push(" ORDER BY d.id");
    db.fetch_all(sql).await
}

/// The outcome of one attempt.
#[derive(Debug, Clone)]
pub struct Attempt<'a> {
    pub status_code: Option<i32>,
    /// Empty on success.
    pub error: &'a str,
    pub duration_ms: i64,
    pub at: DateTime<Utc>,
}

/// Records a successful attempt and the endpoint's last success. False
/// when the delivery was no longer claimed.
pub async fn mark_delivered(db: &Db, id: i64, attempt: &Attempt<'_>) -> Result<bool> {
    let mut tx = db.begin().await?;
    let n = tx
        .execute(
            Sql::new(
                "UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, \
                 last_status_code = $1, last_error = '', last_duration_ms = $2, \
                 first_attempt_at = COALESCE(first_attempt_at, $3), last_attempt_at = $3, \
                 updated_at = $3 WHERE id = $4 AND status = 'sending'",
            )
            .arg(attempt.status_code)
            .arg(attempt.duration_ms)
            .arg(attempt.at)
            .arg(id),
        )
        .await?;
    tx.execute(
        Sql::new(
            "UPDATE webhook_endpoints SET last_success_at = $1 WHERE id = \
             (SELECT endpoint_id FROM webhook_deliveries WHERE id = $2)",
        )
        .arg(attempt.at)
        .arg(id),
    )
    .await?;
    tx.commit().await?;
    Ok(n > 0)
}

/// Records a failed attempt in the caller's transaction: pending again at
/// `next`, or `failed` when `next` is `None`. False when the delivery was
/// no longer claimed.
pub async fn mark_failed(
    tx: &mut Tx,
    id: i64,
    attempt: &Attempt<'_>,
    next: Option<DateTime<Utc>>,
) -> Result<bool> {
    let n = tx
        .execute(
            Sql::new(
                "UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, \
                 last_status_code = $2, last_error = $3, last_duration_ms = $4, \
                 first_attempt_at = COALESCE(first_attempt_at, $5), last_attempt_at = $5, \
                 next_attempt_at = $6, updated_at = $5 WHERE id = $7 AND status = 'sending'",
            )
            .arg(if next.is_some() { "pending" } else { "failed" })
            .arg(attempt.status_code)
            .arg(attempt.error)
            .arg(attempt.duration_ms)
            .arg(attempt.at)
            .arg(next.unwrap_or(attempt.at))
            .arg(id),
        )
        .await?;
    Ok(n > 0)
}

/// Turns the endpoint off as failing unless it delivered anything since
/// `since` (the given-up delivery's first attempt). True when this call
/// turned it off (so the administrators are told once).
pub async fn disable_if_failing(
    tx: &mut Tx,
    endpoint: i64,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = tx
        .execute(
            Sql::new(
                "UPDATE webhook_endpoints SET active = FALSE, disabled_reason = 'failing', \
                 updated_at = $1 WHERE id = $2 AND active = TRUE \
                 AND (last_success_at IS NULL OR last_success_at < $3)",
            )
            .arg(now)
            .arg(endpoint)
            .arg(since),
        )
        .await?;
    Ok(n > 0)
}

/// A delivery as the endpoint's log shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LoggedDelivery {
    pub id: i64,
    pub event_id: i64,
    pub event_type: String,
    pub status: String,
    pub attempts: i32,
    pub last_status_code: Option<i32>,
    pub last_error: String,
    pub last_duration_ms: Option<i64>,
    pub next_attempt_at: DateTime<Utc>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The endpoint's latest `limit` deliveries, newest first.
pub async fn log(db: &Db, endpoint: i64, limit: i64) -> Result<Vec<LoggedDelivery>> {
    db.fetch_all(
        Sql::new(
            "SELECT d.id, d.event_id, e.event_type, d.status, d.attempts, d.last_status_code, \
             d.last_error, d.last_duration_ms, d.next_attempt_at, d.last_attempt_at, \
             d.created_at FROM webhook_deliveries d JOIN events e ON e.id = d.event_id \
             WHERE d.endpoint_id = $1 ORDER BY d.id DESC LIMIT $2",
        )
        .arg(endpoint)
        .arg(limit),
    )
    .await
}

/// Queues the event of delivery `delivery` of endpoint `endpoint` once
/// more, as a new delivery due at `now`; false when the endpoint has no
/// such delivery.
pub async fn redeliver(
    tx: &mut Tx,
    endpoint: i64,
    delivery: i64,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = tx
        .execute(
            Sql::new(
                "INSERT INTO webhook_deliveries (endpoint_id, event_id, status, attempts, \
                 next_attempt_at, created_at, updated_at) SELECT endpoint_id, event_id, \
                 'pending', 0, $3, $3, $3 FROM webhook_deliveries WHERE id = $1 \
                 AND endpoint_id = $2",
            )
            .arg(delivery)
            .arg(endpoint)
            .arg(now),
        )
        .await?;
    Ok(n > 0)
}

/// Deliveries by status, for the `webhook_deliveries` gauge.
pub async fn counts_by_status(db: &Db) -> Result<Vec<(String, i64)>> {
    db.fetch_all(Sql::new(
        "SELECT status, COUNT(*) FROM webhook_deliveries GROUP BY status ORDER BY status",
    ))
    .await
}

/// Housekeeping: deletes delivered and failed deliveries older than
/// `before` (the log shows the latest 100 anyway).
pub async fn delete_finished_before(db: &Db, before: DateTime<Utc>) -> Result<u64> {
    let mut tx = db.begin().await?;
    let n = tx
        .execute(
            Sql::new(
                "DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'failed') \
                 AND updated_at < $1",
            )
            .arg(before),
        )
        .await?;
    tx.commit().await?;
    Ok(n)
}
