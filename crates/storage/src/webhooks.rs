//! Webhook endpoints of a tenant, as the admin pages and the delivery
//! worker read and change them. Every function that names an endpoint by
//! id takes the tenants the caller manages (`None`: all), so an id of
//! another tenant selects nothing and is the caller's "not found".

use chrono::{DateTime, Utc};
use kp_domain::{StaffUserId, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

/// An endpoint as the pages show it (never its secret).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EndpointRow {
    pub id: i64,
    pub tenant_id: i64,
    pub tenant_key: String,
    pub url: String,
    pub description: String,
    pub all_events: bool,
    pub active: bool,
    pub disabled_reason: String,
    pub last_success_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "w.id, w.tenant_id, COALESCE(t.tenant_key, '') AS tenant_key, w.url, \
     w.description, w.all_events, w.active, w.disabled_reason, w.last_success_at, \
     w.created_at, w.updated_at";

fn narrowed(sql: &mut Sql, tenants: Option<&[TenantId]>) {
    if let Some(tenants) = tenants {
        sql.push(" AND w.tenant_id IN ")
            .bind_list(tenants.iter().copied());
    }
}

/// The endpoints of the given tenants (`None`: every tenant's), by tenant
/// and id.
pub async fn list(db: &Db, tenants: Option<&[TenantId]>) -> Result<Vec<EndpointRow>> {
    let mut sql = Sql::new(format!(
        "SELECT {COLUMNS} FROM webhook_endpoints w JOIN tenants t ON t.id = w.tenant_id \
         WHERE 1 = 1"
    ));
    narrowed(&mut sql, tenants);
    sql.push(" ORDER BY t.tenant_key, w.id");
    db.fetch_all(sql).await
}

/// One endpoint, if it belongs to one of `tenants`.
pub async fn get(db: &Db, id: i64, tenants: Option<&[TenantId]>) -> Result<Option<EndpointRow>> {
    let mut sql = Sql::new(format!(
        "SELECT {COLUMNS} FROM webhook_endpoints w JOIN tenants t ON t.id = w.tenant_id \
         WHERE w.id = $1"
    ))
    .arg(id);
    narrowed(&mut sql, tenants);
    db.fetch_optional(sql).await
}

/// The chosen event types of the endpoints `ids` (for those not taking
/// every type): (endpoint id, event type), sorted.
pub async fn event_types(db: &Db, ids: &[i64]) -> Result<Vec<(i64, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(
        "SELECT endpoint_id, event_type FROM webhook_endpoint_events WHERE endpoint_id IN ",
    );
    sql.bind_list(ids.iter().copied());
    sql.push(" ORDER BY endpoint_id, event_type");
    db.fetch_all(sql).await
}

/// What an endpoint is made or changed with.
#[derive(Debug, Clone)]
pub struct EndpointData<'a> {
    pub url: &'a str,
    pub description: &'a str,
    /// `None`: every event type.
    pub event_types: Option<&'a [String]>,
}

/// Makes an endpoint (active, without a secret yet: the caller seals one
/// under the new id and stores it with [`set_secret`] in the same
/// transaction).
pub async fn insert(
    tx: &mut Tx,
    tenant: TenantId,
    data: &EndpointData<'_>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let id = tx
        .insert_returning_id(
            Sql::new(
                "INSERT INTO webhook_endpoints (tenant_id, url, description, all_events, active, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, TRUE, $5, $5)",
            )
            .arg(tenant)
            .arg(data.url)
            .arg(data.description)
            .arg(data.event_types.is_none())
            .arg(now),
        )
        .await?;
    replace_types(tx, id, data.event_types).await?;
    Ok(id)
}

async fn replace_types(tx: &mut Tx, id: i64, types: Option<&[String]>) -> Result<()> {
    tx.execute(Sql::new("DELETE FROM webhook_endpoint_events WHERE endpoint_id = $1").arg(id))
        .await?;
    for event_type in types.unwrap_or_default() {
        tx.execute(
            Sql::new(
                "INSERT INTO webhook_endpoint_events (endpoint_id, event_type) VALUES ($1, $2)",
            )
            .arg(id)
            .arg(event_type),
        )
        .await?;
    }
    Ok(())
}

/// Changes URL, description and event types; false when the endpoint is
/// not one of `tenants`'.
pub async fn update(
    tx: &mut Tx,
    id: i64,
    tenants: Option<&[TenantId]>,
    data: &EndpointData<'_>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let mut sql = Sql::new(
        "UPDATE webhook_endpoints SET url = $1, description = $2, all_events = $3, \
         updated_at = $4 WHERE id = $5",
    )
    .arg(data.url)
    .arg(data.description)
    .arg(data.event_types.is_none())
    .arg(now)
    .arg(id);
    narrowed_update(&mut sql, tenants);
    if tx.execute(sql).await? == 0 {
        return Ok(false);
    }
    replace_types(tx, id, data.event_types).await?;
    Ok(true)
}

