//! The session and the user behind it in one query: every signed-in
//! request starts here, and each query is a round trip to the database's
//! worker, so the session row and the user row are read together.

use chrono::{DateTime, Utc};
use kp_domain::Principal;

use crate::Result;
use crate::args::Sql;
use crate::db::Db;
use crate::sessions::SessionRow;
use crate::users::{PortalRow, StaffRow, portal_from_row, staff_from_row};

#[derive(sqlx::FromRow)]
struct Joined {
    id: i64,
    staff_user_id: Option<i64>,
    portal_user_id: Option<i64>,
    impersonated_portal_user_id: Option<i64>,
    csrf_token: String,
    language: String,
    expires_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    su_name: Option<String>,
    su_email: Option<String>,
    su_role: Option<String>,
    su_language: Option<String>,
    su_active: Option<bool>,
    pu_name: Option<String>,
    pu_email: Option<String>,
    pu_language: Option<String>,
    pu_status: Option<String>,
    organization_id: Option<i64>,
    customer_id: Option<i64>,
    scope_contract_types: Option<String>,
    scope_statuses: Option<String>,
    scope_lines: Option<String>,
    scope_customers_set: Option<bool>,
    scope_objects_set: Option<bool>,
    scope_claims_set: Option<bool>,
}

const QUERY: &str = "SELECT s.id, s.staff_user_id, s.portal_user_id, s.impersonated_portal_user_id, \
     s.csrf_token, s.language, s.expires_at, s.last_seen_at, \
     su.name AS su_name, su.email AS su_email, su.role AS su_role, su.language AS su_language, \
     su.active AS su_active, \
     pu.name AS pu_name, pu.email AS pu_email, pu.language AS pu_language, pu.status AS pu_status, \
     pu.organization_id, pu.customer_id, pu.scope_contract_types, pu.scope_statuses, pu.scope_lines, \
     pu.scope_customers_set, pu.scope_objects_set, pu.scope_claims_set \
     FROM sessions s \
     LEFT JOIN staff_users su ON su.id = s.staff_user_id \
     LEFT JOIN portal_users pu ON pu.id = s.portal_user_id \
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.created_at > $3";

/// The unexpired session for a token hash and its principal; `None` when
/// there is no such session, it was created before `created_after` (its
/// absolute lifetime is over) or its user is gone or deactivated.
pub async fn find(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
    created_after: DateTime<Utc>,
) -> Result<Option<(SessionRow, Principal)>> {
    let row: Option<Joined> = db
        .fetch_optional(Sql::new(QUERY).arg(token_hash).arg(now).arg(created_after))
        .await?;
    let Some(j) = row else {
        return Ok(None);
    };
    let session = SessionRow {
        id: j.id,
        staff_user_id: j.staff_user_id,
        portal_user_id: j.portal_user_id,
        impersonated_portal_user_id: j.impersonated_portal_user_id,
        csrf_token: j.csrf_token,
        language: j.language,
        expires_at: j.expires_at,
        last_seen_at: j.last_seen_at,
    };
    let principal = match (j.staff_user_id, j.portal_user_id) {
        (Some(id), _) => match (j.su_name, j.su_email, j.su_role, j.su_language, j.su_active) {
            (Some(name), Some(email), Some(role), Some(language), Some(active)) => {
                staff_from_row(
                    db,
                    StaffRow {
                        id,
                        name,
                        email,
                        role,
                        language,
                        active,
                    },
                )
                .await?
            }
            _ => None,
        },
        (None, Some(id)) => match (j.pu_name, j.pu_email, j.pu_language, j.pu_status) {
            (Some(name), Some(email), Some(language), Some(status)) => {
                let row = PortalRow {
                    id,
                    name,
                    email,
                    language,
                    status,
                    organization_id: j.organization_id,
                    customer_id: j.customer_id,
                    scope_contract_types: j.scope_contract_types,
                    scope_statuses: j.scope_statuses,
                    scope_lines: j.scope_lines,
                    scope_customers_set: j.scope_customers_set.unwrap_or(false),
                    scope_objects_set: j.scope_objects_set.unwrap_or(false),
                    scope_claims_set: j.scope_claims_set.unwrap_or(false),
                };
                portal_from_row(db, row).await?
            }
            _ => None,
        },
        (None, None) => None,
    };
    Ok(principal.map(|p| (session, p)))
}
