//! Accounts as the mail flows need them: who a user is (name, e-mail,
//! language, tenant for the mail's look), setting a password, activating
//! an invited portal user and ending every session of a user.

use chrono::{DateTime, Utc};
use kp_domain::{Language, PortalUserId, PortalUserStatus, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::users::UserRef;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub user: UserRef,
    pub email: String,
    pub name: String,
    pub language: Language,
    /// Staff: active; portal users: their status.
    pub status: PortalUserStatus,
    /// The tenant whose look and sender the user's mails get: a portal
    /// user's customer's, an organization's first customer's, a staff
    /// member's first tenant.
    pub tenant: Option<TenantId>,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    email: String,
    name: String,
    language: String,
    status: String,
    tenant_id: Option<i64>,
}

/// The account of a user, `None` when there is none.
pub async fn get(db: &Db, user: UserRef) -> Result<Option<Account>> {
    let sql = account_sql(user);
    let row: Option<AccountRow> = db.fetch_optional(sql).await?;
    Ok(row.map(|r| to_account(user, r)))
}

/// [`get`] inside a transaction.
pub async fn get_in(tx: &mut Tx, user: UserRef) -> Result<Option<Account>> {
    let row: Option<AccountRow> = tx.fetch_optional(account_sql(user)).await?;
    Ok(row.map(|r| to_account(user, r)))
}

fn to_account(user: UserRef, r: AccountRow) -> Account {
    Account {
        user,
        email: r.email,
        name: r.name,
        language: Language::parse(&r.language).unwrap_or_default(),
        status: r.status.parse().unwrap_or(PortalUserStatus::Inactive),
        tenant: r.tenant_id.map(TenantId),
    }
}

fn account_sql(user: UserRef) -> Sql {
    match user {
        UserRef::Staff(id) => Sql::new(
            "SELECT su.email, su.name, su.language, \
             CASE WHEN su.active THEN 'active' ELSE 'inactive' END AS status, \
             (SELECT MIN(t.tenant_id) FROM staff_user_tenants t WHERE t.staff_user_id = su.id) \
             AS tenant_id FROM staff_users su WHERE su.id = $1",
        )
        .arg(id),
        UserRef::Portal(id) => Sql::new(
            "SELECT pu.email, pu.name, pu.language, pu.status, \
             COALESCE((SELECT c.tenant_id FROM customers c WHERE c.id = pu.customer_id), \
             (SELECT MIN(c.tenant_id) FROM customers c WHERE c.organization_id = pu.organization_id)) \
             AS tenant_id FROM portal_users pu WHERE pu.id = $1",
        )
        .arg(id),
    }
}

/// Replaces a user's password hash.
pub async fn set_password(
    tx: &mut Tx,
    user: UserRef,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    let sql = match user {
        UserRef::Staff(id) => {
            Sql::new("UPDATE staff_users SET password_hash = $1, updated_at = $2 WHERE id = $3")
                .arg(password_hash)
                .arg(now)
                .arg(id)
        }
        UserRef::Portal(id) => {
            Sql::new("UPDATE portal_users SET password_hash = $1, updated_at = $2 WHERE id = $3")
                .arg(password_hash)
                .arg(now)
                .arg(id)
        }
    };
    tx.execute(sql).await
}

/// Sets the first password of an invited portal user and makes them
/// active; 0 rows when the user is not (or no longer) invited.
pub async fn activate(
    tx: &mut Tx,
    user: PortalUserId,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    tx.execute(
        Sql::new(
            "UPDATE portal_users SET password_hash = $1, status = $2, updated_at = $3 \
             WHERE id = $4 AND status = $5",
        )
        .arg(password_hash)
        .arg(PortalUserStatus::Active)
        .arg(now)
        .arg(user)
        .arg(PortalUserStatus::Invited),
    )
    .await
}

/// Ends every session of a user (after a password reset).
pub async fn delete_sessions(tx: &mut Tx, user: UserRef) -> Result<u64> {
    let sql = match user {
        UserRef::Staff(id) => Sql::new("DELETE FROM sessions WHERE staff_user_id = $1").arg(id),
        UserRef::Portal(id) => Sql::new("DELETE FROM sessions WHERE portal_user_id = $1").arg(id),
    };
    tx.execute(sql).await
}
