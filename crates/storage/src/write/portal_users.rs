//! Portal users with their scope restrictions.

use chrono::{DateTime, Utc};
use kp_domain::{
    ClaimId, ContractStatus, ContractType, CustomerId, Language, LineOfBusiness, ObjectId,
    OrganizationId, PermissionProfileId, PortalUserId, PortalUserStatus,
};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;
use crate::users::{UserRef, join_codes, normalize_email, register_identity};

/// Whom a portal user acts for: one customer, or an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortalUserOwner {
    Customer(CustomerId),
    Organization(OrganizationId),
}

/// Narrowing of the user's customers; `None` everywhere means "sees all of
/// the owner's data". An id list that is `Some(vec![])` restricts to
/// nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeRestrictions {
    pub contract_types: Option<Vec<ContractType>>,
    pub statuses: Option<Vec<ContractStatus>>,
    pub lines: Option<Vec<LineOfBusiness>>,
    pub customers: Option<Vec<CustomerId>>,
    pub objects: Option<Vec<ObjectId>>,
    pub claims: Option<Vec<ClaimId>>,
}

#[derive(Debug, Clone)]
pub struct NewPortalUser {
    /// Stored normalized; must be unique among staff and portal users.
    pub email: String,
    pub name: String,
    pub language: Language,
    pub status: PortalUserStatus,
    pub password_hash: Option<String>,
    pub owner: PortalUserOwner,
    pub permission_profile_id: Option<PermissionProfileId>,
    pub scope: ScopeRestrictions,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, u: &NewPortalUser) -> Result<PortalUserId> {
    let (organization, customer) = match u.owner {
        PortalUserOwner::Customer(c) => (None, Some(c)),
        PortalUserOwner::Organization(o) => (Some(o), None),
    };
    let s = &u.scope;
    let sql = Sql::new(
        "INSERT INTO portal_users (email, name, language, status, password_hash, organization_id, \
         customer_id, permission_profile_id, scope_contract_types, scope_statuses, scope_lines, \
         scope_customers_set, scope_objects_set, scope_claims_set, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)",
    )
    .arg(normalize_email(&u.email))
    .arg(&u.name)
    .arg(u.language.code())
    .arg(u.status)
    .arg(u.password_hash.clone())
    .arg(organization)
    .arg(customer)
    .arg(u.permission_profile_id)
    .arg(
        s.contract_types
            .as_deref()
            .map(|v| join_codes(v, ContractType::as_str)),
    )
    .arg(
        s.statuses
            .as_deref()
            .map(|v| join_codes(v, ContractStatus::as_str)),
    )
    .arg(
        s.lines
            .as_deref()
            .map(|v| join_codes(v, LineOfBusiness::as_str)),
    )
    .arg(s.customers.is_some())
    .arg(s.objects.is_some())
    .arg(s.claims.is_some())
    .arg(u.created_at);
    let id = PortalUserId(tx.insert_returning_id(sql).await?);
    register_identity(tx, &u.email, UserRef::Portal(id)).await?;
    insert_scope_ids(tx, id, s).await?;
    Ok(id)
}

async fn insert_scope_ids(tx: &mut Tx, id: PortalUserId, s: &ScopeRestrictions) -> Result<()> {
    let lists: [(&str, Vec<i64>); 3] = [
        (
            "INSERT INTO portal_user_scope_customers (portal_user_id, customer_id) VALUES ($1, $2)",
            s.customers.iter().flatten().map(|c| c.0).collect(),
        ),
        (
            "INSERT INTO portal_user_scope_objects (portal_user_id, object_id) VALUES ($1, $2)",
            s.objects.iter().flatten().map(|o| o.0).collect(),
        ),
        (
            "INSERT INTO portal_user_scope_claims (portal_user_id, claim_id) VALUES ($1, $2)",
            s.claims.iter().flatten().map(|c| c.0).collect(),
        ),
    ];
    for (text, ids) in lists {
        for value in ids {
            tx.execute(Sql::new(text).arg(id).arg(value)).await?;
        }
    }
    Ok(())
}
