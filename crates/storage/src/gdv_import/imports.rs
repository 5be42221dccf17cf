//! The `imports` log: who imported which file into which tenant, when,
//! with which outcome and report.

use chrono::{DateTime, Utc};
use kp_domain::{StaffUserId, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::Db;

#[derive(Debug, Clone)]
pub struct NewImport<'a> {
    pub tenant: TenantId,
    pub format: &'a str,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub size_bytes: i64,
    pub actor_kind: &'a str,
    pub actor_name: &'a str,
    pub staff_user: Option<StaffUserId>,
    pub api_token: Option<i64>,
    pub started_at: DateTime<Utc>,
}

/// Records an import as `running` and returns its id.
pub async fn start(db: &Db, i: &NewImport<'_>) -> Result<i64> {
    let mut tx = db.begin().await?;
    let id = tx
        .insert_returning_id(
            Sql::new(
                "INSERT INTO imports (tenant_id, format, file_name, sha256, size_bytes, actor_kind, \
                 actor_name, staff_user_id, api_token_id, status, report, started_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'running', '{}', $10)",
            )
            .arg(i.tenant)
            .arg(i.format)
            .arg(i.file_name)
            .arg(i.sha256)
            .arg(i.size_bytes)
            .arg(i.actor_kind)
            .arg(i.actor_name)
            .arg(i.staff_user)
            .arg(i.api_token)
            .arg(i.started_at),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Stores the outcome and the report (JSON) of an import.
pub async fn finish(
    db: &Db,
    id: i64,
    status: &str,
    report_json: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    db.execute(
        Sql::new("UPDATE imports SET status = $1, report = $2, finished_at = $3 WHERE id = $4")
            .arg(status)
            .arg(report_json)
            .arg(at)
            .arg(id),
    )
    .await?;
    Ok(())
}

/// An import as the staff list shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ImportRow {
    pub id: i64,
    pub tenant_id: i64,
    pub tenant_name: String,
    pub format: String,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: i64,
    pub actor_kind: String,
    pub actor_name: String,
    pub status: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// An import with its report.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ImportDetail {
    #[sqlx(flatten)]
    pub row: ImportRow,
    pub report: String,
}

const COLUMNS: &str = "i.id, i.tenant_id, t.name AS tenant_name, i.format, i.file_name, \
     i.sha256, i.size_bytes, i.actor_kind, i.actor_name, i.status, i.started_at, i.finished_at";

fn restrict(sql: &mut Sql, tenants: Option<&[TenantId]>) {
    if let Some(tenants) = tenants {
        sql.push(" AND i.tenant_id IN ")
            .bind_list(tenants.iter().copied());
    }
}

/// The newest imports, at most `limit`; `tenants` narrows them to those
/// tenants (`None`: every tenant, for administrators).
pub async fn list(db: &Db, tenants: Option<&[TenantId]>, limit: i64) -> Result<Vec<ImportRow>> {
    let mut sql = Sql::new(format!(
        "SELECT {COLUMNS} FROM imports i JOIN tenants t ON t.id = i.tenant_id WHERE 1 = 1"
    ));
    restrict(&mut sql, tenants);
    sql.push(" ORDER BY i.started_at DESC, i.id DESC LIMIT ")
        .bind(limit);
    db.fetch_all(sql).await
}

/// One import with its report, if it exists and is among `tenants`.
pub async fn get(db: &Db, id: i64, tenants: Option<&[TenantId]>) -> Result<Option<ImportDetail>> {
    let mut sql = Sql::new(format!(
        "SELECT {COLUMNS}, i.report FROM imports i JOIN tenants t ON t.id = i.tenant_id WHERE i.id = "
    ));
    sql.bind(id);
    restrict(&mut sql, tenants);
    db.fetch_optional(sql).await
}
