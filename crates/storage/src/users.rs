//! Staff and portal users as far as login and the principal need them.

use chrono::{DateTime, Utc};
use kp_domain::{
    Actor, ContractStatus, ContractType, CustomerId, CustomerSet, Language, LineOfBusiness,
    OrganizationId, PortalUserId, PortalUserStatus, Principal, Scope, StaffRole, StaffUserId,
    TenantId, UnknownCode,
};

use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::{Result, StorageError};

/// What the login form needs to verify a password, for either kind of user.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub user: UserRef,
    pub password_hash: Option<String>,
    pub can_log_in: bool,
    pub language: Language,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserRef {
    Staff(StaffUserId),
    Portal(PortalUserId),
}

#[derive(sqlx::FromRow)]
struct CredentialRow {
    id: i64,
    password_hash: Option<String>,
    status: String,
    language: String,
}

/// Looks up a login e-mail among staff first, then portal users. E-mails
/// are compared case-insensitively.
pub async fn credentials_by_email(db: &Db, email: &str) -> Result<Option<Credentials>> {
    let email = email.trim().to_lowercase();
    let staff: Option<CredentialRow> = db
        .fetch_optional(
            Sql::new(
                "SELECT id, password_hash, CASE WHEN active THEN 'active' ELSE 'inactive' END AS status, language \
                 FROM staff_users WHERE LOWER(email) = $1",
            )
            .arg(&email),
        )
        .await?;
    if let Some(row) = staff {
        return Ok(Some(Credentials {
            user: UserRef::Staff(StaffUserId(row.id)),
            can_log_in: row.status == "active",
            password_hash: row.password_hash,
            language: Language::parse(&row.language).unwrap_or_default(),
        }));
    }
    let portal: Option<CredentialRow> = db
        .fetch_optional(
            Sql::new("SELECT id, password_hash, status, language FROM portal_users WHERE LOWER(email) = $1")
                .arg(&email),
        )
        .await?;
    Ok(portal.map(|row| Credentials {
        user: UserRef::Portal(PortalUserId(row.id)),
        can_log_in: row.status == PortalUserStatus::Active.as_str(),
        password_hash: row.password_hash,
        language: Language::parse(&row.language).unwrap_or_default(),
    }))
}

#[derive(sqlx::FromRow)]
pub(crate) struct StaffRow {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) role: String,
    pub(crate) language: String,
    pub(crate) active: bool,
}

#[derive(sqlx::FromRow)]
pub(crate) struct PortalRow {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) language: String,
    pub(crate) status: String,
    pub(crate) organization_id: Option<i64>,
    pub(crate) customer_id: Option<i64>,
    pub(crate) scope_contract_types: Option<String>,
    pub(crate) scope_statuses: Option<String>,
    pub(crate) scope_lines: Option<String>,
    pub(crate) scope_customers_set: bool,
    pub(crate) scope_objects_set: bool,
    pub(crate) scope_claims_set: bool,
}

/// Builds the principal of a staff user; `None` when the user is gone or
/// deactivated, which ends their sessions at the next request.
pub async fn staff_principal(db: &Db, id: StaffUserId) -> Result<Option<Principal>> {
    let row: Option<StaffRow> = db
        .fetch_optional(
            Sql::new(
                "SELECT id, name, email, role, language, active FROM staff_users WHERE id = $1",
            )
            .arg(id),
        )
        .await?;
    match row {
        Some(row) => staff_from_row(db, row).await,
        None => Ok(None),
    }
}

/// The principal of a loaded staff row; `None` when deactivated.
pub(crate) async fn staff_from_row(db: &Db, row: StaffRow) -> Result<Option<Principal>> {
    if !row.active {
        return Ok(None);
    }
    let id = StaffUserId(row.id);
    let role = StaffRole::parse(&row.role)?;
    let tenants: Vec<(i64,)> = db
        .fetch_all(Sql::new("SELECT tenant_id FROM staff_user_tenants WHERE staff_user_id = $1 ORDER BY tenant_id").arg(id))
        .await?;
    let tenants: Vec<TenantId> = tenants.into_iter().map(|(t,)| TenantId(t)).collect();
    Ok(Some(Principal {
        scope: Principal::staff_scope(role, &tenants),
        actor: Actor::Staff {
            id: StaffUserId(row.id),
            role,
            tenants,
        },
        impersonated_by: None,
        name: row.name,
        email: row.email,
        language: Language::parse(&row.language).unwrap_or_default(),
    }))
}

