//! API tokens as the API and the admin page read them.

use chrono::{DateTime, Utc};
use kp_domain::TenantId;

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

/// A token found by its hash; the caller checks revocation and expiry.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub tenant_id: Option<i64>,
    pub name: String,
    pub scopes: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str =
    "id, tenant_id, name, scopes, expires_at, revoked_at, last_used_at, created_at";

/// The token whose SHA-256 is `hash`: one indexed lookup, no comparison of
/// secrets in code.
pub async fn by_hash(db: &Db, hash: &str) -> Result<Option<TokenRow>> {
    db.fetch_optional(
        Sql::new(format!(
            "SELECT {COLUMNS} FROM api_tokens WHERE token_hash = $1"
        ))
        .arg(hash),
    )
    .await
}

/// Records a use; callers do so at most once a minute per token, so that
/// reads do not all become writes.
pub async fn touch(db: &Db, id: i64, at: DateTime<Utc>) -> Result<()> {
    db.execute(
        Sql::new("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
            .arg(at)
            .arg(id),
    )
    .await?;
    Ok(())
}

/// A token as the admin page lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListedToken {
    pub id: i64,
    pub tenant_key: String,
    pub name: String,
    pub scopes: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The tokens of the given tenants (`None`: of every tenant), newest first.
pub async fn list(db: &Db, tenants: Option<&[TenantId]>) -> Result<Vec<ListedToken>> {
    let mut sql = Sql::new(
        "SELECT t.id, COALESCE(te.tenant_key, '') AS tenant_key, t.name, t.scopes, t.expires_at, \
         t.revoked_at, t.last_used_at, t.created_at FROM api_tokens t \
         JOIN tenants te ON te.id = t.tenant_id",
    );
    if let Some(tenants) = tenants {
        sql.push(" WHERE t.tenant_id IN ")
            .bind_list(tenants.iter().copied());
    }
    sql.push(" ORDER BY t.created_at DESC, t.id DESC");
    db.fetch_all(sql).await
}

/// Revokes the token `id` if it belongs to one of `tenants` (`None`: any);
/// false when there is no such token.
pub async fn revoke(
    tx: &mut Tx,
    id: i64,
    tenants: Option<&[TenantId]>,
    at: DateTime<Utc>,
) -> Result<bool> {
    let mut sql =
        Sql::new("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2")
            .arg(at)
            .arg(id);
    if let Some(tenants) = tenants {
        sql.push(" AND tenant_id IN ")
            .bind_list(tenants.iter().copied());
    }
    Ok(tx.execute(sql).await? > 0)
}
