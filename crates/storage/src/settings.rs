//! Broker settings: JSON values by scope (`tenant:<id>`, `organization:<id>`
//! or `global`) and key, in the `settings` table. What a value means is
//! the caller's business (kp-app types it); this module only stores.
//! Settings are not customer data, so they need no scope predicate; who may
//! change them is decided by the use cases (staff administrators).

use chrono::{DateTime, Utc};
use kp_domain::{OrganizationId, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

/// Whose setting it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingScope {
    /// The whole installation.
    Global,
    /// One broker (tenant).
    Tenant(TenantId),
    /// One organization (a corporate customer group).
    Organization(OrganizationId),
}

impl SettingScope {
    pub fn key(self) -> String {
        match self {
            SettingScope::Global => "global".to_owned(),
            SettingScope::Tenant(id) => format!("tenant:{}", id.0),
            SettingScope::Organization(id) => format!("organization:{}", id.0),
        }
    }
}

/// The stored JSON text of a setting, if any.
pub async fn get(db: &Db, scope: SettingScope, key: &str) -> Result<Option<String>> {
    let row: Option<(String,)> = db
        .fetch_optional(
            Sql::new("SELECT value FROM settings WHERE scope = $1 AND key = $2")
                .arg(scope.key())
                .arg(key),
        )
        .await?;
    Ok(row.map(|(v,)| v))
}

/// Every setting of a scope whose key starts with `prefix`, as
/// (key, JSON text), ordered by key.
pub async fn with_prefix(
    db: &Db,
    scope: SettingScope,
    prefix: &str,
) -> Result<Vec<(String, String)>> {
    db.fetch_all(
        Sql::new(
            "SELECT key, value FROM settings WHERE scope = $1 AND SUBSTR(key, 1, CAST($2 AS INTEGER)) = $3 \
             ORDER BY key",
        )
        .arg(scope.key())
        .arg(i64::try_from(prefix.chars().count()).unwrap_or(i64::MAX))
        .arg(prefix),
    )
    .await
}

/// Stores (or replaces) a setting's JSON text.
pub async fn put(
    db: &Db,
    scope: SettingScope,
    key: &str,
    json: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    db.execute(put_sql(scope, key, json, now)).await?;
    Ok(())
}

/// [`put`] inside a transaction (the demo loader's).
pub async fn put_in(
    tx: &mut Tx,
    scope: SettingScope,
    key: &str,
    json: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(put_sql(scope, key, json, now)).await?;
    Ok(())
}

fn put_sql(scope: SettingScope, key: &str, json: &str, now: DateTime<Utc>) -> Sql {
    Sql::new(
        "INSERT INTO settings (scope, key, value, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, \
             updated_at = excluded.updated_at",
    )
    .arg(scope.key())
    .arg(key)
    .arg(json)
    .arg(now)
}

/// Removes a setting (back to the default).
pub async fn delete(db: &Db, scope: SettingScope, key: &str) -> Result<()> {
    db.execute(
        Sql::new("DELETE FROM settings WHERE scope = $1 AND key = $2")
            .arg(scope.key())
            .arg(key),
    )
    .await?;
    Ok(())
}
