//! Stored first answers of requests sent with an `Idempotency-Key`.

use chrono::{DateTime, Utc};

use crate::args::Sql;
use crate::db::Db;
use crate::{Result, StorageError};

/// What is stored under a key.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Stored {
    pub request_hash: String,
    /// `None` while the first request still runs.
    pub status_code: Option<i64>,
    pub response_body: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Claims `key` for a request with body hash `hash`: true when this
/// request is the first (it must then [`finish`] or [`forget`] it); false
/// when the key is taken, answered by [`get`]. The primary key decides
/// between concurrent duplicates on both databases.
pub async fn claim(db: &Db, token: i64, key: &str, hash: &str, at: DateTime<Utc>) -> Result<bool> {
    let insert = db
        .execute(
            Sql::new(
                "INSERT INTO api_idempotency (token_id, idem_key, request_hash, created_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .arg(token)
            .arg(key)
            .arg(hash)
            .arg(at),
        )
        .await;
    match insert {
        Ok(_) => Ok(true),
        Err(StorageError::UniqueViolation) => Ok(false),
        Err(e) => Err(e),
    }
}

pub async fn get(db: &Db, token: i64, key: &str) -> Result<Option<Stored>> {
    db.fetch_optional(
        Sql::new(
            "SELECT request_hash, status_code, response_body, created_at FROM api_idempotency \
             WHERE token_id = $1 AND idem_key = $2",
        )
        .arg(token)
        .arg(key),
    )
    .await
}

/// Stores the first request's answer for replay.
pub async fn finish(db: &Db, token: i64, key: &str, status: u16, body: &str) -> Result<()> {
    db.execute(
        Sql::new(
            "UPDATE api_idempotency SET status_code = $1, response_body = $2 \
             WHERE token_id = $3 AND idem_key = $4",
        )
        .arg(i64::from(status))
        .arg(body)
        .arg(token)
        .arg(key),
    )
    .await?;
    Ok(())
}

/// Frees a key whose first request failed on the server side, or whose
/// answer has expired, so that it can be tried again.
pub async fn forget(db: &Db, token: i64, key: &str) -> Result<()> {
    db.execute(
        Sql::new("DELETE FROM api_idempotency WHERE token_id = $1 AND idem_key = $2")
            .arg(token)
            .arg(key),
    )
    .await?;
    Ok(())
}

/// Removes answers older than `before` (housekeeping).
pub async fn purge(db: &Db, before: DateTime<Utc>) -> Result<u64> {
    db.execute(Sql::new("DELETE FROM api_idempotency WHERE created_at < $1").arg(before))
        .await
}
