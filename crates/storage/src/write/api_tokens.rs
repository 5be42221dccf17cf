//! API tokens of the back office: stored by hash only.

use chrono::{DateTime, Utc};
use kp_domain::TenantId;

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

#[derive(Debug, Clone)]
pub struct NewApiToken<'a> {
    pub tenant: TenantId,
    pub name: &'a str,
    pub token_hash: &'a str,
    /// Space-separated scopes.
    pub scopes: &'a str,
    pub expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, t: &NewApiToken<'_>) -> Result<i64> {
    tx.insert_returning_id(
        Sql::new(
            "INSERT INTO api_tokens (tenant_id, name, token_hash, scopes, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .arg(t.tenant)
        .arg(t.name)
        .arg(t.token_hash)
        .arg(t.scopes)
        .arg(t.expires_at)
        .arg(t.created_at),
    )
    .await
}
