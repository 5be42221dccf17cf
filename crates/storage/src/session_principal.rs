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

/// The statement with its conditions on the session; `$1` is the token
/// hash, `$2` now and `$3` the oldest creation time still alive.
fn select(db: &Db, extra_columns: &str, extra_joins: &str) -> Sql {
    let mut sql = Sql::new(
        "SELECT s.id, s.staff_user_id, s.portal_user_id, s.impersonated_portal_user_id, \
         s.csrf_token, s.language, s.expires_at, s.last_seen_at, s.stage, s.login_attempt_id, s.consent_check, ",
    );
    principal_row::columns(db.backend(), &mut sql);
    sql.push(extra_columns);
    // An impersonating session (a staff user viewing the portal as a
    // portal user) acts as that portal user, with their scope and profile;
    // the staff user stays on record as `impersonated_by` and must still
    // be active.
    sql.push(
        " FROM sessions s \
         LEFT JOIN staff_users su ON su.id = s.staff_user_id \
         AND s.impersonated_portal_user_id IS NULL \
         LEFT JOIN portal_users pu ON pu.id = COALESCE(s.impersonated_portal_user_id, s.portal_user_id) \
         LEFT JOIN permission_profiles pp ON pp.id = pu.permission_profile_id ",
    );
    sql.push(extra_joins);
    sql.push(
        " WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.created_at > $3 \
         AND (s.impersonated_portal_user_id IS NULL OR EXISTS (SELECT 1 FROM staff_users ist \
         WHERE ist.id = s.staff_user_id AND ist.active))",
    );
    sql
}

fn principal_of(session: &SessionRow, user: UserRow) -> Result<Option<Principal>> {
    let impersonated_by = session
        .impersonated_portal_user_id
        .and(session.staff_user_id)
        .map(StaffUserId);
    Ok(user.principal()?.map(|mut p| {
        p.impersonated_by = impersonated_by;
        p
    }))
}

/// The unexpired session for a token hash and its principal; `None` when
/// there is no such session, it was created before `created_after` (its
/// absolute lifetime is over) or its user is gone or deactivated. A
/// session that impersonates ("view as user") is not found here: it counts
/// only with the staff session it belongs to ([`find_view`]).
pub async fn find(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
    created_after: DateTime<Utc>,
) -> Result<Option<(SessionRow, Principal)>> {
    let mut sql = select(db, "", "");
    sql.push(" AND s.impersonated_portal_user_id IS NULL");
    let row: Option<Joined> = db
        .fetch_optional(sql.arg(token_hash).arg(now).arg(created_after))
        .await?;
    let Some(Joined { session, user }) = row else {
        return Ok(None);
    };
    Ok(principal_of(&session, user)?.map(|p| (session, p)))
}

/// A live "view as user" session with what the banner and the staff
/// session's sliding expiry need.
#[derive(Debug, Clone)]
pub struct ViewSession {
    pub session: SessionRow,
    pub principal: Principal,
    pub view_id: i64,
    pub staff_name: String,
    pub staff_session_id: i64,
    pub staff_last_seen_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct JoinedView {
    #[sqlx(flatten)]
    session: SessionRow,
    #[sqlx(flatten)]
    user: UserRow,
    view_id: i64,
    view_staff_name: String,
    view_staff_session_id: i64,
    view_staff_last_seen_at: DateTime<Utc>,
}

/// The "view as user" session of `view_hash`, if it is alive and belongs
/// to the live, fully signed-in staff session of `staff_hash` (so a view
/// cookie alone, or with another staff session, is worth nothing).
pub async fn find_view(
    db: &Db,
    view_hash: &str,
    staff_hash: &str,
    now: DateTime<Utc>,
    created_after: DateTime<Utc>,
) -> Result<Option<ViewSession>> {
    let mut sql = select(
        db,
        ", s.portal_view_id AS view_id, vst.name AS view_staff_name, \
         ss.id AS view_staff_session_id, ss.last_seen_at AS view_staff_last_seen_at",
        "JOIN sessions ss ON ss.id = s.staff_session_id \
         JOIN staff_users vst ON vst.id = s.staff_user_id",
    );
    sql.push(
        " AND s.impersonated_portal_user_id IS NOT NULL AND s.portal_view_id IS NOT NULL \
         AND ss.token_hash = $4 AND ss.expires_at > $2 AND ss.created_at > $3 \
         AND ss.stage = 'full' AND ss.staff_user_id = s.staff_user_id \
         AND ss.impersonated_portal_user_id IS NULL",
    );
    let row: Option<JoinedView> = db
        .fetch_optional(
            sql.arg(view_hash)
                .arg(now)
                .arg(created_after)
                .arg(staff_hash),
        )
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let Some(principal) = principal_of(&row.session, row.user)? else {
        return Ok(None);
    };
    Ok(Some(ViewSession {
        session: row.session,
        principal,
        view_id: row.view_id,
        staff_name: row.view_staff_name,
        staff_session_id: row.view_staff_session_id,
        staff_last_seen_at: row.view_staff_last_seen_at,
    }))
}
