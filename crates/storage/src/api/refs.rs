//! References by the back office's keys, resolved inside the tenant: a
//! contract names its customer by external id, responsible staff by
//! e-mail. A deleted record cannot be referenced.

use kp_domain::TenantId;

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

/// The live record of `table` with `external_id` in the tenant.
async fn live(
    tx: &mut Tx,
    table: &'static str,
    tenant: TenantId,
    ext: &str,
) -> Result<Option<i64>> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            Sql::new(format!(
                "SELECT id FROM {table} WHERE tenant_id = $1 AND external_id = $2 \
                 AND deleted_at IS NULL"
            ))
            .arg(tenant)
            .arg(ext),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

pub async fn customer(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<i64>> {
    live(tx, "customers", tenant, ext).await
}

pub async fn contract(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<i64>> {
    live(tx, "contracts", tenant, ext).await
}

pub async fn object(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<i64>> {
    live(tx, "insured_objects", tenant, ext).await
}

pub async fn claim(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<i64>> {
    live(tx, "claims", tenant, ext).await
}

pub async fn finance_item(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<i64>> {
    live(tx, "finance_items", tenant, ext).await
}

/// The active staff member with this e-mail (lower case) who works for
/// the tenant or is an administrator.
pub async fn staff(tx: &mut Tx, tenant: TenantId, email: &str) -> Result<Option<i64>> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            Sql::new(
                "SELECT s.id FROM staff_users s WHERE LOWER(s.email) = $1 AND s.active \
                 AND (s.role = 'admin' OR s.id IN \
                 (SELECT st.staff_user_id FROM staff_user_tenants st WHERE st.tenant_id = $2))",
            )
            .arg(email)
            .arg(tenant),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}
