//! The staff's administration of portal users (D1): the list with its
//! filters, one user's details, and the status changes. Every statement
//! goes through the staff member's scope ([`crate::invitations`]'s "the
//! user's customer, or a customer of their organization, is in it"), so a
//! user of another tenant is not found; a change reads the user through
//! the scope and updates them in one transaction, guarded by the
//! `updated_at` the form was opened with (a stale form changes nothing).

use chrono::{DateTime, Utc};
use kp_domain::{PortalUserId, PortalUserStatus, Scope};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::invitations::visible_user;
use crate::lists::{Counted, ListQuery, Range, SortColumn, split};
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UserSort {
    #[default]
    Name,
    Email,
    Owner,
    Status,
    LastLogin,
}

impl SortColumn for UserSort {
    const ALL: &'static [UserSort] = &[
        UserSort::Name,
        UserSort::Email,
        UserSort::Owner,
        UserSort::Status,
        UserSort::LastLogin,
    ];

    fn key(self) -> &'static str {
        match self {
            UserSort::Name => "name",
            UserSort::Email => "email",
            UserSort::Owner => "owner",
            UserSort::Status => "status",
            UserSort::LastLogin => "last_login",
        }
    }

    fn expression(self) -> &'static str {
        match self {
            UserSort::Name => "pu.name",
            UserSort::Email => "pu.email",
            UserSort::Owner => "owner",
            UserSort::Status => "pu.status",
            UserSort::LastLogin => "pu.last_login_at",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserFilters {
    pub status: Option<PortalUserStatus>,
    pub organization: Option<i64>,
    pub customer: Option<i64>,
    /// `true`: has TOTP or a passkey.
    pub two_factor: Option<bool>,
    /// Last sign-in within these instants (inclusive).
    pub last_login: Range<DateTime<Utc>>,
}

pub type UserQuery = ListQuery<UserFilters, UserSort>;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub status: String,
    /// The customer's or organization's name.
    pub owner: String,
    pub customer_number: String,
    pub two_factor: bool,
    pub last_login_at: Option<DateTime<Utc>>,
}

const TWO_FACTOR: &str = "(EXISTS (SELECT 1 FROM two_factor_totp tt WHERE tt.portal_user_id = pu.id) \
     OR EXISTS (SELECT 1 FROM passkeys pk WHERE pk.portal_user_id = pu.id))";

pub async fn list(db: &Db, scope: &Scope, query: &UserQuery) -> Result<(Vec<UserRow>, i64)> {
    let mut q = Scoped::new(scope);
    q.push("SELECT pu.id, pu.name, pu.email, pu.status, COALESCE(cu.display_name, o.name, '') AS owner, \
         COALESCE(cu.external_id, '') AS customer_number, ")
        .push(TWO_FACTOR)
        .push(
            " AS two_factor, pu.last_login_at, COUNT(*) OVER () AS total \
             FROM portal_users pu LEFT JOIN customers cu ON cu.id = pu.customer_id \
             LEFT JOIN organizations o ON o.id = pu.organization_id WHERE ",
        );
    visible_user(&mut q);
    let f = &query.filters;
    if let Some(status) = f.status {
        q.push(" AND pu.status = ").bind(status);
    }
    if let Some(org) = f.organization {
        q.push(" AND (pu.organization_id = ")
            .bind(org)
            .push(" OR cu.organization_id = ")
            .bind(org)
            .push(")");
    }
    if let Some(customer) = f.customer {
        q.push(" AND pu.customer_id = ").bind(customer);
    }
    match f.two_factor {
        Some(true) => {
            q.push(" AND ").push(TWO_FACTOR);
        }
        Some(false) => {
            q.push(" AND NOT ").push(TWO_FACTOR);
        }
        None => {}
    }
    crate::lists::range(&mut q, "pu.last_login_at", f.last_login);
    // The customer number finds the users of that customer and those of
    // its organization.
    if let Some(text) = query
        .search
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let pattern = format!("%{}%", crate::lists::escape_like(&text.to_lowercase()));
        q.push(" AND (LOWER(pu.name) LIKE ")
            .bind(pattern.clone())
            .push(" ESCAPE '\\' OR LOWER(pu.email) LIKE ")
            .bind(pattern.clone())
            .push(" ESCAPE '\\' OR LOWER(COALESCE(cu.external_id, '')) LIKE ")
            .bind(pattern.clone())
            .push(
                " ESCAPE '\\' OR EXISTS (SELECT 1 FROM customers oc WHERE oc.organization_id = pu.organization_id \
                 AND LOWER(oc.external_id) LIKE ",
            )
            .bind(pattern)
            .push(" ESCAPE '\\'))");
    }
    crate::lists::order_and_page(&mut q, query, "pu.id");
    let rows: Vec<Counted<UserRow>> = db.fetch_all(q.finish()?).await?;
    Ok(split(rows))
}

