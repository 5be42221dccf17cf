//! Counting requests per key (an e-mail, a client address) in a sliding
//! window, for requests that cost someone else something: a forgotten
//! password mail, a registration. Stored in the database so that every
//! instance counts the same.

use chrono::{DateTime, Utc};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

/// Requests of `action` under `key` since `since`.
pub async fn count_since(
    tx: &mut Tx,
    action: &str,
    key: &str,
    since: DateTime<Utc>,
) -> Result<i64> {
    let (n,): (i64,) = tx
        .fetch_one(
            Sql::new(
                "SELECT COUNT(*) FROM request_throttle WHERE action = $1 AND key = $2 \
                 AND created_at > $3",
            )
            .arg(action)
            .arg(key)
            .arg(since),
        )
        .await?;
    Ok(n)
}

/// Records one request.
pub async fn record(tx: &mut Tx, action: &str, key: &str, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        Sql::new("INSERT INTO request_throttle (action, key, created_at) VALUES ($1, $2, $3)")
            .arg(action)
            .arg(key)
            .arg(now),
    )
    .await?;
    Ok(())
}

/// Housekeeping: forgets requests older than `before`.
pub async fn prune(db: &Db, before: DateTime<Utc>) -> Result<u64> {
    db.execute(Sql::new("DELETE FROM request_throttle WHERE created_at < $1").arg(before))
        .await
}
