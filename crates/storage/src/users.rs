//! Staff and portal users as far as login and the principal need them.
//!
//! Staff and portal users share one identity namespace: `login_identities`
//! holds every login e-mail, normalized (trimmed, lower-case) and unique
//! across both kinds of user, and login reads it with one indexed lookup.

use chrono::{DateTime, Utc};
use kp_domain::{Language, PortalUserId, PortalUserStatus, Principal, StaffUserId, TenantId};

use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::principal_row::{self, UserRow};
use crate::{Result, StorageError};

/// What the login form needs to verify a password, for either kind of user.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub user: UserRef,
    pub password_hash: Option<String>,
    pub can_log_in: bool,
    pub language: Language,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserRef {
    Staff(StaffUserId),
    Portal(PortalUserId),
}

/// The form in which e-mails are stored and compared.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

#[derive(sqlx::FromRow)]
struct CredentialRow {
    staff_user_id: Option<i64>,
    portal_user_id: Option<i64>,
    password_hash: Option<String>,
    active: Option<bool>,
    language: Option<String>,
}

/// Looks up a login e-mail among staff and portal users (one indexed read
/// of the identity table). E-mails are compared in normalized form.
pub async fn credentials_by_email(db: &Db, email: &str) -> Result<Option<Credentials>> {
    let row: Option<CredentialRow> = db
        .fetch_optional(
            Sql::new(
                "SELECT li.staff_user_id, li.portal_user_id, \
                 COALESCE(su.password_hash, pu.password_hash) AS password_hash, \
                 CASE WHEN li.staff_user_id IS NOT NULL THEN su.active ELSE pu.status = $2 END AS active, \
                 COALESCE(su.language, pu.language) AS language \
                 FROM login_identities li \
                 LEFT JOIN staff_users su ON su.id = li.staff_user_id \
                 LEFT JOIN portal_users pu ON pu.id = li.portal_user_id \
                 WHERE li.email = $1",
            )
            .arg(normalize_email(email))
            .arg(PortalUserStatus::Active),
        )
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let user = match (row.staff_user_id, row.portal_user_id) {
        (Some(id), None) => UserRef::Staff(StaffUserId(id)),
        (None, Some(id)) => UserRef::Portal(PortalUserId(id)),
        _ => {
            return Err(StorageError::Corrupt(
                "login identity names no one user".into(),
            ));
        }
    };
    Ok(Some(Credentials {
        user,
        can_log_in: row.active.unwrap_or(false),
        password_hash: row.password_hash,
        language: row
            .language
            .as_deref()
            .and_then(Language::parse)
            .unwrap_or_default(),
    }))
}

/// The principal of a user; `None` when the user is gone, deactivated or
/// (portal users) not active. Built by the same code as a session's.
pub async fn principal(db: &Db, user: UserRef) -> Result<Option<Principal>> {
    let (staff, portal) = match user {
        UserRef::Staff(id) => (Some(id.0), None),
        UserRef::Portal(id) => (None, Some(id.0)),
    };
    let mut sql = Sql::new("SELECT ");
    principal_row::columns(db.backend(), &mut sql);
    sql.push(
        " FROM (SELECT CAST($1 AS BIGINT) AS staff_user_id, CAST($2 AS BIGINT) AS portal_user_id) s ",
    );
    principal_row::joins(&mut sql);
    let row: Option<UserRow> = db.fetch_optional(sql.arg(staff).arg(portal)).await?;
    match row {
        Some(row) => row.principal(),
        None => Ok(None),
    }
}

/// Claims a login e-mail for a new user; a `UniqueViolation` when any
/// staff or portal user already has it.
pub(crate) async fn register_identity(tx: &mut Tx, email: &str, user: UserRef) -> Result<()> {
    let (staff, portal) = match user {
        UserRef::Staff(id) => (Some(id.0), None),
        UserRef::Portal(id) => (None, Some(id.0)),
    };
    tx.execute(
        Sql::new(
            "INSERT INTO login_identities (email, staff_user_id, portal_user_id) VALUES ($1, $2, $3)",
        )
        .arg(normalize_email(email))
        .arg(staff)
        .arg(portal),
    )
    .await?;
    Ok(())
}

/// Joins codes for the `scope_*` columns.
pub fn join_codes<T: Copy>(codes: &[T], key: fn(T) -> &'static str) -> String {
    codes.iter().map(|c| key(*c)).collect::<Vec<_>>().join(",")
}

pub async fn record_login(db: &Db, user: UserRef, now: DateTime<Utc>) -> Result<()> {
    if let UserRef::Portal(id) = user {
        db.execute(
            Sql::new("UPDATE portal_users SET last_login_at = $1 WHERE id = $2")
                .arg(now)
                .arg(id),
        )
        .await?;
    }
    Ok(())
}

/// Creates an active staff user; the e-mail must be new among staff and
/// portal users alike.
pub async fn create_staff(
    tx: &mut Tx,
    email: &str,
    name: &str,
    role: kp_domain::StaffRole,
    password_hash: &str,
    tenants: &[TenantId],
    now: DateTime<Utc>,
) -> Result<StaffUserId> {
    crate::write::staff::insert(
        tx,
        &crate::write::staff::NewStaff {
            email: email.to_owned(),
            name: name.to_owned(),
            role,
            phone: String::new(),
            language: Language::default(),
            password_hash: Some(password_hash.to_owned()),
            active: true,
            tenants: tenants.to_vec(),
            created_at: now,
        },
    )
    .await
}

pub async fn all_tenant_ids(db: &Db) -> Result<Vec<TenantId>> {
    let rows: Vec<(i64,)> = db
        .fetch_all(Sql::new("SELECT id FROM tenants ORDER BY id"))
        .await?;
    Ok(rows.into_iter().map(|(id,)| TenantId(id)).collect())
}