/// One portal user as the detail page shows them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UserDetail {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub language: String,
    pub status: String,
    pub has_password: bool,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub customer_number: Option<String>,
    pub organization_name: Option<String>,
    pub profile_name: Option<String>,
    pub profile_id: Option<i64>,
    pub totp: bool,
    pub passkeys: i64,
    pub recovery_codes: i64,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn detail_sql(q: &mut Scoped<'_>, id: PortalUserId) {
    q.push(
        "SELECT pu.id, pu.name, pu.email, pu.language, pu.status, \
         pu.password_hash IS NOT NULL AS has_password, pu.customer_id, \
         cu.display_name AS customer_name, cu.external_id AS customer_number, \
         o.name AS organization_name, pp.name AS profile_name, pp.id AS profile_id, \
         EXISTS (SELECT 1 FROM two_factor_totp tt WHERE tt.portal_user_id = pu.id) AS totp, \
         (SELECT COUNT(*) FROM passkeys pk WHERE pk.portal_user_id = pu.id) AS passkeys, \
         (SELECT COUNT(*) FROM two_factor_recovery_codes rc WHERE rc.portal_user_id = pu.id \
           AND rc.used_at IS NULL) AS recovery_codes, \
         pu.last_login_at, pu.created_at, pu.updated_at \
         FROM portal_users pu LEFT JOIN customers cu ON cu.id = pu.customer_id \
         LEFT JOIN organizations o ON o.id = pu.organization_id \
         LEFT JOIN permission_profiles pp ON pp.id = pu.permission_profile_id WHERE pu.id = ",
    )
    .bind(id)
    .push(" AND ");
    visible_user(q);
}

/// The user, when in the scope.
pub async fn detail(db: &Db, scope: &Scope, id: PortalUserId) -> Result<Option<UserDetail>> {
    let mut q = Scoped::new(scope);
    detail_sql(&mut q, id);
    db.fetch_optional(q.finish()?).await
}

/// [`detail`] in the transaction of a change.
pub async fn detail_in(tx: &mut Tx, scope: &Scope, id: PortalUserId) -> Result<Option<UserDetail>> {
    let mut q = Scoped::new(scope);
    detail_sql(&mut q, id);
    tx.fetch_optional(q.finish()?).await
}

/// Sets the status and `updated_at`, when the row still has the
/// `updated_at` read in this transaction; `false` when it changed
/// meanwhile.
pub async fn set_status(
    tx: &mut Tx,
    id: PortalUserId,
    seen: DateTime<Utc>,
    status: PortalUserStatus,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = tx
        .execute(
            Sql::new(
                "UPDATE portal_users SET status = $1, updated_at = $2 WHERE id = $3 AND updated_at = $4",
            )
            .arg(status)
            .arg(now)
            .arg(id)
            .arg(seen),
        )
        .await?;
    Ok(n == 1)
}

/// Marks the user changed (an action that changes no column, such as
/// ending the sessions, still makes an open form stale).
pub async fn touch(
    tx: &mut Tx,
    id: PortalUserId,
    seen: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = tx
        .execute(
            Sql::new("UPDATE portal_users SET updated_at = $1 WHERE id = $2 AND updated_at = $3")
                .arg(now)
                .arg(id)
                .arg(seen),
        )
        .await?;
    Ok(n == 1)
}

/// Ends every session of the user: their own and those in which staff
/// view the portal as them.
pub async fn end_sessions(tx: &mut Tx, id: PortalUserId) -> Result<u64> {
    tx.execute(
        Sql::new(
            "DELETE FROM sessions WHERE portal_user_id = $1 OR impersonated_portal_user_id = $1",
        )
        .arg(id),
    )
    .await
}

/// The customers of the scope with a portal user of their own, for the
/// list's customer filter (by name), at most `limit`.
pub async fn customer_choices(
    db: &Db,
    scope: &Scope,
    limit: i64,
) -> Result<Vec<crate::lists::Choice>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT cu.id, cu.display_name AS name FROM customers cu WHERE EXISTS \
         (SELECT 1 FROM portal_users pu WHERE pu.customer_id = cu.id) AND ",
    )
    .customer("cu.id")
    .push(" ORDER BY cu.display_name, cu.id LIMIT ")
    .bind(limit);
    db.fetch_all(q.finish()?).await
}

/// A customer as "enable the customer portal" needs them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PortalCandidate {
    pub id: i64,
    pub tenant_id: i64,
    pub display_name: String,
    pub email: String,
    pub kind: String,
    pub organization_id: Option<i64>,
    /// A portal user of this customer exists already.
    pub has_login: bool,
}

/// The customer, when in the scope, read in the transaction that creates
/// their login.
pub async fn portal_candidate(
    tx: &mut Tx,
    scope: &Scope,
    customer: kp_domain::CustomerId,
) -> Result<Option<PortalCandidate>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT cu.id, cu.tenant_id, cu.display_name, cu.email, cu.kind, cu.organization_id, \
         EXISTS (SELECT 1 FROM portal_users pu WHERE pu.customer_id = cu.id) AS has_login \
         FROM customers cu WHERE cu.id = ",
    )
    .bind(customer)
    .push(" AND ")
    .customer("cu.id");
    tx.fetch_optional(q.finish()?).await
}
