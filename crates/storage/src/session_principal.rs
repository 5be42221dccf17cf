//! The session and the user behind it in one query: every signed-in
//! request starts here, and each query is a round trip to the database's
//! worker, so the session row, the user row, a staff member's tenants and a
//! portal user's permission profile are read together. A portal user's id
//! lists are not read at all: the scope refers to them by user id.

use chrono::{DateTime, Utc};
use kp_domain::Principal;

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
         s.csrf_token, s.language, s.expires_at, s.last_seen_at, ",
    );
    principal_row::columns(db.backend(), &mut sql);
    sql.push(" FROM sessions s ");
    principal_row::joins(&mut sql);
    sql.push("WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.created_at > $3");
    let row: Option<Joined> = db
        .fetch_optional(sql.arg(token_hash).arg(now).arg(created_after))
        .await?;
    let Some(Joined { session, user }) = row else {
        return Ok(None);
    };
    Ok(user.principal()?.map(|p| (session, p)))
}
