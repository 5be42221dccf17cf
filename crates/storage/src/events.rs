//! The event feed the back office reads (`GET /api/v1/events`): every
//! change it must learn about is appended in the transaction of the change.
//!
//! Ordering: an identity column alone is not enough on PostgreSQL, where a
//! transaction that took id 5 may commit after one that took id 6; a reader
//! that had already moved past 6 would never see 5. Each event therefore
//! records its transaction id (`pg_current_xact_id()`), the feed is ordered
//! by (transaction id, id), and a read hands out only events of
//! transactions older than the oldest one still running
//! (`pg_snapshot_xmin`): every transaction below that horizon has ended, so
//! nothing can later appear before the cursor. On SQLite writers are
//! serialised (one writer connection), ids commit in order and `xact` is 0.

use chrono::{DateTime, Utc};
use kp_domain::TenantId;

use crate::args::Sql;
use crate::db::{Backend, Db, Tx};
use crate::{Result, StorageError};

/// Where an event's feed position is: (transaction id, event id).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub xact: i64,
    pub id: i64,
}

/// One event as the feed hands it out.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub xact: i64,
    pub event_type: String,
    pub resource_type: String,
    pub resource_link: String,
    pub payload: String,
    pub created_at: DateTime<Utc>,
}

impl EventRow {
    pub fn position(&self) -> Position {
        Position {
            xact: self.xact,
            id: self.id,
        }
    }
}

/// The resource an event is about: its kind (`contract`) and the link to
/// it (`/api/v1/contracts/V-1`).
#[derive(Debug, Clone, Copy)]
pub struct ResourceLink<'a> {
    pub kind: &'a str,
    pub link: &'a str,
}

/// Appends an event in the caller's transaction, so it exists exactly
/// when the change does, together with its webhook deliveries (one per
/// active endpoint of the tenant taking its type; see [`fan_out`]). Use
/// cases of the portal (claims, uploads, consent) call this too.
pub async fn append(
    tx: &mut Tx,
    tenant: TenantId,
    event_type: &str,
    resource: ResourceLink<'_>,
    payload: &serde_json::Value,
    at: DateTime<Utc>,
) -> Result<i64> {
    let xact = xact_expr(tx.backend());
    let payload = serde_json::to_string(payload)
        .map_err(|e| StorageError::Corrupt(format!("event payload: {e}")))?;
    let id = tx
        .insert_returning_id(
            Sql::new(format!(
                "INSERT INTO events (tenant_id, event_type, resource_type, resource_link, payload, \
             xact, created_at) VALUES ($1, $2, $3, $4, $5, {xact}, $6)"
            ))
            .arg(tenant)
            .arg(event_type)
            .arg(resource.kind)
            .arg(resource.link)
            .arg(payload)
            .arg(at),
        )
        .await?;
    fan_out(tx, id - 1).await?;
    Ok(id)
}

/// The webhook deliveries of the events of this transaction after event
/// `after`: one pending delivery per active endpoint of the event's tenant
/// taking its type, due at once, in the transaction of the events, so an
/// event that commits is never without them (docs/api.md, "Webhooks").
/// On PostgreSQL the trigger `events_webhook_fan_out` (migration 0018)
/// makes them in the events' own statement, since concurrent writers
/// interleave ids there. On SQLite (migration 0030) this statement does,
/// once per batch of events instead of a trigger's sub-program per row:
/// its one writer connection makes every event after `after` one of this
/// transaction's.
///
/// The endpoints are the outer loop (SQLite keeps a `CROSS JOIN`'s
/// order): a tenant has a few of them or none, and with none the
/// statement reads no event at all. Per endpoint it reads the new events
/// by id (the unary `+` keeps SQLite from reading all of the tenant's
/// events through the feed's index instead).
async fn fan_out(tx: &mut Tx, after: i64) -> Result<()> {
    if tx.backend() == Backend::Postgres {
        return Ok(());
    }
    tx.execute(
        Sql::new(
            "INSERT INTO webhook_deliveries (endpoint_id, event_id, status, attempts, \
             next_attempt_at, created_at, updated_at) \
             SELECT w.id, e.id, 'pending', 0, e.created_at, e.created_at, e.created_at \
             FROM webhook_endpoints w CROSS JOIN events e \
             WHERE e.id > $1 AND +e.tenant_id = w.tenant_id AND w.active = TRUE \
             AND (w.all_events = TRUE OR EXISTS (SELECT 1 FROM webhook_endpoint_events t \
                  WHERE t.endpoint_id = w.id AND t.event_type = e.event_type)) \
             ORDER BY e.id, w.id",
        )
        .arg(after),
    )
    .await?;
    Ok(())
}

