//! Secrets all instances must share, such as the key that signs device
//! cookies. The first instance to need one stores its candidate; every
//! instance then uses whatever is stored.

use chrono::{DateTime, Utc};

use crate::Result;
use crate::args::Sql;
use crate::db::Db;

/// The stored value of `name`, storing `candidate` if there is none yet.
pub async fn get_or_create(
    db: &Db,
    name: &str,
    candidate: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    db.execute(
        Sql::new(
            "INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO NOTHING",
        )
        .arg(name)
        .arg(candidate)
        .arg(now),
    )
    .await?;
    let (value,): (String,) = db
        .fetch_one(Sql::new("SELECT value FROM server_secrets WHERE name = $1").arg(name))
        .await?;
    Ok(value)
}
