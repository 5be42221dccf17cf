//! `GET /api/v1/events?after=CURSOR&limit=N`: the tenant's events in
//! commit order, without gaps or duplicates (see `kp_storage::events`).

use chrono::{DateTime, Utc};
use kp_storage::events::{self, Position};
use serde::Serialize;

use super::{ApiError, Caller, DEFAULT_LIMIT, MAX_LIMIT, decode_cursor, encode_cursor};
use crate::App;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EventDoc {
    pub id: i64,
    #[serde(rename = "type")]
    pub event_type: String,
    pub resource_type: String,
    pub resource_link: String,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// A batch of events and the cursor to poll from next (the same cursor
/// when nothing new has committed).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Feed {
    pub items: Vec<EventDoc>,
    pub next_cursor: String,
}

fn parse(cursor: &str) -> Option<Position> {
    let text = decode_cursor(cursor)?;
    let (xact, id) = text.split_once('.')?;
    Some(Position {
        xact: xact.parse().ok()?,
        id: id.parse().ok()?,
    })
}

fn format(p: Position) -> String {
    encode_cursor(&format!("{}.{}", p.xact, p.id))
}

pub async fn feed(
    app: &App,
    caller: &Caller,
    after: Option<&str>,
    limit: Option<i64>,
) -> Result<Feed, ApiError> {
    caller.require("events")?;
    let start = match after {
        Some(c) => parse(c).ok_or_else(|| ApiError::field("after", "not a cursor of the feed"))?,
        None => Position::default(),
    };
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::field(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        ));
    }
    let rows = events::after(&app.db, caller.tenant, start, limit).await?;
    let next = rows.last().map_or(start, |r| r.position());
    let items = rows
        .into_iter()
        .map(|r| EventDoc {
            id: r.id,
            event_type: r.event_type,
            resource_type: r.resource_type,
            resource_link: r.resource_link,
            payload: serde_json::from_str(&r.payload).unwrap_or(serde_json::Value::Null),
            created_at: r.created_at,
        })
        .collect();
    Ok(Feed {
        items,
        next_cursor: format(next),
    })
}