/// An event of a bulk batch, for [`build_many`].
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub event_type: String,
    pub resource: ResourceLink<'a>,
    pub payload: serde_json::Value,
}

/// The multi-row inserts of a bulk batch's events (its new records), built
/// ahead of its transaction; run them with [`append_built`]. They are the
/// same rows as [`append`] one at a time, in the given order: ids are drawn
/// row by row in `VALUES` order and all rows share the transaction's
/// `xact`, so the feed order is the order given; their webhook deliveries
/// are made as for single events ([`fan_out`]).
pub fn build_many(
    backend: Backend,
    tenant: TenantId,
    new: &[NewEvent<'_>],
    at: DateTime<Utc>,
) -> Result<Vec<Sql>> {
    const PER_ROW: usize = 6;
    let xact = xact_expr(backend);
    let per_chunk = crate::write::bulk::max_params(backend) / PER_ROW;
    let mut statements = Vec::with_capacity(new.len().div_ceil(per_chunk.max(1)));
    for chunk in new.chunks(per_chunk.max(1)) {
        let mut sql = Sql::for_bulk(
            backend,
            "INSERT INTO events (tenant_id, event_type, resource_type, resource_link, payload, \
             xact, created_at) VALUES ",
        );
        for (i, e) in chunk.iter().enumerate() {
            let payload = serde_json::to_string(&e.payload)
                .map_err(|err| StorageError::Corrupt(format!("event payload: {err}")))?;
            sql.push(if i == 0 { "(" } else { ", (" });
            sql.bind(tenant).push(", ").bind(e.event_type.as_str());
            sql.push(", ").bind(e.resource.kind).push(", ");
            sql.bind(e.resource.link).push(", ").bind(payload);
            sql.push(", ").push(xact).push(", ").bind(at).push(")");
        }
        statements.push(sql);
    }
    Ok(statements)
}

/// Runs the inserts of [`build_many`] in the caller's transaction.
pub async fn append_built(tx: &mut Tx, statements: Vec<Sql>) -> Result<()> {
    if statements.is_empty() {
        return Ok(());
    }
    let last: Option<(i64,)> = match tx.backend() {
        Backend::Sqlite => Some(
            tx.fetch_one(Sql::new("SELECT COALESCE(MAX(id), 0) FROM events"))
                .await?,
        ),
        Backend::Postgres => None,
    };
    for sql in statements {
        tx.execute(sql).await?;
    }
    if let Some((last,)) = last {
        fan_out(tx, last).await?;
    }
    Ok(())
}

fn xact_expr(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => "CAST(CAST(pg_current_xact_id() AS TEXT) AS BIGINT)",
        Backend::Sqlite => "0",
    }
}

/// Up to `limit` events of the tenant after `after`, in feed order, all of
/// whose transactions have ended (see the module documentation).
pub async fn after(
    db: &Db,
    tenant: TenantId,
    after: Position,
    limit: i64,
) -> Result<Vec<EventRow>> {
    let horizon = match db.backend() {
        Backend::Postgres => {
            " AND xact < CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS TEXT) AS BIGINT)"
        }
        Backend::Sqlite => "",
    };
    db.fetch_all(
        Sql::new(format!(
            "SELECT id, xact, event_type, resource_type, resource_link, payload, \
             created_at FROM events WHERE tenant_id = $1 \
             AND (xact > $2 OR (xact = $2 AND id > $3)){horizon} ORDER BY xact, id LIMIT $4"
        ))
        .arg(tenant)
        .arg(after.xact)
        .arg(after.id)
        .arg(limit),
    )
    .await
}
