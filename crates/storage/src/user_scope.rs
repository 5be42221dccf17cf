//! A portal user's scope restrictions as staff set them (D3): the
//! `portal_users.scope_*` columns and the `portal_user_scope_customers`
//! list. The single objects and claims are in [`crate::user_scope_pick`].
//!
//! Every id a staff member posts is checked in the transaction of the
//! change against two scopes at once: the user's base scope (their own
//! customer or their organization's customers, without restrictions) and
//! the staff member's. A forged id of another organization or tenant
//! changes nothing.

use chrono::{DateTime, Utc};
use kp_domain::{ContractStatus, ContractType, CustomerId, LineOfBusiness, PortalUserId, Scope};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;
use crate::principal_row::{self, UserRow};
use crate::scope_sql::Scoped;
use crate::users::join_codes;

/// The user's scope exactly as their next session builds it (the same
/// code), whatever their status; `None` when there is no such portal user.
pub async fn scope_of(tx: &mut Tx, user: PortalUserId) -> Result<Option<Scope>> {
    let mut sql = Sql::new("SELECT ");
    principal_row::columns(tx.backend(), &mut sql);
    sql.push(
        " FROM (SELECT CAST(NULL AS BIGINT) AS staff_user_id, CAST($1 AS BIGINT) AS portal_user_id) s ",
    );
    principal_row::joins(&mut sql);
    let row: Option<UserRow> = tx.fetch_optional(sql.arg(user)).await?;
    match row {
        Some(row) => row.portal_scope(),
        None => Ok(None),
    }
}

/// The restrictions saved in the user's row and list flags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Restrictions {
    pub contract_types: Option<Vec<ContractType>>,
    pub statuses: Option<Vec<ContractStatus>>,
    pub lines: Option<Vec<LineOfBusiness>>,
    /// Narrowed to listed customers: the ids, else `None`.
    pub customers: Option<Vec<CustomerId>>,
}

/// A customer of the user's organization the staff member may choose.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CustomerChoice {
    pub id: i64,
    pub name: String,
    pub external_id: String,
    pub chosen: bool,
}

/// The customers of `base` (the user's organization) that `staff` shows,
/// with whether the user's list holds each.
pub async fn customer_choices(
    tx: &mut Tx,
    base: &Scope,
    staff: &Scope,
    user: PortalUserId,
) -> Result<Vec<CustomerChoice>> {
    let mut q = Scoped::new(base);
    q.push(
        "SELECT cu.id, cu.display_name AS name, cu.external_id, \
         EXISTS (SELECT 1 FROM portal_user_scope_customers lc WHERE lc.customer_id = cu.id \
         AND lc.portal_user_id = ",
    )
    .bind(user)
    .push(") AS chosen FROM customers cu WHERE cu.deleted_at IS NULL AND ")
    .customer("cu.id")
    .push(" AND ")
    .customer_also_in("cu.id", staff)
    .push(" ORDER BY cu.display_name, cu.id");
    tx.fetch_all(q.finish()?).await
}

/// How many of `ids` (distinct) are customers of both scopes.
async fn count_customers(
    tx: &mut Tx,
    base: &Scope,
    staff: &Scope,
    ids: &[CustomerId],
) -> Result<i64> {
    let mut q = Scoped::new(base);
    q.push("SELECT COUNT(*) FROM customers cu WHERE cu.deleted_at IS NULL AND cu.id IN ")
        .bind_list(ids.iter().copied())
        .push(" AND ")
        .customer("cu.id")
        .push(" AND ")
        .customer_also_in("cu.id", staff);
    let (n,): (i64,) = tx.fetch_one(q.finish()?).await?;
    Ok(n)
}

/// Saves the restrictions when the row still has `seen` as `updated_at`.
/// `Ok(None)`: stale, nothing written; `Ok(Some(false))`: a customer id
/// outside either scope, nothing written (the caller rolls back).
pub async fn save(
    tx: &mut Tx,
    base: &Scope,
    staff: &Scope,
    user: PortalUserId,
    seen: DateTime<Utc>,
    now: DateTime<Utc>,
    r: &Restrictions,
) -> Result<Option<bool>> {
    if let Some(ids) = &r.customers {
        let mut distinct = ids.clone();
        distinct.sort_by_key(|c| c.0);
        distinct.dedup();
        if count_customers(tx, base, staff, &distinct).await? != distinct.len() as i64 {
            return Ok(Some(false));
        }
    }
    let n = tx
        .execute(
            Sql::new(
                "UPDATE portal_users SET scope_contract_types = $1, scope_statuses = $2, \
                 scope_lines = $3, scope_customers_set = $4, updated_at = $5 \
                 WHERE id = $6 AND updated_at = $7",
            )
            .arg(
                r.contract_types
                    .as_deref()
                    .map(|c| join_codes(c, ContractType::as_str)),
            )
            .arg(
                r.statuses
                    .as_deref()
                    .map(|c| join_codes(c, ContractStatus::as_str)),
            )
            .arg(
                r.lines
                    .as_deref()
                    .map(|c| join_codes(c, LineOfBusiness::as_str)),
            )
            .arg(r.customers.is_some())
            .arg(now)
            .arg(user)
            .arg(seen),
        )
        .await?;
    if n != 1 {
        return Ok(None);
    }
    match &r.customers {
        // Only the entries the staff member sees are replaced: a colleague
        // of another tenant keeps what they chose.
        Some(ids) => {
            let mut q = Scoped::new(staff);
            q.push("DELETE FROM portal_user_scope_customers WHERE portal_user_id = ")
                .bind(user)
                .push(" AND ")
                .customer("customer_id");
            tx.execute(q.finish()?).await?;
            if !ids.is_empty() {
                let mut q = Sql::new(
                    "INSERT INTO portal_user_scope_customers (portal_user_id, customer_id) \
                     SELECT $1, cu.id FROM customers cu WHERE cu.id IN ",
                )
                .arg(user);
                q.bind_list(ids.iter().copied());
                tx.execute(q).await?;
            }
        }
        None => {
            tx.execute(
                Sql::new("DELETE FROM portal_user_scope_customers WHERE portal_user_id = $1")
                    .arg(user),
            )
            .await?;
        }
    }
    Ok(Some(true))
}

/// The customer ids in the user's list (whether or not the flag is set).
pub async fn listed_customers(tx: &mut Tx, user: PortalUserId) -> Result<Vec<CustomerId>> {
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            Sql::new(
                "SELECT customer_id FROM portal_user_scope_customers WHERE portal_user_id = $1 \
                 ORDER BY customer_id",
            )
            .arg(user),
        )
        .await?;
    Ok(rows.into_iter().map(|(id,)| CustomerId(id)).collect())
}
