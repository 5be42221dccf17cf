//! What delegated administration (issue 9) reads beyond the staff's user
//! administration: the id lists of a user's scope spelled out (to compare
//! an admin's grant with their own), and the organization's active users
//! with their profile's functions (the last administrator must stay).

use kp_domain::{Function, MenuArea, OrganizationId, Permissions, PortalUserId};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

/// Which id list of a user's scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Customers,
    Objects,
    Claims,
}

impl ListKind {
    fn sql(self) -> &'static str {
        match self {
            ListKind::Customers => {
                "SELECT customer_id FROM portal_user_scope_customers WHERE portal_user_id = $1"
            }
            ListKind::Objects => {
                "SELECT object_id FROM portal_user_scope_objects WHERE portal_user_id = $1"
            }
            ListKind::Claims => {
                "SELECT claim_id FROM portal_user_scope_claims WHERE portal_user_id = $1"
            }
        }
    }
}

/// Every id in the user's list (whether or not its flag is set).
pub async fn listed_ids(tx: &mut Tx, user: PortalUserId, kind: ListKind) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = tx.fetch_all(Sql::new(kind.sql()).arg(user)).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

#[derive(Debug, sqlx::FromRow)]
struct ActiveRow {
    id: i64,
    has_profile: bool,
    menu_areas: Option<String>,
    functions: Option<String>,
}

fn keys<T>(
    text: Option<&str>,
    parse: fn(&str) -> std::result::Result<T, kp_domain::UnknownCode>,
) -> Vec<T> {
    text.and_then(|t| serde_json::from_str::<Vec<String>>(t).ok())
        .unwrap_or_default()
        .iter()
        .filter_map(|k| parse(k).ok())
        .collect()
}

/// The active users of the organization who may manage its users (their
/// profile allows it, or they have no profile), read in the caller's
/// transaction.
pub async fn active_admins(tx: &mut Tx, org: OrganizationId) -> Result<Vec<PortalUserId>> {
    let rows: Vec<ActiveRow> = tx
        .fetch_all(
            Sql::new(
                "SELECT pu.id, pp.id IS NOT NULL AS has_profile, pp.menu_areas, pp.functions \
                 FROM portal_users pu LEFT JOIN permission_profiles pp \
                 ON pp.id = pu.permission_profile_id \
                 WHERE pu.organization_id = $1 AND pu.status = 'active'",
            )
            .arg(org),
        )
        .await?;
    Ok(rows
        .into_iter()
        .filter(|r| {
            let p = if r.has_profile {
                Permissions::profile(
                    keys(r.menu_areas.as_deref(), MenuArea::parse),
                    keys(r.functions.as_deref(), Function::parse),
                    Vec::new(),
                )
            } else {
                Permissions::all()
            };
            p.allows(Function::ManageUsers)
        })
        .map(|r| PortalUserId(r.id))
        .collect())
}

/// Empties the user's customer list before an organization admin writes
/// it anew (the staff's save keeps entries outside the writer's scope,
/// which would leave the user broader than the admin).
pub async fn clear_customers(tx: &mut Tx, user: PortalUserId) -> Result<u64> {
    tx.execute(
        Sql::new("DELETE FROM portal_user_scope_customers WHERE portal_user_id = $1").arg(user),
    )
    .await
}
