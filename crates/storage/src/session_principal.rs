//! The session and the user behind it in one query: every signed-in
//! request starts here, and each query is a round trip to the database's
//! worker, so the session row, the user row, a staff member's tenants and a
//! portal user's permission profile are read together. A portal user's id
//! lists are not read at all: the scope refers to them by user id.

use chrono::{DateTime, Utc};
use kp_domain::{Principal, StaffUserId};

use crate::Result;
use crate::args::Sql;
use crate::db::Db;
use crate::principal_row::{self, UserRow};
use crate::sessions::SessionRow;

#[derive(sqlx::FromRow)]
struct Joined {
    #[sqlx(flatten)]
    session: SessionRow,
    #[sqlx(flatten)]
    user: UserRow,
}

/// The unexpired session for a token hash and its principal; `None` when
/// there is no such session, it was created before `created_after` (its
/// absolute lifetime is over) or its user is gone or deactivated.
pub async fn find(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
    created_after: DateTime<Utc>,
) -> Result<Option<(SessionRow, Principal)>> {
    let mut sql = Sql::new(
        "SELECT s.id, s.staff_user_id, s.portal_user_id, s.impersonated_portal_user_id, \
         s.csrf_token, s.language, s.expires_at, s.last_seen_at, s.stage, s.login_attempt_id, s.consent_check, ",
    );
    principal_row::columns(db.backend(), &mut sql);
    // An impersonating session (a staff user viewing the portal as a
    // portal user) acts as that portal user, with their scope and profile;
    // the staff user stays on record as `impersonated_by` and must still
    // be active.
    sql.push(
        " FROM sessions s \
         LEFT JOIN staff_users su ON su.id = s.staff_user_id \
         AND s.impersonated_portal_user_id IS NULL \
         LEFT JOIN portal_users pu ON pu.id = COALESCE(s.impersonated_portal_user_id, s.portal_user_id) \
         LEFT JOIN permission_profiles pp ON pp.id = pu.permission_profile_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.created_at > $3 \
         AND (s.impersonated_portal_user_id IS NULL OR EXISTS (SELECT 1 FROM staff_users ist \
         WHERE ist.id = s.staff_user_id AND ist.active))",
    );
    let row: Option<Joined> = db
        .fetch_optional(sql.arg(token_hash).arg(now).arg(created_after))
        .await?;
    let Some(Joined { session, user }) = row else {
        return Ok(None);
    };
    let impersonated_by = session
        .impersonated_portal_user_id
        .and(session.staff_user_id)
        .map(StaffUserId);
    Ok(user.principal()?.map(|mut p| {
        p.impersonated_by = impersonated_by;
        (session, p)
    }))
}