fn narrowed_update(sql: &mut Sql, tenants: Option<&[TenantId]>) {
    if let Some(tenants) = tenants {
        sql.push(" AND tenant_id IN ")
            .bind_list(tenants.iter().copied());
    }
}

/// Stores a sealed secret; false when the endpoint is not one of
/// `tenants`'.
pub async fn set_secret(
    tx: &mut Tx,
    id: i64,
    tenants: Option<&[TenantId]>,
    sealed: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let mut sql =
        Sql::new("UPDATE webhook_endpoints SET secret_sealed = $1, updated_at = $2 WHERE id = $3")
            .arg(sealed)
            .arg(now)
            .arg(id);
    narrowed_update(&mut sql, tenants);
    Ok(tx.execute(sql).await? > 0)
}

/// The sealed secret of an endpoint (for signing).
pub async fn sealed_secret(db: &Db, id: i64) -> Result<Option<String>> {
    let row: Option<(String,)> = db
        .fetch_optional(
            Sql::new("SELECT secret_sealed FROM webhook_endpoints WHERE id = $1").arg(id),
        )
        .await?;
    Ok(row.map(|(s,)| s))
}

/// Turns an endpoint on (`reason` ignored) or off with a reason
/// (`admin`, `failing`); false when it is not one of `tenants`'.
pub async fn set_active(
    tx: &mut Tx,
    id: i64,
    tenants: Option<&[TenantId]>,
    active: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let mut sql = Sql::new(
        "UPDATE webhook_endpoints SET active = $1, disabled_reason = $2, updated_at = $3 \
         WHERE id = $4",
    )
    .arg(active)
    .arg(if active { "" } else { reason })
    .arg(now)
    .arg(id);
    narrowed_update(&mut sql, tenants);
    Ok(tx.execute(sql).await? > 0)
}

/// Deletes an endpoint with its deliveries; false when it is not one of
/// `tenants`'.
pub async fn delete(tx: &mut Tx, id: i64, tenants: Option<&[TenantId]>) -> Result<bool> {
    // SQLite enforces the cascade too (foreign keys are on), but the
    // deliveries are removed explicitly so both databases do the same work.
    let mut sql = Sql::new("DELETE FROM webhook_endpoints WHERE id = $1").arg(id);
    narrowed_update(&mut sql, tenants);
    let found = {
        let mut check = Sql::new("SELECT id FROM webhook_endpoints WHERE id = $1").arg(id);
        narrowed_update(&mut check, tenants);
        tx.fetch_optional::<(i64,)>(check).await?.is_some()
    };
    if !found {
        return Ok(false);
    }
    tx.execute(Sql::new("DELETE FROM webhook_deliveries WHERE endpoint_id = $1").arg(id))
        .await?;
    tx.execute(Sql::new("DELETE FROM webhook_endpoint_events WHERE endpoint_id = $1").arg(id))
        .await?;
    Ok(tx.execute(sql).await? > 0)
}

/// Records an administrator's change of an endpoint in `audit_entries`
/// (`webhook.created`, `webhook.updated`, `webhook.secret_rotated`,
/// `webhook.enabled`, `webhook.disabled`, `webhook.deleted`).
pub async fn audit(
    tx: &mut Tx,
    actor: StaffUserId,
    action: &str,
    endpoint: i64,
    ip: &str,
    details: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        Sql::new(
            "INSERT INTO audit_entries (actor_staff_id, action, target_kind, target_id, ip, \
             details, created_at) VALUES ($1, $2, 'webhook_endpoint', $3, $4, $5, $6)",
        )
        .arg(actor)
        .arg(action)
        .arg(endpoint)
        .arg(ip)
        .arg(details.to_string())
        .arg(now),
    )
    .await?;
    Ok(())
}

/// An administrator to tell about an endpoint: name, e-mail, language.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AdminContact {
    pub name: String,
    pub email: String,
    pub language: String,
}

/// The active staff administrators working for `tenant`; when it has none,
/// the administrators working for no tenant (who manage every tenant).
pub async fn tenant_admins(tx: &mut Tx, tenant: TenantId) -> Result<Vec<AdminContact>> {
    let own: Vec<AdminContact> = tx
        .fetch_all(
            Sql::new(
                "SELECT s.name, s.email, s.language FROM staff_users s \
                 JOIN staff_user_tenants st ON st.staff_user_id = s.id \
                 WHERE st.tenant_id = $1 AND s.role = 'admin' AND s.active = TRUE ORDER BY s.id",
            )
            .arg(tenant),
        )
        .await?;
    if !own.is_empty() {
        return Ok(own);
    }
    tx.fetch_all(Sql::new(
        "SELECT s.name, s.email, s.language FROM staff_users s WHERE s.role = 'admin' \
         AND s.active = TRUE AND NOT EXISTS (SELECT 1 FROM staff_user_tenants st \
         WHERE st.staff_user_id = s.id) ORDER BY s.id",
    ))
    .await
}
