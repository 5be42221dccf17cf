//! Audit entries of what users do to their own account's security (a
//! changed login e-mail, an added or removed passkey): the actor is the
//! user, the target their own account.

use chrono::{DateTime, Utc};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;
use crate::users::UserRef;

/// One entry, in the caller's transaction with the change it records.
pub async fn record(
    tx: &mut Tx,
    user: UserRef,
    action: &str,
    ip: &str,
    details: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<()> {
    let (staff, portal, kind, id) = match user {
        UserRef::Staff(id) => (Some(id.0), None, "staff_user", id.0),
        UserRef::Portal(id) => (None, Some(id.0), "portal_user", id.0),
    };
    tx.execute(
        Sql::new(
            "INSERT INTO audit_entries (actor_staff_id, actor_portal_user_id, action, \
             target_kind, target_id, ip, details, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .arg(staff)
        .arg(portal)
        .arg(action)
        .arg(kind)
        .arg(id)
        .arg(ip)
        .arg(details.to_string())
        .arg(now),
    )
    .await?;
    Ok(())
}