/// Builds the principal of a portal user with the scope from their
/// organization or customer and their restrictions; `None` unless active.
pub async fn portal_principal(db: &Db, id: PortalUserId) -> Result<Option<Principal>> {
    let row: Option<PortalRow> = db
        .fetch_optional(
            Sql::new(
                "SELECT id, name, email, language, status, organization_id, customer_id, \
                 scope_contract_types, scope_statuses, scope_lines, \
                 scope_customers_set, scope_objects_set, scope_claims_set \
                 FROM portal_users WHERE id = $1",
            )
            .arg(id),
        )
        .await?;
    match row {
        Some(row) => portal_from_row(db, row).await,
        None => Ok(None),
    }
}

/// The principal of a loaded portal user row; `None` unless active.
pub(crate) async fn portal_from_row(db: &Db, row: PortalRow) -> Result<Option<Principal>> {
    if row.status != PortalUserStatus::Active.as_str() {
        return Ok(None);
    }
    let scope = portal_scope(db, &row).await?;
    Ok(Some(Principal {
        actor: Actor::Portal {
            id: PortalUserId(row.id),
            organization: row.organization_id.map(OrganizationId),
            customer: row.customer_id.map(CustomerId),
        },
        impersonated_by: None,
        name: row.name,
        email: row.email,
        language: Language::parse(&row.language).unwrap_or_default(),
        scope,
    }))
}

async fn portal_scope(db: &Db, row: &PortalRow) -> Result<Scope> {
    let allowed = if row.scope_customers_set {
        let sql = Sql::new(
            "SELECT customer_id FROM portal_user_scope_customers WHERE portal_user_id = $1 \
             ORDER BY customer_id",
        );
        Some(ids(db, sql.arg(row.id)).await?)
    } else {
        None
    };
    let to_ids = |v: Vec<i64>| v.into_iter().map(CustomerId).collect::<Vec<_>>();
    let customers = match (row.organization_id, row.customer_id) {
        (Some(org), _) => CustomerSet::Organization {
            id: OrganizationId(org),
            only: allowed.map(to_ids),
        },
        (None, Some(own)) => {
            let own = allowed
                .as_ref()
                .is_none_or(|a| a.contains(&own))
                .then_some(own);
            CustomerSet::Ids(to_ids(own.into_iter().collect()))
        }
        (None, None) => CustomerSet::Ids(Vec::new()),
    };
    let objects = if row.scope_objects_set {
        Some(ids(db, Sql::new("SELECT object_id FROM portal_user_scope_objects WHERE portal_user_id = $1 ORDER BY object_id").arg(row.id)).await?)
    } else {
        None
    };
    let claims = if row.scope_claims_set {
        Some(ids(db, Sql::new("SELECT claim_id FROM portal_user_scope_claims WHERE portal_user_id = $1 ORDER BY claim_id").arg(row.id)).await?)
    } else {
        None
    };
    Ok(Scope {
        customers,
        contract_types: parse_list(row.scope_contract_types.as_deref(), ContractType::parse)?,
        statuses: parse_list(row.scope_statuses.as_deref(), ContractStatus::parse)?,
        lines: parse_list(row.scope_lines.as_deref(), LineOfBusiness::parse)?,
        objects: objects.map(|v| v.into_iter().map(kp_domain::ObjectId).collect()),
        claims: claims.map(|v| v.into_iter().map(kp_domain::ClaimId).collect()),
    })
}

async fn ids(db: &Db, sql: Sql) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = db.fetch_all(sql).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// A comma-separated list of codes; NULL means "not restricted", an empty
/// string "restricted to nothing".
fn parse_list<T>(
    value: Option<&str>,
    parse: fn(&str) -> Result<T, UnknownCode>,
) -> Result<Option<Vec<T>>> {
    value
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| parse(s).map_err(StorageError::from))
                .collect()
        })
        .transpose()
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

/// Creates a staff user; the e-mail must be new.
pub async fn create_staff(
    tx: &mut Tx,
    email: &str,
    name: &str,
    role: StaffRole,
    password_hash: &str,
    tenants: &[TenantId],
    now: DateTime<Utc>,
) -> Result<StaffUserId> {
    let id = tx
        .insert_returning_id(
            Sql::new(
                "INSERT INTO staff_users (email, name, role, password_hash, active, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, TRUE, $5, $5)",
            )
            .arg(email.trim().to_lowercase())
            .arg(name)
            .arg(role)
            .arg(password_hash)
            .arg(now),
        )
        .await?;
    for tenant in tenants {
        tx.execute(
            Sql::new("INSERT INTO staff_user_tenants (staff_user_id, tenant_id) VALUES ($1, $2)")
                .arg(id)
                .arg(*tenant),
        )
        .await?;
    }
    Ok(StaffUserId(id))
}

pub async fn all_tenant_ids(db: &Db) -> Result<Vec<TenantId>> {
    Ok(ids(db, Sql::new("SELECT id FROM tenants ORDER BY id"))
        .await?
        .into_iter()
        .map(TenantId)
        .collect())
}
